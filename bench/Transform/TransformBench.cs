using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;

namespace Warehouse.Bench.Transform;

/// <summary>The product's steps the transform bench times, handed in by the CLI.</summary>
/// <param name="Migrate">Creates or updates the warehouse schema (staging included).</param>
/// <param name="Transform">Applies the sql/ layers to a filled staging table.</param>
/// <param name="DataTests">Runs the data tests; the string is a run id.</param>
public sealed record TransformSteps(Action<DuckDBConnection> Migrate, Action<DuckDBConnection> Transform, Action<DuckDBConnection, string> DataTests);

/// <summary>Median wall and CPU time of <c>transform</c> and of the data tests on a full staging table.</summary>
public static class TransformBench
{
    /// <summary>Times <paramref name="runs"/> runs after one warm-up and prints the medians to <paramref name="output"/>.</summary>
    /// <param name="connection">An open warehouse: either a copy whose staging is filled, or an empty scratch file.</param>
    /// <param name="fillSynthetic">Append <see cref="SyntheticStaging"/> first (the scratch case).</param>
    /// <param name="runs">Timed runs, at least 1.</param>
    /// <param name="steps">The product's migrate, transform and data-test steps.</param>
    /// <param name="output">Where the figures go.</param>
    public static void Run(DuckDBConnection connection, bool fillSynthetic, int runs, TransformSteps steps, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        steps.Migrate(connection);
        if (fillSynthetic)
            StagingWriter.Append(connection, SyntheticStaging.Generate());
        long staged = Count(connection, "staging.observation");
        var transform = new List<double>();
        var transformCpu = new List<double>();
        var tests = new List<double>();
        using var process = Process.GetCurrentProcess();
        for (int i = 0; i <= runs; i++)
        {
            // CPU time (all threads of the process) next to wall time: on a shared machine the wall time
            // mostly measures the queue for a core, the CPU time what the transform itself costs.
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            steps.Transform(connection);
            double transformMs = clock.Elapsed.TotalMilliseconds;
            process.Refresh();
            double transformCpuMs = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
            clock.Restart();
            steps.DataTests(connection, $"bench-{i}");
            double testsMs = clock.Elapsed.TotalMilliseconds;
            if (i == 0)
                continue; // warm-up: first YAML parse, JIT
            transform.Add(transformMs);
            transformCpu.Add(transformCpuMs);
            tests.Add(testsMs);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bench transform: {staged} staging rows, panel {Count(connection, "main.panel")} rows, {runs} runs on {Environment.ProcessorCount} cores ({System.Runtime.InteropServices.RuntimeInformation.OSDescription}), load average {Timing.LoadAverage()}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  transform  median {Timing.Median(transform):F0} ms wall  (min {transform.Min():F0}, max {transform.Max():F0}); median {Timing.Median(transformCpu):F0} ms CPU"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  data tests median {Timing.Median(tests):F0} ms  (min {tests.Min():F0}, max {tests.Max():F0})"));
    }

    private static long Count(DuckDBConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"select count(*) from {table}";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
