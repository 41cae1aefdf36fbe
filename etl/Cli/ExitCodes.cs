using Warehouse.Etl.Runs;

namespace Warehouse.Etl.Cli;

/// <summary>Process exit codes shared by every verb.</summary>
public static class ExitCodes
{
    /// <summary>Everything asked for was done.</summary>
    public const int Ok = 0;

    /// <summary>A handled failure: a step, a table or a data test failed; the run log says which.</summary>
    public const int Failed = 1;

    /// <summary>Usage, configuration or unexpected error.</summary>
    public const int Usage = 2;

    /// <summary>The exit code of an outcome reported by the layers below the CLI.</summary>
    public static int Of(Outcome outcome) => outcome switch
    {
        Outcome.Ok => Ok,
        Outcome.Failed => Failed,
        _ => Usage,
    };
}
