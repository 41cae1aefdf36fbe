using System.CommandLine;
using DuckDB.NET.Data;
using Warehouse.Etl.Config;
using Warehouse.Etl.Transform;

namespace Warehouse.Etl.Cli;

/// <summary>The <c>export</c> verb: marts and indicators as Parquet (hive-partitioned by year) or CSV, for Spark, Trino or Athena.</summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var format = new Option<string>("--format")
        {
            Description = "parquet (hive-partitioned by year) or csv",
            DefaultValueFactory = _ => "parquet",
        };
        format.AcceptOnlyFromAmong("parquet", "csv");
        var output = new Option<string>("--out") { Description = "Output folder", Required = true };
        var command = new Command("export", "Export marts and indicators as Parquet (hive-partitioned by year) or CSV. --select names relations (e.g. panel,fct_provincial), --years keeps those data years, --dry-run prints the targets and the COPY statements.\n\nExample:\n  warehouse export --format parquet --out out/export\n  warehouse export --format csv --out out/panel --select panel --years 2015..2023") { format, output };
        command.WithCommonOptions(CommonOptions.Config, CommonOptions.Db, CommonOptions.Select, CommonOptions.Years, CommonOptions.DryRun);
        command.SetAction(parseResult => Run(
            parseResult.GetValue(CommonOptions.Config)!,
            parseResult.GetValue(CommonOptions.Db),
            parseResult.GetValue(format)!,
            parseResult.GetValue(output)!,
            parseResult.GetValue(CommonOptions.Select) ?? [],
            parseResult.GetValue(CommonOptions.Years),
            parseResult.GetValue(CommonOptions.DryRun),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    internal static int Run(string configPath, string? db, string format, string outDir, TextWriter log) =>
        Run(configPath, db, format, outDir, [], null, false, log, log);

    /// <summary>Exit 0 written (or planned), 1 a write failed, 2 no warehouse, an unknown relation or bad --years.</summary>
    internal static int Run(string configPath, string? db, string format, string outDir, string[] select, string? years, bool dryRun,
        TextWriter output, TextWriter log)
    {
        var verb = new VerbOutput("export", output, log);
        (int, int)? range = null;
        if (years is not null)
        {
            if (!YearRange.TryParse(years, out var parsed, out string error))
            {
                verb.Error($"--years: {error}");
                return ExitCodes.Usage;
            }

            range = (parsed.From, parsed.To);
        }

        var relations = select.SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet(StringComparer.Ordinal);
        string path;
        try
        {
            path = WarehouseConfigReader.ResolveDatabase(db, configPath);
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            verb.Error(e.Message);
            return ExitCodes.Usage;
        }

        if (!MissingWarehouse.CheckReadable(verb, path)) return ExitCodes.Usage;

        try
        {
            var written = WarehouseExporter.Export(path, format, outDir, new ExportOptions(relations, range, dryRun));
            foreach (var export in written)
            {
                if (dryRun)
                    output.WriteLine($"-- {export.Relation} → {export.Target}\n{export.Sql};");
                else
                    verb.Note($"{export.Relation} → {export.Target}");
            }

            if (dryRun)
                verb.Note($"dry run, {written.Count} relations planned, nothing written");
            return ExitCodes.Ok;
        }
        catch (ArgumentException e)
        {
            verb.Error(e.Message);
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is IOException or DuckDBException or UnauthorizedAccessException)
        {
            verb.Error(e.Message.Split('\n', 2)[0].Trim());
            return ExitCodes.Failed;
        }
    }
}
