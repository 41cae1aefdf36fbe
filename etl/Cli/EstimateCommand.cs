using System.CommandLine;

namespace Warehouse.Etl.Cli;

/// <summary>The <c>estimate</c> verb.</summary>
public static class EstimateCommand
{
    public static Command Create()
    {
        var command = new Command("estimate", "Estimate a fixed-effects regression on a view or CSV.\n\nExample:\n  warehouse estimate --db warehouse.duckdb --view panel --y ln_etc --x co,rd --fe province_code,year --cluster province_code --format json").WithCommonOptions();
        command.SetAction(_ => NotBuilt.Report("estimate"));
        return command;
    }
}
