using DuckDB.NET.Data;
using Warehouse.Analysis.Data;

namespace Warehouse.Etl.Lifecycle;

/// <summary>What a build found at the live path before carrying its history over.</summary>
public enum LiveState
{
    /// <summary>No live file yet (a first build).</summary>
    Missing,

    /// <summary>Opens read-only and answers a catalog query.</summary>
    Readable,

    /// <summary>Another process holds it read-write (the DuckDB CLI's and DBeaver's default); no one else can open it.</summary>
    Locked,

    /// <summary>Does not open as a DuckDB database (truncated, overwritten, not a DuckDB file).</summary>
    Corrupt,
}

/// <summary>
/// Where a build carries its history and staging over from, given the state of the live file: the live file when it
/// reads; otherwise the newest <c>previous-N</c> that reads (the state of an earlier swap). A corrupt live file is
/// moved aside to <c>&lt;stem&gt;.corrupt-&lt;run-id&gt;.duckdb</c> (kept for inspection) so it neither blocks this
/// build nor is copied into the previous-N chain at the swap; a locked one is left where it is — the swap's rename
/// does not need its lock, and its holder keeps reading the old file until it reconnects.
/// </summary>
public static class LiveWarehouseCheck
{
    /// <summary>The decision: <see cref="CarryFrom"/> is null when there is nothing readable to carry over.</summary>
    /// <param name="State">The live file's state.</param>
    /// <param name="CarryFrom">The file to carry over from, or null.</param>
    /// <param name="Detail">DuckDB's one-line reason (who holds the lock, why it does not open), or null.</param>
    /// <param name="MovedAside">Where a corrupt live file was moved, or null.</param>
    public sealed record Decision(LiveState State, string? CarryFrom, string? Detail, string? MovedAside);

    /// <summary>Probes the live file and, if it cannot be read, picks a previous file; moves a corrupt live file aside.</summary>
    /// <param name="files">The warehouse's files.</param>
    /// <param name="runId">Names a corrupt file moved aside.</param>
    /// <param name="keepPrevious">How many previous files there may be to fall back on.</param>
    /// <param name="justRead">The caller read the live file a moment ago (the unchanged-input check opens it to read
    /// its last run): it opens, and is not opened again to find out.</param>
    public static Decision Decide(WarehouseFiles files, string runId, int keepPrevious, bool justRead = false)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (!File.Exists(files.LivePath))
            return new Decision(LiveState.Missing, NewestReadablePrevious(files, keepPrevious), null, null);
        var (state, detail) = justRead ? (LiveState.Readable, null) : Probe(files.LivePath);
        if (state == LiveState.Readable)
            return new Decision(state, files.LivePath, null, null);

        string? aside = null;
        if (state == LiveState.Corrupt)
        {
            aside = Path.Combine(files.Folder, $"{Path.GetFileNameWithoutExtension(files.LivePath)}.corrupt-{runId}.duckdb");
            File.Move(files.LivePath, aside);
            if (File.Exists(files.LivePath + ".wal"))
                File.Move(files.LivePath + ".wal", aside + ".wal");
        }

        return new Decision(state, NewestReadablePrevious(files, keepPrevious), detail, aside);
    }

    /// <summary>Opens <paramref name="path"/> read-only and reads its catalog.</summary>
    public static (LiveState State, string? Detail) Probe(string path)
    {
        try
        {
            using var connection = WarehouseConnection.OpenReadOnly(path);
            using var command = connection.CreateCommand();
            command.CommandText = "select count(*) from duckdb_tables()";
            command.ExecuteScalar();
            return (LiveState.Readable, null);
        }
        catch (DuckDBException ex)
        {
            string line = ex.Message.Split('\n', 2)[0].Trim();
            bool locked = ex.Message.Contains("Could not set lock", StringComparison.Ordinal) ||
                          ex.Message.Contains("Conflicting lock", StringComparison.Ordinal);
            return (locked ? LiveState.Locked : LiveState.Corrupt, line);
        }
    }

    private static string? NewestReadablePrevious(WarehouseFiles files, int keepPrevious) =>
        Enumerable.Range(1, Math.Max(keepPrevious, 1))
            .Select(files.Previous)
            .FirstOrDefault(p => File.Exists(p) && Probe(p).State == LiveState.Readable);
}
