using DuckDB.NET.Data;

namespace Warehouse.Etl.Transform;

/// <summary>What a built warehouse says about its relations: column types and comments, and the last result of each data test.</summary>
public static class WarehouseColumns
{
    /// <summary>The last recorded run of one data test.</summary>
    public sealed record TestResult(string Status, long FailingRows, string RunId, DateTimeOffset ExecutedAt);

    /// <summary>(schema, relation) → columns in order, from <c>duckdb_columns()</c>.</summary>
    public static Dictionary<(string, string), List<(string Name, string Type, string? Comment)>> Read(DuckDBConnection warehouse)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        using var command = warehouse.CreateCommand();
        command.CommandText = "select schema_name, table_name, column_name, data_type, comment from duckdb_columns() " +
                              "where database_name = current_database() order by schema_name, table_name, column_index";
        using var reader = command.ExecuteReader();
        var result = new Dictionary<(string, string), List<(string, string, string?)>>();
        while (reader.Read())
        {
            var key = (reader.GetString(0), reader.GetString(1));
            if (!result.TryGetValue(key, out var list))
                result[key] = list = [];
            list.Add((reader.GetString(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return result;
    }

    /// <summary>Test name → its latest <c>meta.test_result</c> row; empty when the warehouse has no such table.</summary>
    public static Dictionary<string, TestResult> LastTestResults(DuckDBConnection warehouse)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        using var exists = warehouse.CreateCommand();
        exists.CommandText = "select count(*) from duckdb_tables() where database_name = current_database() and schema_name = 'meta' and table_name = 'test_result'";
        if (Convert.ToInt64(exists.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0) return [];
        using var command = warehouse.CreateCommand();
        command.CommandText = "select test_name, status, failing_rows, run_id, executed_at from meta.test_result " +
                              "qualify row_number() over (partition by test_name order by executed_at desc, run_id desc) = 1";
        using var reader = command.ExecuteReader();
        var result = new Dictionary<string, TestResult>(StringComparer.Ordinal);
        while (reader.Read())
        {
            var executed = reader.GetValue(4) switch
            {
                DateTimeOffset o => o,
                DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
                var other => DateTimeOffset.Parse(Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture)!, System.Globalization.CultureInfo.InvariantCulture),
            };
            result[reader.GetString(0)] = new TestResult(reader.GetString(1), reader.GetInt64(2), reader.GetString(3), executed);
        }
        return result;
    }
}
