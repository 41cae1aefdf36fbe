using DuckDB.NET.Data;
using Warehouse.Analysis.Data;

namespace Warehouse.Etl.Transform;

/// <summary>A second connection to the database of an open one, for statements that run beside it on another thread
/// (a DuckDB connection runs one statement at a time).</summary>
internal static class SiblingConnection
{
    /// <summary>Opens a connection to <paramref name="connection"/>'s database, in <see cref="WarehouseConnection.TimeZone"/>:
    /// on a file, a new connection (in one process DuckDB.NET gives it the same database instance, settings included);
    /// in memory, a duplicate, the only way to reach that database.</summary>
    /// <exception cref="DuckDBException">The connection could not be opened.</exception>
    public static DuckDBConnection Open(DuckDBConnection connection)
    {
        var sibling = connection.DataSource.StartsWith(":memory:", StringComparison.Ordinal) || connection.DataSource.Length == 0
            ? connection.Duplicate()
            : new DuckDBConnection(connection.ConnectionString);
        try
        {
            if (sibling.State != System.Data.ConnectionState.Open)
                sibling.Open();
            using var command = sibling.CreateCommand();
            command.CommandText = $"set TimeZone = '{WarehouseConnection.TimeZone}'";
            command.ExecuteNonQuery();
            return sibling;
        }
        catch
        {
            sibling.Dispose();
            throw;
        }
    }
}
