using System.CommandLine;
using Warehouse.Etl.Reporting;

namespace Warehouse.Etl.Cli;

/// <summary>The <c>report</c> verb.</summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var outDir = new Option<string?>("--out") { Description = "Folder for tables.md/.tex/.txt, report.html and plots/ (default: analysis.report_dir)" };
        var command = new Command("report", "Write the paper's tables and the HTML report with plots.\n\nExample:\n  warehouse report --out out/report\n  warehouse report --db warehouse.duckdb --out out/report") { outDir };
        command.WithCommonOptions();
        command.SetAction(async (parse, ct) =>
        {
            var stderr = parse.InvocationConfiguration.Error;
            try
            {
                var configPath = parse.GetValue(CommonOptions.Config)!;
                var (analysis, warehousePath) = AnalysisConfigReader.Read(configPath);
                var baseDir = Path.GetDirectoryName(Path.GetFullPath(configPath))!;
                var db = parse.GetValue(CommonOptions.Db) ?? (warehousePath is null ? null : Path.Combine(baseDir, warehousePath));
                if (db is null) throw new ArgumentException("no --db given and no warehouse.path in the config");
                var dir = parse.GetValue(outDir) ?? Path.Combine(baseDir, analysis.ReportDir);
                return await ReportStep.RunAsync(db, analysis, dir, parse.InvocationConfiguration.Output, ct);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidDataException or FileNotFoundException or YamlDotNet.Core.YamlException)
            {
                stderr.WriteLine($"warehouse report: {ex.Message}");
                return ExitCodes.Usage;
            }
        });
        return command;
    }
}
