using DuckDB.NET.Data;

namespace Warehouse.Analysis.Data;

/// <summary>
/// The one place a warehouse file (or an in-memory scratch database) is opened. Connection strings are built
/// with <see cref="DuckDBConnectionStringBuilder"/>, never by pasting a path into text, and every product
/// connection runs in <see cref="TimeZone"/> so timestamps read and written do not depend on the machine.
/// </summary>
/// <remarks>DuckDB allows one writing process per file; readers (analysts, report, export) open read-only so a
/// build never waits for them. Opening throws <see cref="DuckDBException"/> when DuckDB cannot open the file.</remarks>
public static class WarehouseConnection
{
    /// <summary>The session time zone of every product connection.</summary>
    public const string TimeZone = "UTC";

    /// <summary>Settings for <paramref name="path"/>, read-only or not; callers may add options before <see cref="Open"/>.</summary>
    public static DuckDBConnectionStringBuilder Settings(string path, bool readOnly)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var settings = new DuckDBConnectionStringBuilder { DataSource = path };
        if (readOnly)
            settings.AccessMode = DuckDBAccessMode.ReadOnly;
        return settings;
    }

    /// <summary>Opens <paramref name="path"/> read-only (reports, export, docs, panels).</summary>
    public static DuckDBConnection OpenReadOnly(string path) => Open(Settings(path, readOnly: true));

    /// <summary>DuckDB worker threads of a database opened for writing: one.</summary>
    /// <remarks>What a build writes is small — staging of 10^4–10^5 observations, a province × year panel — and runs as
    /// a few hundred short statements (models, comments, data tests). On those, DuckDB's parallel operators cost more in
    /// task scheduling, per-thread buffers and fresh memory than they save: the demo build used 4.1–4.9 s of CPU with
    /// DuckDB on both cores of a 2-core machine and 3.6 s with one, and finished 0.15–0.25 s sooner, the other core being
    /// left to the extraction and the report's estimates that run beside the SQL.</remarks>
    public const int WritingThreads = 1;

    /// <summary>DuckDB's storage compression methods a writer does not use: FSST, the string compressor.</summary>
    /// <remarks>Checkpointing a build's file is on its critical path, and FSST was most of it: DuckDB trains an FSST
    /// symbol table on every string segment to compare it with dictionary compression, and a warehouse's strings are
    /// codes, names, units and file hashes that repeat, which the dictionary takes anyway. Without it the demo build's
    /// checkpoint took 170–180 ms instead of 231–237 ms and its file was 2 % smaller (13.1 against 13.4 MB). Files
    /// written with FSST read as before.</remarks>
    public const string DisabledCompressionMethods = "fsst";

    /// <summary>Opens <paramref name="path"/> for writing (a build's file, transform, data tests), creating it if absent,
    /// with <see cref="WritingThreads"/> DuckDB threads and without <see cref="DisabledCompressionMethods"/>; every
    /// connection of this process to the file shares both.</summary>
    public static DuckDBConnection OpenForWriting(string path) =>
        OpenWith(Settings(path, readOnly: false), setTimeZone: true, $"set threads = {WritingThreads}",
            $"set disabled_compression_methods = '{DisabledCompressionMethods}'");

    /// <summary>Opens a private in-memory database (scratch work such as reading a CSV).</summary>
    public static DuckDBConnection OpenInMemory() => Open(Settings(":memory:", readOnly: false));

    /// <summary>Opens a connection with <paramref name="settings"/>; the session time zone is set to
    /// <see cref="TimeZone"/> unless <paramref name="setTimeZone"/> is false (the query sandbox keeps DuckDB's own
    /// default, as the DuckDB CLI does).</summary>
    public static DuckDBConnection Open(DuckDBConnectionStringBuilder settings, bool setTimeZone = true) =>
        OpenWith(settings, setTimeZone);

    /// <summary>As <see cref="Open(DuckDBConnectionStringBuilder, bool)"/>, then runs <paramref name="setStatements"/>
    /// (<c>set …</c>) on the new connection; a failure disposes it.</summary>
    private static DuckDBConnection OpenWith(DuckDBConnectionStringBuilder settings, bool setTimeZone, params string[] setStatements)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var connection = new DuckDBConnection(settings.ConnectionString);
        try
        {
            connection.Open();
            foreach (var statement in setTimeZone ? [$"set TimeZone = '{TimeZone}'", .. setStatements] : setStatements)
            {
                using var command = connection.CreateCommand();
                command.CommandText = statement;
                command.ExecuteNonQuery();
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
