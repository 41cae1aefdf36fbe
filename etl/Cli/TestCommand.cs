using System.CommandLine;

namespace Warehouse.Etl.Cli;

/// <summary>The <c>test</c> verb.</summary>
public static class TestCommand
{
    public static Command Create()
    {
        var command = new Command("test", "Run the data tests against a warehouse.\n\nExample:\n  warehouse test --db warehouse.duckdb").WithCommonOptions();
        command.SetAction(_ => NotBuilt.Report("test"));
        return command;
    }
}
