namespace Warehouse.Etl.Runs;

/// <summary>One row of meta.run_step.</summary>
public sealed record StepRecord(
    string Step,
    string Status,
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
    public string What => string.Join(' ', new[] { Step, Source, Edition?.ToString(System.Globalization.CultureInfo.InvariantCulture), TableId }.Where(p => p is not null));
}

/// <summary>Values of meta.run.status and meta.run_step.status.</summary>
public static class RunStatus
{
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    /// <summary>A build that would have reproduced the live warehouse; recorded in the run log only (the live file is never written).</summary>
    public const string Skipped = "skipped";
}
