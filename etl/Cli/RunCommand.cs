using System.CommandLine;

namespace Warehouse.Etl.Cli;

/// <summary>The <c>run</c> verb.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var command = new Command("run", "Run one named pipeline from pipelines.yml.\n\nExample:\n  warehouse run nightly").WithCommonOptions();
        command.SetAction(_ => NotBuilt.Report("run"));
        return command;
    }
}
