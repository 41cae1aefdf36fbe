using System.CommandLine;
using DuckDB.NET.Data;
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
        var command = new Command("export", "Export marts and indicators as Parquet (hive-partitioned by year) or CSV.\n\nExample:\n  warehouse export --format parquet --out out/export") { format, output };
        command.WithCommonOptions();
        command.SetAction(parseResult => Run(
            parseResult.GetValue(CommonOptions.Config)!,
            parseResult.GetValue(CommonOptions.Db),
            parseResult.GetValue(format)!,
            parseResult.GetValue(output)!,
            Console.Error));
        return command;
    }

    internal static int Run(string configPath, string? db, string format, string outDir, TextWriter log)
    {
        try
        {
            string path = WarehouseConfigReader.ResolveDatabase(db, configPath);
            if (!MissingWarehouse.Check("export", path, log)) return ExitCodes.Usage;

            var written = WarehouseExporter.Export(path, format, outDir);
            foreach (var (relation, target) in written)
                log.WriteLine($"export: {relation} → {target}");
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or DuckDBException or UnauthorizedAccessException)
        {
            log.WriteLine($"export: {e.Message}");
            return ExitCodes.Failed;
        }
    }
}
