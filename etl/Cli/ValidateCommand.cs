using System.CommandLine;
using Warehouse.Etl.Config;

namespace Warehouse.Etl.Cli;

/// <summary>The <c>validate</c> verb: load pipelines.yml strictly and report every problem, running nothing.</summary>
public static class ValidateCommand
{
    public static Command Create()
    {
        var command = new Command("validate", "Check pipelines.yml without running anything: unknown or duplicate keys, missing keys, cron strings, time zones, year ranges, steps, source kinds and profiles. Exit 0 when valid, 2 otherwise.\n\nExample:\n  warehouse validate --config pipelines.yml").WithCommonOptions(CommonOptions.Config);
        command.SetAction(parseResult =>
        {
            var verb = VerbOutput.Of(parseResult);
            string path = parseResult.GetValue(CommonOptions.Config)!;
            try
            {
                var config = ConfigLoader.Load(path);
                verb.Output.WriteLine(
                    $"{path}: valid ({config.Sources.Count} sources, {config.Sources.Values.Sum(s => s.Tables.Count)} tables, " +
                    $"{config.Pipelines.Count} pipelines, {config.Analysis.Specs.Count} specs)");
                return ExitCodes.Ok;
            }
            catch (ConfigException ex)
            {
                verb.Error(ex.Message);
                return ExitCodes.Usage;
            }
        });
        return command;
    }
}
