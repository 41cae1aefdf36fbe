using DuckDB.NET.Data;
using Warehouse.Bench.Transform;
using Warehouse.Etl.Transform;
using Warehouse.Tests.Etl;
using Warehouse.Tests.Sql.Support;
using Warehouse.Tests.Support;

namespace Warehouse.Tests.Sql;

/// <summary>The build's transform runs relations on several connections at once; it must build what the one-transaction
/// transform builds, and a broken relation must stop it with the relation's name.</summary>
[TestFixture]
public sealed class ConcurrentTransformTests
{
    private string folder = null!;

    [SetUp]
    public void CreateFolder() => folder = TestPaths.TempFolder();

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    /// <summary>Every relation of the database: its kind and comment, and its rows sorted.</summary>
    private static Dictionary<string, (string Kind, string? Comment, List<object?[]> Rows)> Contents(DuckDBConnection connection)
    {
        var relations = new List<(string Name, string Kind, string? Comment)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText =
                "select schema_name || '.' || table_name, 'table', comment from duckdb_tables() where database_name = current_database() " +
                "union all select schema_name || '.' || view_name, 'view', comment from duckdb_views() where database_name = current_database() and not internal";
            using var reader = command.ExecuteReader();
            while (reader.Read())
                relations.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        var contents = new Dictionary<string, (string, string?, List<object?[]>)>(StringComparer.Ordinal);
        foreach (var (name, kind, comment) in relations)
            contents[name] = (kind, comment, QueryRows.Read(connection, $"select * from {name} order by all"));
        contents["column comments"] = ("", null, QueryRows.Read(connection, "select table_name, column_name, comment from duckdb_columns() order by all"));
        return contents;
    }

    /// <summary>Equal, doubles to 1e-12 relative: an aggregate over rows a transaction wrote itself may add them in
    /// another order than over the same rows committed, which moves the last bit.</summary>
    private static bool Same(object? a, object? b) => (a, b) switch
    {
        (double x, double y) => x.Equals(y) || Math.Abs(x - y) <= 1e-12 * Math.Max(Math.Abs(x), Math.Abs(y)),
        _ => Equals(a, b),
    };

    private DuckDBConnection Filled(string name)
    {
        var connection = new DuckDBConnection($"Data Source={Path.Combine(folder, name)}");
        connection.Open();
        SqlModel.Migrate(connection);
        StagingWriter.Append(connection, SyntheticStaging.Generate());
        return connection;
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(4)]
    public void Builds_every_relation_as_the_single_transaction_transform_does(int connections)
    {
        using var sequential = Filled("sequential.duckdb");
        using var concurrent = Filled("concurrent.duckdb");

        SqlModel.Apply(sequential, TestWarehouse.DefaultSettings);
        ConcurrentTransform.Apply(concurrent, TestWarehouse.DefaultSettings, connections);

        var expected = Contents(sequential);
        var actual = Contents(concurrent);
        Assert.That(actual.Keys.Order(StringComparer.Ordinal), Is.EqualTo(expected.Keys.Order(StringComparer.Ordinal)));
        Assert.That(expected["main.panel"].Rows, Has.Count.GreaterThan(100), "the panel has rows to compare");
        foreach (var (name, (kind, comment, rows)) in expected)
        {
            var other = actual[name];
            Assert.That((other.Kind, other.Comment, other.Rows.Count), Is.EqualTo((kind, comment, rows.Count)), name);
            for (int r = 0; r < rows.Count; r++)
            {
                var (want, got) = (rows[r], other.Rows[r]);
                Assert.That(Enumerable.Range(0, want.Length).All(i => Same(want[i], got[i])), Is.True,
                    $"{name} row {r}: [{string.Join(", ", want)}] vs [{string.Join(", ", got)}]");
            }
        }
    }

    [Test]
    public void An_in_memory_database_is_built_through_duplicates_of_its_connection()
    {
        using var warehouse = new TestWarehouse();
        warehouse.Load(HandExamples.Rows());

        ConcurrentTransform.Apply(warehouse.Connection, TestWarehouse.DefaultSettings, 2);

        Assert.That(warehouse.Scalar("select count(*) from main.panel"), Is.GreaterThan(0L));
    }

    [Test]
    public void A_relation_that_fails_is_named_and_nothing_that_reads_it_is_built()
    {
        string sql = Path.Combine(folder, "sql");
        CopyFolder(RepositoryPaths.Sql, sql);
        File.WriteAllText(Path.Combine(sql, "marts", "fct_hightech.sql"), "select no_such_column from intermediate.int_observations_current");
        using var connection = Filled("broken.duckdb");

        var error = Assert.Throws<SqlModelException>(() => ConcurrentTransform.Apply(connection, TestWarehouse.DefaultSettings, 2, sql));

        using var command = connection.CreateCommand();
        command.CommandText = "select count(*) from duckdb_tables() where schema_name = 'main' and table_name in ('fct_hightech', 'panel')";
        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.StartWith("main.fct_hightech: "));
            Assert.That(error.Message, Does.Contain("no_such_column"));
            Assert.That(command.ExecuteScalar(), Is.EqualTo(0L), "the panel reads fct_hightech: it must not be built");
        });
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
