using System.CommandLine;

namespace Warehouse.Etl.Cli;

/// <summary>The <c>report</c> verb.</summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var command = new Command("report", "Write the paper's tables and the HTML report with plots.\n\nExample:\n  warehouse report --out out/report").WithCommonOptions();
        command.SetAction(_ => NotBuilt.Report("report"));
        return command;
    }
}
