using System.CommandLine;
using System.Diagnostics;
using DuckDB.NET.Data;
using Warehouse.Etl.Transform;

namespace Warehouse.Etl.Cli;

/// <summary>The <c>transform</c> verb: migrations, cfg tables, then every relation of sql/ in dependency order.</summary>
public static class TransformCommand
{
    public static Command Create()
    {
        var command = new Command("transform", "Re-apply the sql/ layers to a database whose staging.observation is filled.\n\nExample:\n  warehouse transform --db warehouse.duckdb\n  warehouse transform --db warehouse.duckdb --dry-run").WithCommonOptions(CommonOptions.Config, CommonOptions.Db, CommonOptions.DryRun);
        command.SetAction(parseResult => Run(
            parseResult.GetValue(CommonOptions.Config)!,
            parseResult.GetValue(CommonOptions.Db),
            parseResult.GetValue(CommonOptions.DryRun),
            Console.Out,
            Console.Error));
        return command;
    }

    internal static int Run(string configPath, string? db, bool dryRun, TextWriter output, TextWriter errors)
    {
        try
        {
            var config = WarehouseConfigReader.Load(configPath);
            var settings = TransformSettings.From(config.Analysis);
            if (dryRun)
            {
                foreach (var (file, sql) in SqlModel.MigrationScripts())
                    output.WriteLine($"-- migration {Path.GetFileName(file)}\n{sql.TrimEnd()}\n");
                foreach (var step in SqlModel.Plan(settings))
                    output.WriteLine($"-- {step.Label}\n{step.Sql};\n");
                return ExitCodes.Ok;
            }

            string path = WarehouseConfigReader.ResolveDatabase(db, config);
            if (!File.Exists(path))
            {
                errors.WriteLine($"transform: no warehouse at {path}; load staging first (warehouse build or extract)");
                return ExitCodes.Failed;
            }

            using var connection = new DuckDBConnection($"Data Source={path}");
            connection.Open();
            var clock = Stopwatch.StartNew();
            SqlModel.Migrate(connection);
            SqlModel.Apply(connection, settings);
            clock.Stop();
            int relations = ModelCatalog.Load().Relations.Count;
            errors.WriteLine($"transform: {relations} relations rebuilt in {path} in {clock.Elapsed.TotalMilliseconds:F0} ms");
            return ExitCodes.Ok;
        }
        catch (SqlModelException e)
        {
            errors.WriteLine($"transform failed: {e.Message}");
            return ExitCodes.Failed;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or DuckDBException)
        {
            errors.WriteLine($"transform: {e.Message}");
            return ExitCodes.Usage;
        }
    }
}
