using System.CommandLine;

namespace Warehouse.Etl.Cli;

/// <summary>The <c>schedule</c> verb.</summary>
public static class ScheduleCommand
{
    public static Command Create()
    {
        var command = new Command("schedule", "Run the configured pipelines at their cron times, one at a time.\n\nExample:\n  warehouse schedule --once").WithCommonOptions();
        command.SetAction(_ => NotBuilt.Report("schedule"));
        return command;
    }
}
