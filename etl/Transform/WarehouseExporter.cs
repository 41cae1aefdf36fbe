using Dapper;
using DuckDB.NET.Data;
using Warehouse.Analysis.Data;

namespace Warehouse.Etl.Transform;

/// <summary>
/// Writes the analyst-facing relations (marts and indicators, schema main) to files: Parquet in one folder per
/// relation, hive-partitioned by year (<c>&lt;out&gt;/fct_provincial/year=2015/data_0.parquet</c>) when the
/// relation has a year column; CSV as one <c>&lt;out&gt;/&lt;relation&gt;.csv</c> with a header.
/// </summary>
public static class WarehouseExporter
{
    public static IReadOnlyList<(string Relation, string Target)> Export(string databasePath, string format, string outDir, string? sqlFolder = null)
    {
        if (format is not ("parquet" or "csv"))
            throw new ArgumentException($"export format must be parquet or csv; got '{format}'", nameof(format));
        string root = Path.GetFullPath(outDir);
        Directory.CreateDirectory(root);
        var catalog = ModelCatalog.Load(sqlFolder);
        using var connection = WarehouseConnection.OpenReadOnly(databasePath);
        var written = new List<(string, string)>();
        foreach (var relation in catalog.Relations.Where(r => r.Layer.Schema == "main"))
        {
            bool hasYear = HasColumn(connection, relation, "year");
            string target;
            string sql;
            if (format == "csv")
            {
                target = Path.Combine(root, relation.Name + ".csv");
                sql = $"copy (select * from {relation.QualifiedName}) to {SqlText.Literal(target)} (format csv, header true)";
            }
            else
            {
                target = Path.Combine(root, relation.Name);
                // A re-export replaces the relation's folder, so partitions of years that vanished do not linger.
                if (Directory.Exists(target))
                    Directory.Delete(target, recursive: true);
                Directory.CreateDirectory(target);
                sql = hasYear
                    ? $"copy (select * from {relation.QualifiedName}) to {SqlText.Literal(target)} (format parquet, partition_by (year))"
                    : $"copy (select * from {relation.QualifiedName}) to {SqlText.Literal(Path.Combine(target, "data_0.parquet"))} (format parquet)";
            }

            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
            written.Add((relation.Name, target));
        }

        return written;
    }

    private static bool HasColumn(DuckDBConnection connection, ModelRelation relation, string column)
    {
        return connection.ExecuteScalar<long>(
            "select count(*) from duckdb_columns() where schema_name = $schema and table_name = $table and column_name = $column",
            new { schema = relation.Layer.Schema, table = relation.Name, column }) > 0;
    }
}
