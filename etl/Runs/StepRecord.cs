using Warehouse.Etl.Config;

namespace Warehouse.Etl.Runs;

/// <summary>One row of meta.run_step.</summary>
public sealed record StepRecord(
    PipelineStep Step,
    RunStatus Status,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    string? Source = null,
    int? Edition = null,
    string? TableId = null,
    long? RowsIn = null,
    long? RowsOut = null,
    string? Error = null)
{
    /// <summary>Readable one-line form for console and log: <c>load labour_yearbook 2016 4-2</c>.</summary>
    public string What => string.Join(' ', new[] { Step.Name(), Source, Edition?.ToString(System.Globalization.CultureInfo.InvariantCulture), TableId }.Where(p => p is not null));
}

/// <summary>How a run or one of its steps ended (or that it is still running).</summary>
public enum RunStatus
{
    Running,
    Succeeded,
    Failed,
    Cancelled,

    /// <summary>A build that would have reproduced the live warehouse; recorded in the run log only (the live file is never written).</summary>
    Skipped,

    /// <summary>The run did not start: the build lock is held or the request was refused (never in meta.run).</summary>
    Refused,

    /// <summary>A dry run: the work list was printed, nothing written (never in meta.run).</summary>
    DryRun,
}

/// <summary>The words meta.run.status, meta.run_step.status, the run log and the console use for <see cref="RunStatus"/>, mapped once.</summary>
public static class RunStatuses
{
    /// <summary>Word → status.</summary>
    public static readonly IReadOnlyDictionary<string, RunStatus> Names = new Dictionary<string, RunStatus>(StringComparer.Ordinal)
    {
        ["running"] = RunStatus.Running,
        ["succeeded"] = RunStatus.Succeeded,
        ["failed"] = RunStatus.Failed,
        ["cancelled"] = RunStatus.Cancelled,
        ["skipped"] = RunStatus.Skipped,
        ["refused"] = RunStatus.Refused,
        ["dry_run"] = RunStatus.DryRun,
    };

    /// <summary>The word of a status.</summary>
    public static string Name(this RunStatus status) => Warehouse.Analysis.Specs.OptionNames.NameOf(Names, status);
}
