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
        var command = new Command("test", "Run the data tests against a warehouse (exit 1 when an error-severity test fails). --select names tests or relations; --dry-run prints the selected tests' SQL and runs nothing.\n\nExample:\n  warehouse test --db warehouse.duckdb\n  warehouse test --db warehouse.duckdb --select panel,ind_prody")
            .WithCommonOptions(CommonOptions.Config, CommonOptions.Db, CommonOptions.Select, CommonOptions.DryRun);
        command.SetAction(parseResult => Run(
            parseResult.GetValue(CommonOptions.Config)!,
            parseResult.GetValue(CommonOptions.Db),
            parseResult.GetValue(CommonOptions.Select) ?? [],
            parseResult.GetValue(CommonOptions.DryRun),
            TimeProvider.System,
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    internal static int Run(string configPath, string? db, TimeProvider timeProvider, TextWriter output, TextWriter errors) =>
        Run(configPath, db, [], timeProvider, output, errors);

    /// <summary>Runs the tests whose name or relation is in <paramref name="select"/> (comma-separated allowed); all when empty.</summary>
    internal static int Run(string configPath, string? db, string[] select, TimeProvider timeProvider, TextWriter output, TextWriter errors) =>
        Run(configPath, db, select, dryRun: false, timeProvider, output, errors);

    /// <summary>As above; <paramref name="dryRun"/> prints the selected tests and their SQL without opening the warehouse.
    /// A selected name that is neither a test nor a tested relation is a usage error (exit 2).</summary>
    internal static int Run(string configPath, string? db, string[] select, bool dryRun, TimeProvider timeProvider, TextWriter output, TextWriter errors)
    {
        var verb = new VerbOutput("test", output, errors);
        var selected = select.SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet(StringComparer.Ordinal);
        try
        {
            var tests = DataTestCompiler.Compile(ModelCatalog.Load());
            var unknown = selected.Where(n => !tests.Any(t => t.Name == n || t.Relation == n)).ToList();
            if (unknown.Count > 0)
            {
                verb.Error($"--select: no data test or tested relation {string.Join(", ", unknown.Select(u => $"'{u}'"))}; see `warehouse docs` for the tests of each relation");
                return ExitCodes.Usage;
            }

            if (dryRun)
            {
                foreach (var test in tests.Where(t => selected.Count == 0 || selected.Contains(t.Name) || (t.Relation is not null && selected.Contains(t.Relation))))
                    output.WriteLine($"-- {test.Name} ({test.Relation ?? "-"}, {test.Severity})\n{test.Sql.TrimEnd()};\n");
                return ExitCodes.Ok;
            }

            string path = WarehouseConfigReader.ResolveDatabase(db, configPath);
            if (!MissingWarehouse.Check(verb, path)) return ExitCodes.Usage;

            // The live file is never written in place (a build replaces it by a swap): its tests run on a copy.
            bool live = WarehouseConfigReader.IsLivePath(path, configPath);
            string target = path;
            if (live)
            {
                target = Path.Combine(Path.GetTempPath(), $"warehouse-test-{Guid.NewGuid():N}.duckdb");
                File.Copy(path, target);
                if (File.Exists(path + ".wal"))
                    File.Copy(path + ".wal", target + ".wal");
            }

            try
            {
                string runId = "test-" + timeProvider.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
                DataTestSummary summary;
                using (var connection = WarehouseConnection.OpenForWriting(target))
                {
                    SqlModel.Migrate(connection);
                    summary = DataTestRunner.Run(connection, runId, timeProvider, null,
                        selected.Count == 0 ? null : t => selected.Contains(t.Name) || (t.Relation is not null && selected.Contains(t.Relation)));
                }

                foreach (string message in summary.Messages)
                    output.WriteLine(message);
                output.WriteLine(live
                    ? $"{summary.Passed} passed, {summary.Warned} warned, {summary.Failed} failed (run {runId}; run on a copy of the live warehouse {path}, which is never written in place, so the results are not recorded)"
                    : $"{summary.Passed} passed, {summary.Warned} warned, {summary.Failed} failed (run {runId}; details in meta.test_result)");
                return summary.HasErrors ? ExitCodes.Failed : ExitCodes.Ok;
            }
            finally
            {
                if (live)
                {
                    File.Delete(target);
                    File.Delete(target + ".wal");
                }
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or DuckDBException)
        {
            verb.Error(e.Message);
            return ExitCodes.Usage;
        }
    }
}
