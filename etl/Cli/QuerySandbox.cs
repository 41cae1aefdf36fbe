using DuckDB.NET.Data;
using DuckDB.NET.Native;
using Warehouse.Analysis.Data;

namespace Warehouse.Etl.Cli;

/// <summary>
/// The connection <c>query</c> runs analysts' SQL on (docs/architecture.md#the-query-sandbox): read-only, no external access (no COPY TO,
/// EXPORT, ATTACH of files, file readers such as read_csv/read_text/glob), no extension installing or autoloading,
/// no community extensions, and the configuration locked so a statement cannot switch any of that back on.
/// </summary>
internal static class QuerySandbox
{
    /// <summary>Opens <paramref name="path"/> sandboxed. Throws <see cref="DuckDBException"/> when DuckDB cannot open it.</summary>
    public static DuckDBConnection Open(string path)
    {
        var settings = WarehouseConnection.Settings(path, readOnly: true);
        settings.EnableExternalAccess = false;
        settings.AutoinstallKnownExtensions = false;
        settings.AutoloadKnownExtensions = false;
        settings.AllowCommunityExtensions = false;
        settings.LockConfiguration = true;
        return WarehouseConnection.Open(settings, setTimeZone: false);
    }

    /// <summary>
    /// How many statements DuckDB's own parser finds in <paramref name="sql"/> (a ';' inside a string literal or a
    /// trailing comment does not count), or the parser's error when the text does not parse.
    /// </summary>
    public static (int Count, string? Error) CountStatements(DuckDBConnection connection, string sql)
    {
        int count = NativeMethods.ExtractStatements.DuckDBExtractStatements(connection.NativeConnection, sql, out var extracted);
        using (extracted)
        {
            if (count > 0)
                return (count, null);
            string error = NativeMethods.ExtractStatements.DuckDBExtractStatementsError(extracted);
            return (0, string.IsNullOrWhiteSpace(error) ? null : error);
        }
    }
}
