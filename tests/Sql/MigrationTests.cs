using Warehouse.Analysis.Data;
using Warehouse.Etl.Transform;
using Warehouse.Tests.Analysis;

namespace Warehouse.Tests.Sql;

/// <summary><see cref="SqlModel.Migrate(DuckDB.NET.Data.DuckDBConnection, string?)"/> applies sql/schema in one
/// transaction: all of it, or — when a script fails — nothing, with the failing file named.</summary>
[TestFixture]
public sealed class MigrationTests
{
    private string folder = null!;

    [SetUp]
    public void Scratch()
    {
        folder = TestPaths.Scratch("migration");
        Directory.CreateDirectory(Path.Combine(folder, "sql", "schema"));
        File.WriteAllText(Path.Combine(folder, "sql", "schema", "000_first.sql"),
            "create schema if not exists meta;\ncreate table if not exists meta.run (run_id varchar primary key);\ninsert into meta.run values ('r1');\n");
    }

    [TearDown]
    public void Remove() => Directory.Delete(folder, recursive: true);

    private static long Count(DuckDB.NET.Data.DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Test]
    public void Every_script_is_applied_in_file_name_order()
    {
        File.WriteAllText(Path.Combine(folder, "sql", "schema", "010_second.sql"), "insert into meta.run values ('r2');\n");
        using var connection = WarehouseConnection.OpenForWriting(Path.Combine(folder, "w.duckdb"));
        SqlModel.Migrate(connection, Path.Combine(folder, "sql"));
        Assert.That(Count(connection, "select count(*) from meta.run"), Is.EqualTo(2));
    }

    [Test]
    public void A_failing_script_leaves_the_file_as_it_was_and_is_named()
    {
        File.WriteAllText(Path.Combine(folder, "sql", "schema", "010_broken.sql"), "create table meta.other (x integer);\ncreate tabel oops;\n");
        using var connection = WarehouseConnection.OpenForWriting(Path.Combine(folder, "w.duckdb"));
        var error = Assert.Throws<SqlModelException>(() => SqlModel.Migrate(connection, Path.Combine(folder, "sql")));
        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain("010_broken.sql"));
            Assert.That(Count(connection, "select count(*) from duckdb_schemas() where schema_name = 'meta'"), Is.Zero,
                "the first script's schema, table and row are rolled back with the second's failure");
            Assert.That(Count(connection, "select count(*) from duckdb_tables() where schema_name = 'meta'"), Is.Zero);
        });
    }

    [Test]
    public void A_commit_that_fails_is_the_error_reported_not_the_rollback_after_it()
    {
        var path = Path.Combine(folder, "w.duckdb");
        using var connection = WarehouseConnection.OpenForWriting(path);
        // DuckDB writes the write-ahead log at commit: a folder where the log goes makes the commit fail.
        Directory.CreateDirectory(path + ".wal");
        var error = Assert.Throws<SqlModelException>(() => SqlModel.Migrate(connection, Path.Combine(folder, "sql")));
        Assert.That(error!.Message, Does.StartWith("migration: ").And.Not.Contain("rollback"));
    }
}
