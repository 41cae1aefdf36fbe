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

    /// <summary>Opens <paramref name="path"/> for writing (a build's file, transform, data tests), creating it if absent.</summary>
    public static DuckDBConnection OpenForWriting(string path) => Open(Settings(path, readOnly: false));

    /// <summary>Opens a private in-memory database (scratch work such as reading a CSV).</summary>
    public static DuckDBConnection OpenInMemory() => Open(Settings(":memory:", readOnly: false));

    /// <summary>Opens a connection with <paramref name="settings"/>; the session time zone is set to
    /// <see cref="TimeZone"/> unless <paramref name="setTimeZone"/> is false (the query sandbox keeps DuckDB's own
    /// default, as the DuckDB CLI does).</summary>
    public static DuckDBConnection Open(DuckDBConnectionStringBuilder settings, bool setTimeZone = true)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var connection = new DuckDBConnection(settings.ConnectionString);
        try
        {
            connection.Open();
            if (setTimeZone)
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"set TimeZone = '{TimeZone}'";
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
