using System.CommandLine;
using System.Diagnostics;
using DuckDB.NET.Data;
using Warehouse.Analysis.Data;
using Warehouse.Etl.Transform;

namespace Warehouse.Etl.Cli;

/// <summary>The <c>transform</c> verb: migrations, cfg tables, then every relation of sql/ in dependency order.</summary>
public static class TransformCommand
{
    public static Command Create()
    {
        var command = new Command("transform", "Re-apply the sql/ layers to a database whose staging.observation is filled.\n\nExample:\n  warehouse transform --db copy.duckdb\n  warehouse transform --db copy.duckdb --dry-run\n\nThe live warehouse is refused: only a build's swap replaces it.").WithCommonOptions(CommonOptions.Config, CommonOptions.Db, CommonOptions.DryRun);
        command.SetAction(parseResult => Run(
            parseResult.GetValue(CommonOptions.Config)!,
            parseResult.GetValue(CommonOptions.Db),
            parseResult.GetValue(CommonOptions.DryRun),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    internal static int Run(string configPath, string? db, bool dryRun, TextWriter output, TextWriter errors)
    {
        var verb = new VerbOutput("transform", output, errors);
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
            if (!MissingWarehouse.Check(verb, path)) return ExitCodes.Usage;

            if (WarehouseConfigReader.IsLivePath(path, configPath))
            {
                verb.Error($"refused — {path} is the live warehouse, which is only ever replaced by a build's swap, never written in place; " +
                           "run `warehouse build` (it transforms a new file and swaps it live), or transform a copy: --db copy.duckdb");
                return ExitCodes.Usage;
            }

            using var connection = WarehouseConnection.OpenForWriting(path);
            var clock = Stopwatch.StartNew();
            SqlModel.Migrate(connection);
            SqlModel.Apply(connection, settings);
            clock.Stop();
            int relations = ModelCatalog.Load().Relations.Count;
            verb.Note($"{relations} relations rebuilt in {path} in {clock.Elapsed.TotalMilliseconds:F0} ms");
            return ExitCodes.Ok;
        }
        catch (SqlModelException e)
        {
            verb.Error($"failed: {e.Message}");
            return ExitCodes.Failed;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or DuckDBException)
        {
            verb.Error(e.Message);
            return ExitCodes.Usage;
        }
    }
}
