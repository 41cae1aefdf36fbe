using Dapper;
using DuckDB.NET.Data;
using Warehouse.Analysis.Data;

namespace Warehouse.Etl.Transform;

/// <summary>What <c>WarehouseExporter.Export</c> exports: which relations, which data years, and whether to write.</summary>
/// <param name="Select">Relation names (schema main); empty = every analyst-facing relation. An unknown name is an error.</param>
/// <param name="Years">Inclusive data years kept in relations with a <c>year</c> column; null = all. Dimensions export whole.</param>
/// <param name="DryRun">Plan and return the targets and SQL, write nothing.</param>
public sealed record ExportOptions(IReadOnlyCollection<string> Select, (int From, int To)? Years = null, bool DryRun = false)
{
    /// <summary>Everything, written.</summary>
    public static readonly ExportOptions All = new([]);
}

/// <summary>One relation's export: where it goes and the COPY that writes it.</summary>
public sealed record ExportedRelation(string Relation, string Target, string Sql);

/// <summary>
/// Writes the analyst-facing relations (marts and indicators, schema main) to files: Parquet in one folder per
/// relation, hive-partitioned by year (<c>&lt;out&gt;/fct_provincial/year=2015/data_0.parquet</c>) when the
/// relation has a year column; CSV as one <c>&lt;out&gt;/&lt;relation&gt;.csv</c> with a header.
/// </summary>
public static class WarehouseExporter
{
    public static IReadOnlyList<(string Relation, string Target)> Export(string databasePath, string format, string outDir, string? sqlFolder = null) =>
        Export(databasePath, format, outDir, ExportOptions.All, sqlFolder).Select(e => (e.Relation, e.Target)).ToList();

    /// <summary>Exports per <paramref name="options"/>. Throws <see cref="ArgumentException"/> for an unknown format or relation name.</summary>
    public static IReadOnlyList<ExportedRelation> Export(string databasePath, string format, string outDir, ExportOptions options, string? sqlFolder = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (format is not ("parquet" or "csv"))
            throw new ArgumentException($"export format must be parquet or csv; got '{format}'", nameof(format));
        string root = Path.GetFullPath(outDir);
        var catalog = ModelCatalog.Load(sqlFolder);
        var exportable = catalog.Relations.Where(r => r.Layer.Schema == "main").ToList();
        var unknown = options.Select.Where(s => exportable.All(r => r.Name != s)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException(
                $"--select: no exportable relation {string.Join(", ", unknown.Select(u => $"'{u}'"))}; choose from {string.Join(", ", exportable.Select(r => r.Name))}");
        }

        var relations = exportable.Where(r => options.Select.Count == 0 || options.Select.Contains(r.Name)).ToList();

        using var connection = WarehouseConnection.OpenReadOnly(databasePath);
        var plan = relations.Select(r => Plan(connection, r, format, root, options.Years)).ToList();
        if (options.DryRun)
            return plan;

        Directory.CreateDirectory(root);
        foreach (var export in plan)
        {
            if (format == "parquet")
            {
                // A re-export replaces the relation's folder, so partitions of years that vanished do not linger.
                if (Directory.Exists(export.Target))
                    Directory.Delete(export.Target, recursive: true);
                Directory.CreateDirectory(export.Target);
            }

            using var command = connection.CreateCommand();
            command.CommandText = export.Sql;
            command.ExecuteNonQuery();
        }

        return plan;
    }

    private static ExportedRelation Plan(DuckDBConnection connection, ModelRelation relation, string format, string root, (int From, int To)? years)
    {
        bool hasYear = HasColumn(connection, relation, "year");
        string rows = hasYear && years is { } range
            ? $"select * from {relation.QualifiedName} where year between {range.From} and {range.To}"
            : $"select * from {relation.QualifiedName}";
        if (format == "csv")
        {
            string file = Path.Combine(root, relation.Name + ".csv");
            return new(relation.Name, file, $"copy ({rows}) to {SqlText.Literal(file)} (format csv, header true)");
        }

        string folder = Path.Combine(root, relation.Name);
        return new(relation.Name, folder, hasYear
            ? $"copy ({rows}) to {SqlText.Literal(folder)} (format parquet, partition_by (year))"
            : $"copy ({rows}) to {SqlText.Literal(Path.Combine(folder, "data_0.parquet"))} (format parquet)");
    }

    private static bool HasColumn(DuckDBConnection connection, ModelRelation relation, string column)
    {
        return connection.ExecuteScalar<long>(
            "select count(*) from duckdb_columns() where schema_name = $schema and table_name = $table and column_name = $column",
            new { schema = relation.Layer.Schema, table = relation.Name, column }) > 0;
    }
}
