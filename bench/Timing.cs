using System.Diagnostics;

namespace Warehouse.Bench;

/// <summary>What every bench shares: medians, warm-up floors, and the machine's load while it ran.</summary>
public static class Timing
{
    /// <summary>Warm-up runs: at least this many, and for at least <see cref="WarmUpTime"/>.</summary>
    public const int WarmUpRuns = 3;

    /// <summary>
    /// Tiered JIT with dynamic PGO compiles hot methods again in the background; AngleSharp's tokenizer and tree builder
    /// are large, and on a loaded machine their tier-1 code can still be queued when the next reader starts. Three
    /// quick runs were too short once the HTML reader got fast: the xlsx reader after it measured 0.3 s per run
    /// instead of 0.15 s (0.15 s with DOTNET_TieredPGO=0). A time floor lets the background compiler catch up.
    /// </summary>
    public static readonly TimeSpan WarmUpTime = TimeSpan.FromSeconds(2);

    /// <summary>Runs <paramref name="run"/> until both warm-up floors are met.</summary>
    public static void WarmUp(Action run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < WarmUpRuns || Stopwatch.GetElapsedTime(started) < WarmUpTime; i++)
            run();
    }

    /// <summary>The median of <paramref name="values"/> (mean of the two middle values for an even count); the list is not changed.</summary>
    /// <exception cref="ArgumentException">The list is empty.</exception>
    public static double Median(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
            throw new ArgumentException("no values to take the median of", nameof(values));
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>The 1-minute load average on Linux (what else competed for the cores), else "n/a".</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
