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
        command.WithCommonOptions(CommonOptions.Config, CommonOptions.Db, CommonOptions.DryRun);
        command.SetAction(async (parse, ct) =>
        {
            var verb = VerbOutput.Of(parse);
            try
            {
                var config = WarehouseConfigReader.Load(parse.GetValue(CommonOptions.Config)!);
                var analysis = config.Analysis;
                var db = parse.GetValue(CommonOptions.Db) is { } given ? Path.GetFullPath(given) : config.Warehouse.Path;
                if (!MissingWarehouse.CheckReadable(verb, db)) return ExitCodes.Usage;
                var dir = parse.GetValue(outDir) ?? analysis.ReportDir;
                if (parse.GetValue(CommonOptions.DryRun))
                {
                    verb.Output.WriteLine(
                        $"report: dry run — would estimate {analysis.Specs.Count} specs ({string.Join(", ", analysis.Specs.Select(s => s.Name))}) on {db} " +
                        $"and write tables.txt/.md/.tex, report.html and plots/ into {Path.GetFullPath(dir)}; nothing written");
                    return ExitCodes.Ok;
                }

                return ExitCodes.Of(await ReportStep.RunAsync(db, analysis, dir, verb.Output, ct));
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidDataException or FileNotFoundException)
            {
                verb.Error(ex.Message);
                return ExitCodes.Usage;
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
            {
                verb.Error($"cannot write the report: {ex.Message} Choose a writable folder with --out.");
                return ExitCodes.Usage;
            }
        });
        return command;
    }
}
