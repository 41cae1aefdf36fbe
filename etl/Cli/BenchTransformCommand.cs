using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using Warehouse.Etl.Transform;
using Warehouse.Etl.Transform.Bench;

namespace Warehouse.Etl.Cli;

/// <summary>The <c>bench transform</c> verb: median time of <c>transform</c> (and of the data tests) on a full staging table.</summary>
public static class BenchTransformCommand
{
    public static Command Create()
    {
        var runs = new Option<int>("--runs") { Description = "Timed runs after one warm-up", DefaultValueFactory = _ => 9 }.AtLeast(1);
        var db = new Option<string?>("--db")
        {
            Description = "Copy of a warehouse whose staging is filled (e.g. the demo build); default: synthetic 31 provinces x 14 years",
        };
        var command = new Command("transform", "Median wall time of transform and of the data tests.\n\nExample:\n  warehouse bench transform --runs 9\n  warehouse bench transform --db demo-copy.duckdb") { runs, db };
        command.SetAction(parseResult => Run(parseResult.GetValue(db), parseResult.GetValue(runs), Console.Out));
        return command;
    }

    internal static int Run(string? db, int runs, TextWriter output)
    {
        if (runs < 1)
        {
            output.WriteLine("bench transform: --runs must be at least 1");
            return ExitCodes.Usage;
        }

        string? scratch = null;
        string path;
        if (db is null)
        {
            scratch = Path.Combine(Path.GetTempPath(), $"warehouse-bench-{Guid.NewGuid():N}.duckdb");
            path = scratch;
        }
        else
        {
            path = db;
        }

        try
        {
            using var connection = new DuckDBConnection($"Data Source={path}");
            connection.Open();
            SqlModel.Migrate(connection);
            if (scratch is not null)
                StagingWriter.Append(connection, SyntheticStaging.Generate());
            long staged = Count(connection, "staging.observation");
            var settings = TransformSettings.From(new Config.AnalysisSettings { Sample = new Config.SampleSettings { Years = "2010..2023", ExcludeProvinces = [54] } });
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
                SqlModel.Apply(connection, settings);
                double transformMs = clock.Elapsed.TotalMilliseconds;
                process.Refresh();
                double transformCpuMs = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
                clock.Restart();
                DataTestRunner.Run(connection, $"bench-{i}", TimeProvider.System);
                double testsMs = clock.Elapsed.TotalMilliseconds;
                if (i == 0)
                    continue; // warm-up: first YAML parse, JIT
                transform.Add(transformMs);
                transformCpu.Add(transformCpuMs);
                tests.Add(testsMs);
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"bench transform: {staged} staging rows, panel {Count(connection, "main.panel")} rows, {runs} runs on {Environment.ProcessorCount} cores ({System.Runtime.InteropServices.RuntimeInformation.OSDescription}), load average {LoadAverage()}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  transform  median {Median(transform):F0} ms wall  (min {transform.Min():F0}, max {transform.Max():F0}); median {Median(transformCpu):F0} ms CPU"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  data tests median {Median(tests):F0} ms  (min {tests.Min():F0}, max {tests.Max():F0})"));
            return ExitCodes.Ok;
        }
        finally
        {
            if (scratch is not null)
            {
                File.Delete(scratch);
                File.Delete(scratch + ".wal");
            }
        }
    }

    /// <summary>The 1-minute load average on Linux (what else competed for the cores), else "n/a".</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static long Count(DuckDBConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"select count(*) from {table}";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
