namespace Warehouse.Etl.Runs;

/// <summary>What a piece of work came to, as the layers below the CLI report it; only the CLI turns it into a
/// process exit code (<c>Cli.ExitCodes.Of</c>: 0, 1, 2).</summary>
public enum Outcome
{
    /// <summary>Everything asked for was done.</summary>
    Ok,

    /// <summary>A handled failure: a step, a table or a data test failed; the run log says which.</summary>
    Failed,

    /// <summary>A usage, configuration or unexpected error.</summary>
    Error,
}
