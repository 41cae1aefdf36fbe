using System.CommandLine;

namespace Warehouse.Etl.Cli;

/// <summary>The <c>validate</c> verb.</summary>
public static class ValidateCommand
{
    public static Command Create()
    {
        var command = new Command("validate", "Check pipelines.yml without running anything.\n\nExample:\n  warehouse validate --config pipelines.yml").WithCommonOptions();
        command.SetAction(_ => NotBuilt.Report("validate"));
        return command;
    }
}
