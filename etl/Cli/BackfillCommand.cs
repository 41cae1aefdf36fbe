using System.CommandLine;

namespace Warehouse.Etl.Cli;

/// <summary>The <c>backfill</c> verb.</summary>
public static class BackfillCommand
{
    public static Command Create()
    {
        var command = new Command("backfill", "Re-extract and rebuild the given data years.\n\nExample:\n  warehouse backfill --years 2010..2023").WithCommonOptions();
        command.SetAction(_ => NotBuilt.Report("backfill"));
        return command;
    }
}
