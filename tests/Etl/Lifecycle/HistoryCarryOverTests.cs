using DuckDB.NET.Data;
using Warehouse.Analysis.Data;
using Warehouse.Etl.Lifecycle;
using Warehouse.Etl.Runs;
using Warehouse.Etl.Transform;

namespace Warehouse.Tests.Etl.Lifecycle;

/// <summary><see cref="HistoryCarryOver.Copy"/> copies the live file's history in one transaction: every table, or —
/// when the commit fails — nothing, with the commit's own error.</summary>
[TestFixture]
public sealed class HistoryCarryOverTests
{
    private string folder = null!;
    private string live = null!;

    [SetUp]
    public void CreateLiveWarehouse()
    {
        folder = TestPaths.TempFolder();
        live = Path.Combine(folder, "warehouse.duckdb");
        using var connection = WarehouseConnection.OpenForWriting(live);
        SqlModel.Migrate(connection);
        foreach (string run in new[] { "r1", "r2" })
            RunRecorder.Start(connection, run, "build", new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), null, isDemo: true);
    }

    [TearDown]
    public void Remove() => Directory.Delete(folder, recursive: true);

    private static long Runs(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "select count(*) from meta.run";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Test]
    public void The_live_history_is_copied_into_the_candidate()
    {
        using var candidate = WarehouseConnection.OpenForWriting(Path.Combine(folder, "candidate.duckdb"));
        SqlModel.Migrate(candidate);
        var copied = HistoryCarryOver.Copy(candidate, live, includeStaging: true);
        Assert.Multiple(() =>
        {
            Assert.That(copied["meta.run"], Is.EqualTo(2));
            Assert.That(Runs(candidate), Is.EqualTo(2));
        });
    }

    [Test]
    public void A_commit_that_fails_is_the_error_reported_and_copies_nothing()
    {
        string path = Path.Combine(folder, "candidate.duckdb");
        using var candidate = WarehouseConnection.OpenForWriting(path);
        SqlModel.Migrate(candidate);
        using (var checkpoint = candidate.CreateCommand())
        {
            checkpoint.CommandText = "checkpoint";
            checkpoint.ExecuteNonQuery();
        }

        // DuckDB writes the write-ahead log at commit: a folder where the log goes makes the commit fail.
        File.Delete(path + ".wal");
        Directory.CreateDirectory(path + ".wal");
        var error = Assert.Throws<DuckDBException>(() => HistoryCarryOver.Copy(candidate, live, includeStaging: true));
        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Not.Contain("rollback"));
            Assert.That(Runs(candidate), Is.Zero);
        });
    }
}
