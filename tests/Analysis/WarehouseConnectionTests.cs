using Warehouse.Analysis.Data;

namespace Warehouse.Tests.Analysis;

/// <summary>A file opened for writing (a build, transform, data tests) runs DuckDB on <see cref="WarehouseConnection.WritingThreads"/>
/// thread, also for the read-only connections the same process opens to it (the report reads the build's file beside
/// the build); files opened only read-only keep DuckDB's default (a thread per core).</summary>
[TestFixture]
public sealed class WarehouseConnectionTests
{
    private string folder = null!;

    [SetUp]
    public void Scratch() => folder = TestPaths.Scratch("warehouse-connection");

    [TearDown]
    public void Remove() => Directory.Delete(folder, recursive: true);

    private static long Threads(System.Data.Common.DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "select current_setting('threads')";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Test]
    public void A_file_opened_for_writing_runs_on_one_thread_for_every_connection_of_the_process()
    {
        var path = Path.Combine(folder, "build.duckdb");
        using var writer = WarehouseConnection.OpenForWriting(path);
        using (var command = writer.CreateCommand())
        {
            command.CommandText = "create table t as select 1 as x";
            command.ExecuteNonQuery();
        }

        using var reader = WarehouseConnection.OpenReadOnly(path);
        Assert.Multiple(() =>
        {
            Assert.That(Threads(writer), Is.EqualTo(WarehouseConnection.WritingThreads));
            Assert.That(Threads(reader), Is.EqualTo(WarehouseConnection.WritingThreads));
        });
    }

    [Test]
    public void A_file_opened_only_to_read_keeps_DuckDBs_default()
    {
        var path = Path.Combine(folder, "live.duckdb");
        using (var writer = WarehouseConnection.OpenForWriting(path))
        using (var command = writer.CreateCommand())
        {
            command.CommandText = "create table t as select 1 as x";
            command.ExecuteNonQuery();
        }

        using var reader = WarehouseConnection.OpenReadOnly(path);
        using var scratch = WarehouseConnection.OpenInMemory();
        Assert.That(Threads(reader), Is.EqualTo(Threads(scratch)));
    }
}
