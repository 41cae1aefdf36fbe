namespace Warehouse.Etl.Cli;

/// <summary>The answer of a verb whose implementation has not landed yet.</summary>
public static class NotBuilt
{
    public static int Report(string verb)
    {
        Console.Error.WriteLine($"warehouse {verb}: not built yet");
        return ExitCodes.Usage;
    }
}
