using System.CommandLine;

namespace Warehouse.Etl.Cli;

/// <summary>The <c>query</c> verb.</summary>
public static class QueryCommand
{
    public static Command Create()
    {
        var command = new Command("query", "Run read-only SQL against the live warehouse.\n\nExample:\n  warehouse query \"select * from panel limit 5\" --format csv").WithCommonOptions();
        command.SetAction(_ => NotBuilt.Report("query"));
        return command;
    }
}
