using Dapper;
using Warehouse.Etl.Archive;
using Warehouse.Etl.Extraction;
using Warehouse.Etl.Loading;
using Warehouse.Etl.Normalizing;
using Warehouse.Etl.Staging;

namespace Warehouse.Tests.Etl.Loading;

[TestFixture]
public sealed class StagingLoaderTests
{
    private static readonly DateTimeOffset Fetched = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Test]
    public void Loads_observations_with_every_staging_column()
    {
        using var db = WarehouseSchema.OpenInMemory();
        var rows = StagingLoader.Load(db, Table("4-2", 2012, Obs("4-2", 2012, 11, "C", 12.5), Obs("4-2", 2012, 0, "total", null)));
        Assert.That(rows, Is.EqualTo(2));
        var loaded = db.Query<(string Source, int? Edition, string TableId, short Province, short Year, string Indicator, string? Item, double? Value, string Unit, string? RawUnit, string Sha, string? Cell)>(
            "select source, edition, table_id, province_code, year, indicator, item, value, unit, raw_unit, raw_sha256, cell from staging.observation order by province_code desc").ToList();
        Assert.That(loaded[0], Is.EqualTo(("labour_yearbook", (int?)2012, "4-2", (short)11, (short)2011, "urban_employment", (string?)"C", (double?)12.5, "10k persons", (string?)"万人", "abc", (string?)"B3")));
        Assert.That(loaded[1].Value, Is.Null, "missing stays null, never zero");
    }

    [Test]
    public void Reloading_a_table_replaces_it_and_leaves_other_tables_alone()
    {
        using var db = WarehouseSchema.OpenInMemory();
        StagingLoader.Load(db, Table("4-2", 2012, Obs("4-2", 2012, 11, "C", 1), Obs("4-2", 2012, 12, "C", 2)));
        StagingLoader.Load(db, Table("4-2", 2013, Obs("4-2", 2013, 11, "C", 3)));
        StagingLoader.Load(db, Table("4-2", 2012, Obs("4-2", 2012, 11, "C", 9)));
        Assert.That(WarehouseSchema.Scalar(db, "select count(*) from staging.observation where edition = 2012"), Is.EqualTo(1));
        Assert.That(WarehouseSchema.Scalar(db, "select count(*) from staging.observation where edition = 2013"), Is.EqualTo(1));
        Assert.That(db.ExecuteScalar<double>("select value from staging.observation where edition = 2012"), Is.EqualTo(9));
    }

    [Test]
    public void Null_editions_are_replaced_too()
    {
        using var db = WarehouseSchema.OpenInMemory();
        StagingLoader.Load(db, Table("gdp", null, Obs("gdp", null, 11, null, 1)));
        StagingLoader.Load(db, Table("gdp", null, Obs("gdp", null, 11, null, 2)));
        Assert.That(WarehouseSchema.Scalar(db, "select count(*) from staging.observation"), Is.EqualTo(1));
    }

    [Test]
    public void A_failed_extraction_deletes_nothing()
    {
        using var db = WarehouseSchema.OpenInMemory();
        StagingLoader.Load(db, Table("4-2", 2012, Obs("4-2", 2012, 11, "C", 1)));
        var failed = new TableExtraction("labour_yearbook", 2012, "4-2", "x", null, [], "broken", TimeSpan.Zero);
        Assert.That(StagingLoader.Load(db, failed), Is.Zero);
        Assert.That(WarehouseSchema.Scalar(db, "select count(*) from staging.observation"), Is.EqualTo(1));
    }

    [Test]
    public void Raw_pages_and_fingerprints_are_recorded_once()
    {
        using var db = WarehouseSchema.OpenInMemory();
        var table = Table("4-2", 2012, Obs("4-2", 2012, 11, "C", 1));
        StagingLoader.Load(db, table, "run-1");
        StagingLoader.Load(db, table, "run-2");
        Assert.That(WarehouseSchema.Scalar(db, "select count(*) from meta.raw_page"), Is.EqualTo(1));
        Assert.That(db.ExecuteScalar<string>("select detected_charset from meta.raw_page"), Is.EqualTo("gb18030"));
        Assert.That(db.ExecuteScalar<DateTime>("select fetched_at at time zone 'UTC' from meta.raw_page"), Is.EqualTo(Fetched.UtcDateTime));
        Assert.That(WarehouseSchema.Scalar(db, "select count(*) from meta.schema_fingerprint"), Is.EqualTo(1));
        Assert.That(db.ExecuteScalar<string>("select first_seen_run from meta.schema_fingerprint"), Is.EqualTo("run-1"));

        var drifted = table with { Fingerprint = new SchemaFingerprint("f2", "[\"合计\",\"新列\"]", "万人", "[]") };
        StagingLoader.Load(db, drifted, "run-3");
        Assert.That(WarehouseSchema.Scalar(db, "select count(*) from meta.schema_fingerprint where source = 'labour_yearbook' and edition = 2012"), Is.EqualTo(2));
    }

    private static Observation Obs(string tableId, int? edition, short province, string? item, double? value) =>
        new("labour_yearbook", edition, tableId, province, (short)((edition ?? 2024) - 1), "urban_employment", item, value, "10k persons", "万人", "abc", "B3");

    private static TableExtraction Table(string tableId, int? edition, params Observation[] observations) =>
        new("labour_yearbook", edition, tableId, "/inbox/x.htm", "abc", observations, null, TimeSpan.FromMilliseconds(5))
        {
            RawPages = [new RawPageRecord("abc", "/inbox/x.htm", null, null, "gb2312", "gb18030", 10, Fetched, "/raw/objects/ab/abc.bin")],
            Fingerprint = new SchemaFingerprint("f1", "[\"合计\"]", "万人", "[\"北京\"]"),
        };
}
