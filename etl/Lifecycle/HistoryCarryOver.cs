using Dapper;
using DuckDB.NET.Data;

namespace Warehouse.Etl.Lifecycle;

/// <summary>Copies what a new build must not lose from the live warehouse into the candidate: the run history
/// (meta.*) always, and staging.observation unless the build is a full refresh — so an offline or partial
/// rebuild keeps the tables it did not re-read. The live file is attached read-only and never written.</summary>
public static class HistoryCarryOver
{
    private static readonly string[] MetaTables = ["run", "run_step", "raw_page", "test_result", "schema_fingerprint", "coverage"];

    /// <returns>Rows copied per table, e.g. <c>staging.observation → 12000</c>.</returns>
    public static IReadOnlyDictionary<string, long> Copy(DuckDBConnection candidate, string livePath, bool includeStaging)
    {
        var copied = new Dictionary<string, long>(StringComparer.Ordinal);
        if (!File.Exists(livePath))
        {
            return copied;
        }

        Execute(candidate, $"attach '{livePath.Replace("'", "''", StringComparison.Ordinal)}' as live_warehouse (read_only)");
        try
        {
            var tables = MetaTables.Select(t => ("meta", t)).ToList();
            if (includeStaging)
            {
                tables.Add(("staging", "observation"));
            }

            // One transaction: a commit per table synced the write-ahead log once per table. DuckDB.NET's transaction
            // rolls back on dispose whatever a failed copy left open, and reports a commit that fails as itself.
            using var transaction = candidate.BeginTransaction();
            foreach (var (schema, table) in tables)
            {
                if (!Exists(candidate, schema, table))
                {
                    continue;
                }

                using var command = candidate.CreateCommand();
                command.CommandText = $"insert into {schema}.{table} by name select * from live_warehouse.{schema}.{table}";
                copied[$"{schema}.{table}"] = command.ExecuteNonQuery();
            }

            transaction.Commit();
        }
        finally
        {
            Execute(candidate, "detach live_warehouse");
        }

        return copied;
    }

    private static bool Exists(DuckDBConnection connection, string schema, string table)
    {
        return connection.ExecuteScalar<long>(
            "select count(*) from duckdb_tables() where database_name = 'live_warehouse' and schema_name = $schema and table_name = $table",
            new { schema, table }) > 0;
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
