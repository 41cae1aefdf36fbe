namespace Warehouse.Etl.Cli;

/// <summary>The one message every verb that reads a warehouse gives when the file is not there (exit 2, usage:
/// nothing ran), saying what to do next.</summary>
internal static class MissingWarehouse
{
    /// <summary>True when <paramref name="path"/> exists; otherwise writes the message to <paramref name="errors"/>.</summary>
    public static bool Check(string verb, string path, TextWriter errors)
    {
        if (File.Exists(path)) return true;
        errors.WriteLine(Message(verb, path));
        return false;
    }

    /// <summary><c>verb: no warehouse at PATH; build one with `warehouse build` …</c></summary>
    public static string Message(string verb, string path) =>
        $"{verb}: no warehouse at {path}; build one with `warehouse build` (or point --db at an existing .duckdb file)";
}
