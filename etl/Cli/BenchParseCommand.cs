using System.CommandLine;

namespace Warehouse.Etl.Cli;

/// <summary>The <c>bench parse</c> verb.</summary>
public static class BenchParseCommand
{
    public static Command Create()
    {
        var command = new Command("parse", "Parse throughput (MB/s, tables/s) of each reader on a generated corpus.\n\nExample:\n  warehouse bench parse --tables 120");
        command.SetAction(_ => NotBuilt.Report("bench parse"));
        return command;
    }
}
