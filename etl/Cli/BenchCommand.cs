using System.CommandLine;

namespace Warehouse.Etl.Cli;

/// <summary>The <c>bench</c> verb: performance figures (medians, peak memory) printed, never asserted in unit tests.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Measure performance and print medians.\n\nExample:\n  warehouse bench parse --tables 120\n  warehouse bench fe --rows 1000000 --design balanced\n  warehouse bench transform --runs 9")
        {
            BenchParseCommand.Create(),
            BenchFeCommand.Create(),
            BenchTransformCommand.Create(),
            BenchFuzzCommand.Create(),
        };
        return command;
    }
}
