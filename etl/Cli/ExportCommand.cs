using System.CommandLine;

namespace Warehouse.Etl.Cli;

/// <summary>The <c>export</c> verb.</summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var command = new Command("export", "Export marts and indicators as Parquet (hive-partitioned by year) or CSV.\n\nExample:\n  warehouse export --format parquet --out out/export").WithCommonOptions();
        command.SetAction(_ => NotBuilt.Report("export"));
        return command;
    }
}
