using System.CommandLine;
using Warehouse.Analysis.Data;
using Warehouse.Bench.Transform;
using Warehouse.Etl.Transform;

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
        var command = new Command("transform", "Median wall time of the build's transform (a connection per core, at most four) and of the data tests.\n\nExample:\n  warehouse bench transform --runs 9\n  warehouse bench transform --db demo-copy.duckdb") { runs, db };
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

        var scratch = db is null ? Path.Combine(Path.GetTempPath(), $"warehouse-bench-{Guid.NewGuid():N}.duckdb") : null;
        try
        {
            using var connection = WarehouseConnection.OpenForWriting((scratch ?? db)!);
            var settings = TransformSettings.From(new Config.AnalysisSettings { Sample = new Config.SampleSettings { Years = new Config.YearRange(2010, 2023), ExcludeProvinces = [54] } });
            var steps = new TransformSteps(
                SqlModel.Migrate,
                c => ConcurrentTransform.Apply(c, settings, ConcurrentTransform.DefaultConnections),
                (c, runId) => DataTestRunner.Run(c, runId, TimeProvider.System));
            TransformBench.Run(connection, fillSynthetic: scratch is not null, runs, steps, output);
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
}
