using System.CommandLine;

namespace Warehouse.Etl.Cli;

/// <summary>The <c>bench fe</c> verb.</summary>
public static class BenchFeCommand
{
    public static Command Create()
    {
        var command = new Command("fe", "Fixed-effects fit time and peak memory on the DESIGN.md §5 benchmark designs.\n\nExample:\n  warehouse bench fe --rows 1000000 --design difficult");
        command.SetAction(_ => NotBuilt.Report("bench fe"));
        return command;
    }
}
