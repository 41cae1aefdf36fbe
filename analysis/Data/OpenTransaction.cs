using DuckDB.NET.Data;

namespace Warehouse.Analysis.Data;

/// <summary>An explicit transaction (<c>begin transaction</c> … <c>commit</c>) on a DuckDB connection, ended after a failure.</summary>
public static class OpenTransaction
{
    /// <summary>Rolls back the connection's open transaction, if there still is one: a commit that failed (a full disk)
    /// has already ended it, and the rollback's own error ("no transaction is active") would then hide the commit's.
    /// Call it in a catch block that rethrows.</summary>
    public static void RollBackIfOpen(DuckDBConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = "rollback";
            command.ExecuteNonQuery();
        }
        catch (DuckDBException)
        {
            // No transaction is active: the failure being rethrown is the one to report.
        }
    }
}
