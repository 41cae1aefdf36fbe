using System.CommandLine;

namespace Warehouse.Etl.Cli;

/// <summary>The <c>transform</c> verb.</summary>
public static class TransformCommand
{
    public static Command Create()
    {
        var command = new Command("transform", "Re-apply the sql/ layers to a database whose staging.observation is filled.\n\nExample:\n  warehouse transform --db warehouse.duckdb").WithCommonOptions();
        command.SetAction(_ => NotBuilt.Report("transform"));
        return command;
    }
}
