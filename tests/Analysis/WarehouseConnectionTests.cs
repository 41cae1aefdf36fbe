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

    /// <summary>The compression each string segment of <c>t.s</c> was stored with, once checkpointed.</summary>
    private static List<string> StringCompression(System.Data.Common.DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "checkpoint";
        command.ExecuteNonQuery();
        command.CommandText = "select distinct compression from pragma_storage_info('t') where column_name = 's' and segment_type = 'VARCHAR' order by 1";
        using var reader = command.ExecuteReader();
        var methods = new List<string>();
        while (reader.Read())
            methods.Add(reader.GetString(0));
        return methods;
    }

    /// <summary>10 000 distinct portal addresses: dictionary compression cannot shrink them, FSST shrinks them several
    /// times over, so DuckDB's sampled choice takes it every time (on hex hashes it sometimes keeps them uncompressed).</summary>
    private const string DistinctAddresses = "create table t as select 'https://data.stats.gov.cn/easyquery.htm?cn=E0103&zb=A0201&reg=' || i::varchar as s from range(10000) r(i)";

    [Test]
    public void A_file_opened_for_writing_stores_strings_without_FSST_and_reads_them_back_unchanged()
    {
        // The same strings in a file opened with DuckDB's defaults take FSST, so the assertion below can fail.
        var control = Path.Combine(folder, "control.duckdb");
        using (var plain = WarehouseConnection.Open(WarehouseConnection.Settings(control, readOnly: false)))
        {
            using var create = plain.CreateCommand();
            create.CommandText = DistinctAddresses;
            create.ExecuteNonQuery();
            Assert.That(StringCompression(plain), Does.Contain("FSST"), "DuckDB's default stores these strings with FSST");
        }

        var path = Path.Combine(folder, "build.duckdb");
        using var writer = WarehouseConnection.OpenForWriting(path);
        using (var command = writer.CreateCommand())
        {
            command.CommandText = DistinctAddresses;
            command.ExecuteNonQuery();
        }

        Assert.That(StringCompression(writer), Has.None.EqualTo("FSST"));
        using var check = writer.CreateCommand();
        check.CommandText = "select count(*) from t join (" + DistinctAddresses["create table t as ".Length..] + ") expected using (s)";
        Assert.That(Convert.ToInt64(check.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(10000));
    }
}
