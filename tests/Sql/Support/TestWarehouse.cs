using DuckDB.NET.Data;
using Warehouse.Bench.Transform;
using Warehouse.Etl.Config;
using Warehouse.Etl.Transform;

namespace Warehouse.Tests.Sql.Support;

/// <summary>A real in-memory DuckDB with the migrations applied, filled with staging rows, transformed on demand.</summary>
public sealed class TestWarehouse : IDisposable
{
    public TestWarehouse(string dataSource = ":memory:")
    {
        Connection = new DuckDBConnection($"Data Source={dataSource}");
        Connection.Open();
        SqlModel.Migrate(Connection);
    }

    public DuckDBConnection Connection { get; }

    /// <summary>The default configuration of pipelines.yml: 2010–2023, Tibet excluded, C vs G/I/J/L/M.</summary>
    public static TransformSettings DefaultSettings { get; } = new(
        Enumerable.Range(2010, 14).ToArray(),
        [54],
        ["C"],
        ["G", "I", "J", "L", "M"],
        ["pharma", "aerospace", "electronics_comm", "computers_office", "medical_instruments"],
        EditionPrecedence.NewestEdition,
        3.0);

    public void Load(IEnumerable<StagingRow> rows) => StagingWriter.Append(Connection, rows);

    public void Transform(TransformSettings? settings = null) => SqlModel.Apply(Connection, settings ?? DefaultSettings);

    public void Execute(string sql)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public object? Scalar(string sql)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>Rows of a query as dictionaries keyed by column name.</summary>
    public List<Dictionary<string, object?>> Rows(string sql)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<Dictionary<string, object?>>();
        while (reader.Read())
        {
            var row = new Dictionary<string, object?>();
            for (int i = 0; i < reader.FieldCount; i++)
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }

        return rows;
    }

    public void Dispose() => Connection.Dispose();
}
