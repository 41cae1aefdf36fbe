using System.CommandLine;

namespace Warehouse.Etl.Cli;

/// <summary>The <c>docs</c> verb.</summary>
public static class DocsCommand
{
    public static Command Create()
    {
        var command = new Command("docs", "Write the data dictionary and lineage graph.\n\nExample:\n  warehouse docs --out out/docs").WithCommonOptions();
        command.SetAction(_ => NotBuilt.Report("docs"));
        return command;
    }
}
