using DuckDB.NET.Data;

namespace Warehouse.Tests.Etl.Loading;

/// <summary>An in-memory DuckDB with the repository's sql/schema files executed in order (not via SqlModel, on purpose).</summary>
internal static class WarehouseSchema
{
    public static DuckDBConnection OpenInMemory()
    {
        var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        foreach (var file in Directory.GetFiles(Path.Combine(TestPaths.RepoRoot(), "sql", "schema"), "*.sql").Order(StringComparer.Ordinal))
        {
            using var command = connection.CreateCommand();
            command.CommandText = File.ReadAllText(file);
            command.ExecuteNonQuery();
        }

        return connection;
    }

    public static long Scalar(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
