using System.CommandLine;

namespace Warehouse.Etl.Cli;

/// <summary>The <c>build</c> verb.</summary>
public static class BuildCommand
{
    public static Command Create()
    {
        var command = new Command("build", "Run the nightly pipeline end to end (extract, load, transform, test, analyze, report) into a new warehouse file, then swap it live.\n\nExample:\n  warehouse build\n  warehouse build --offline --years 2015..2023").WithCommonOptions();
        command.SetAction(_ => NotBuilt.Report("build"));
        return command;
    }
}
