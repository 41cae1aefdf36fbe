namespace Warehouse.Etl.Cli;

/// <summary>The one message every verb that reads a warehouse gives when the file is not there (exit 2, usage:
/// nothing ran), saying what to do next.</summary>
internal static class MissingWarehouse
{
    /// <summary>True when <paramref name="path"/> exists; otherwise writes the message as the verb's error.</summary>
    public static bool Check(VerbOutput verb, string path)
    {
        ArgumentNullException.ThrowIfNull(verb);
        if (File.Exists(path)) return true;
        verb.Error(Message(path));
        return false;
    }

    /// <summary><c>no warehouse at PATH; build one with `warehouse build` …</c></summary>
    public static string Message(string path) =>
        $"no warehouse at {path}; build one with `warehouse build` (or point --db at an existing .duckdb file)";
}
