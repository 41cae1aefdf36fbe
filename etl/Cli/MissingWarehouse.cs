using Warehouse.Etl.Lifecycle;

namespace Warehouse.Etl.Cli;

/// <summary>The one message every verb that reads a warehouse gives when the file is not there (exit 2, usage:
/// nothing ran), saying what to do next; and DuckDB's one line when it is there but does not open.</summary>
internal static class MissingWarehouse
{
    /// <summary>True when <paramref name="path"/> exists and opens read-only; otherwise writes why as the verb's error
    /// (exit 2: nothing ran). For verbs whose own open is buried in a longer step, so that a file that is not a DuckDB
    /// database, is truncated or is held read-write by another process is told apart from a failure of the step.</summary>
    public static bool CheckReadable(VerbOutput verb, string path)
    {
        if (!Check(verb, path)) return false;
        var (state, detail) = LiveWarehouseCheck.Probe(path);
        if (state == LiveState.Readable) return true;
        verb.Error(detail ?? $"the warehouse {path} does not open");
        return false;
    }

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
