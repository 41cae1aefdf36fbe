using System.CommandLine;
using System.Globalization;
using DuckDB.NET.Data;
using Warehouse.Analysis.Data;
using Warehouse.Etl.Transform;

namespace Warehouse.Etl.Cli;

/// <summary>The <c>test</c> verb: runs the data tests, records them in meta.test_result, exits 1 on an error-severity failure.</summary>
public static class TestCommand
{
    public static Command Create()
    {
        var command = new Command("test", "Run the data tests against a warehouse (exit 1 when an error-severity test fails).\n\nExample:\n  warehouse test --db warehouse.duckdb\n  warehouse test --db warehouse.duckdb --select panel,ind_prody").WithCommonOptions();
        command.SetAction(parseResult => Run(
            parseResult.GetValue(CommonOptions.Config)!,
            parseResult.GetValue(CommonOptions.Db),
            parseResult.GetValue(CommonOptions.Select) ?? [],
            TimeProvider.System,
            Console.Out,
            Console.Error));
        return command;
    }

    internal static int Run(string configPath, string? db, TimeProvider timeProvider, TextWriter output, TextWriter errors) =>
        Run(configPath, db, [], timeProvider, output, errors);

    /// <summary>Runs the tests whose name or relation is in <paramref name="select"/> (comma-separated allowed); all when empty.</summary>
    internal static int Run(string configPath, string? db, string[] select, TimeProvider timeProvider, TextWriter output, TextWriter errors)
    {
        var selected = select.SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet(StringComparer.Ordinal);
        try
        {
            string path = WarehouseConfigReader.ResolveDatabase(db, configPath);
            if (!MissingWarehouse.Check("test", path, errors)) return ExitCodes.Usage;

            using var connection = WarehouseConnection.OpenForWriting(path);
            SqlModel.Migrate(connection);
            string runId = "test-" + timeProvider.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
            var summary = DataTestRunner.Run(connection, runId, timeProvider, null,
                selected.Count == 0 ? null : t => selected.Contains(t.Name) || (t.Relation is not null && selected.Contains(t.Relation)));
            foreach (string message in summary.Messages)
                output.WriteLine(message);
            output.WriteLine($"{summary.Passed} passed, {summary.Warned} warned, {summary.Failed} failed (run {runId}; details in meta.test_result)");
            return summary.HasErrors ? ExitCodes.Failed : ExitCodes.Ok;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or DuckDBException)
        {
            errors.WriteLine($"test: {e.Message}");
            return ExitCodes.Usage;
        }
    }
}
