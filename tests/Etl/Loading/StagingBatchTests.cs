using Dapper;
using DuckDB.NET.Data;
using Microsoft.Extensions.Time.Testing;
using Warehouse.Etl.Archive;
using Warehouse.Etl.Extraction;
using Warehouse.Etl.Loading;
using Warehouse.Etl.Normalizing;
using Warehouse.Etl.Staging;

namespace Warehouse.Tests.Etl.Loading;

[TestFixture]
public sealed class StagingBatchTests
{
    private static readonly DateTimeOffset Fetched = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static readonly string[] Dumps =
    [
        "select * from staging.observation order by rowid",
        "select * from meta.raw_page order by rowid",
        "select * from meta.schema_fingerprint order by rowid",
    ];

    [Test]
    public void One_batch_writes_the_same_rows_in_the_same_order_as_table_after_table()
    {
        // Already in both files: an earlier load of 2012 (to be replaced), its page and its layout.
        var earlier = Table("4-2", 2012, "p2012", "f1", Obs("4-2", 2012, 11, 1), Obs("4-2", 2012, 12, 2));
        // The batch: a reload of 2012, a new edition whose index page the next table shares, a portal table (no edition),
        // a layout seen before and one not, and a failed extraction (writes and deletes nothing).
        TableExtraction[] tables =
        [
            Table("4-2", 2012, "p2012", "f1", Obs("4-2", 2012, 11, 9)),
            Table("4-2", 2013, "p2013", "f2", Obs("4-2", 2013, 11, 3), Obs("4-2", 2013, 12, null)) with { RawPages = [Page("index2013"), Page("p2013")] },
            Table("2-5", 2013, "p2013b", "f3", Obs("2-5", 2013, 13, 4)) with { RawPages = [Page("index2013"), Page("p2013b")] },
            Table("gdp", null, "pgdp", "f4", Obs("gdp", null, 11, 5)),
            new("labour_yearbook", 2014, "4-2", "/inbox/2014.htm", null, [], "broken", TimeSpan.Zero),
        ];

        using var serial = WarehouseSchema.OpenInMemory();
        using var batched = WarehouseSchema.OpenInMemory();
        StagingLoader.Load(serial, earlier, "run-0");
        StagingLoader.Load(batched, earlier, "run-0");

        foreach (var table in tables)
        {
            StagingLoader.Load(serial, table, "run-1");
        }

        var loads = StagingBatch.Load(batched, tables, "run-1", new FakeTimeProvider(Fetched));

        Assert.Multiple(() =>
        {
            foreach (string dump in Dumps)
            {
                Assert.That(Rows(batched, dump), Is.EqualTo(Rows(serial, dump)), dump);
            }

            Assert.That(loads.Select(l => (l.Table.TableId, l.Table.Edition, l.Rows, l.Error)),
                Is.EqualTo(new[] { ("4-2", (int?)2012, 1, (string?)null), ("4-2", 2013, 2, null), ("2-5", 2013, 1, null), ("gdp", null, 1, null) }),
                "one result per extracted table, in order; the failed extraction has none");
            Assert.That(WarehouseSchema.Scalar(batched, "select count(*) from staging.observation"), Is.EqualTo(5));
            Assert.That(WarehouseSchema.Scalar(batched, "select count(*) from meta.raw_page where sha256 = 'index2013'"), Is.EqualTo(1), "a shared page once");
        });
    }

    [Test]
    public void A_table_the_schema_rejects_fails_alone_and_its_last_good_load_stays()
    {
        using var db = WarehouseSchema.OpenInMemory();
        StagingLoader.Load(db, Table("4-2", 2013, "old", "f1", Obs("4-2", 2013, 11, 1)), "run-0");
        var noUnit = Obs("4-2", 2013, 12, 2) with { Unit = null! };
        TableExtraction[] tables =
        [
            Table("4-2", 2012, "p2012", "f1", Obs("4-2", 2012, 11, 7)),
            Table("4-2", 2013, "p2013", "f2", noUnit),
            Table("gdp", null, "pgdp", "f3", Obs("gdp", null, 11, 5)),
        ];

        var loads = StagingBatch.Load(db, tables, "run-1", new FakeTimeProvider(Fetched));

        Assert.Multiple(() =>
        {
            Assert.That(loads.Select(l => l.Succeeded), Is.EqualTo(new[] { true, false, true }));
            Assert.That(loads[1].Error, Does.Contain("unit").IgnoreCase, "DuckDB's message names the column");
            Assert.That(db.Query<double>("select value from staging.observation order by rowid"), Is.EqualTo(new[] { 1.0, 7, 5 }),
                "the rejected table's earlier rows stay; the other two tables load");
            Assert.That(WarehouseSchema.Scalar(db, "select count(*) from meta.raw_page where sha256 = 'p2013'"), Is.Zero, "nothing of the rejected table is recorded");
        });
    }

    private static List<string> Rows(DuckDBConnection connection, string sql) =>
        connection.Query(sql).Select(r => string.Join("|", ((IDictionary<string, object?>)r).Select(kv => $"{kv.Key}={kv.Value}"))).ToList();

    private static Observation Obs(string tableId, int? edition, short province, double? value) =>
        new("labour_yearbook", edition, tableId, province, (short)((edition ?? 2024) - 1), "urban_employment", "C", value, "10k persons", "万人", "abc", "B3");

    private static RawPageRecord Page(string sha) => new(sha, $"/inbox/{sha}.htm", null, null, "gb2312", "gb18030", 10, Fetched, $"/raw/objects/{sha}.bin");

    private static TableExtraction Table(string tableId, int? edition, string page, string fingerprint, params Observation[] observations) =>
        new("labour_yearbook", edition, tableId, $"/inbox/{page}.htm", page, observations, null, TimeSpan.FromMilliseconds(5))
        {
            RawPages = [Page(page)],
            Fingerprint = new SchemaFingerprint(fingerprint, "[\"合计\"]", "万人", "[\"北京\"]"),
        };
}
