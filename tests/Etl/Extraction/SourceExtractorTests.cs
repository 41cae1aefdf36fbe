using Microsoft.Extensions.Time.Testing;
using Warehouse.Etl.Config;
using Warehouse.Etl.Extraction;
using Warehouse.Etl.Loading;
using Warehouse.Tests.Etl.Loading;

namespace Warehouse.Tests.Etl.Extraction;

/// <summary>A directory source laid out like the demo mirror: editions as folders, tables matched by file-name glob.</summary>
[TestFixture]
public sealed class SourceExtractorTests
{
    private string root = null!;
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    [SetUp]
    public void SetUp()
    {
        root = TestPaths.TempFolder();
        Copy("html/labour_2012_excel_gb18030.htm", "labour/2012/urban_employment_by_sector.htm");
        Copy("xls/labour_2011.xls", "labour/2011/urban_employment_by_sector.xls");
        Copy("html/labour_2016_libreoffice_utf8.html", "labour/2016/urban_employment_by_sector.html");
        Copy("xlsx/hightech_export_2017.xlsx", "hightech/2017/hightech_export_delivery.xlsx");
        Copy("xlsx/hightech_employment_2021.xlsx", "hightech/2017/hightech_employment.xlsx");
        Copy("csv/fsnd_gdp.csv", "nbs/fsnd_gdp.csv");
        Copy("csv/fsnd_multi_2023.csv", "nbs/fsnd_gdp_per_capita.csv");
    }

    [TearDown]
    public void TearDown() => Directory.Delete(root, recursive: true);

    [Test]
    public async Task Reads_each_configured_edition_and_table_through_the_archive()
    {
        var source = Labour("2011..2012");
        var results = await Extractor().ExtractAsync("labour_yearbook", source, new ExtractRequest(null, false, false), CancellationToken.None);
        Assert.That(results.Select(r => (r.Edition, r.Succeeded)), Is.EqualTo(new[] { ((int?)2011, true), (2012, true) }));
        Assert.That(results[0].Observations, Has.Count.EqualTo(100));
        Assert.That(results[0].Observations.All(o => o.Year == 2010 && o.Edition == 2011 && o.TableId == "4-2"), Is.True);
        Assert.That(results[1].RawPages.Single().DetectedCharset, Is.EqualTo("gb18030"));
        var archived = Path.Combine(root, "raw", "objects", results[1].RawSha256![..2], results[1].RawSha256 + ".bin");
        Assert.That(File.ReadAllBytes(archived), Is.EqualTo(File.ReadAllBytes(Path.Combine(root, "labour/2012/urban_employment_by_sector.htm"))));
        Assert.That(results[1].Fingerprint, Is.Not.Null);
    }

    [Test]
    public async Task Requested_years_select_editions()
    {
        var results = await Extractor().ExtractAsync("labour_yearbook", Labour("2011..2016"), new ExtractRequest([2011], false, false), CancellationToken.None);
        Assert.That(results.Single().Edition, Is.EqualTo(2012));
    }

    [Test]
    public async Task One_malformed_table_fails_alone_and_names_where()
    {
        Copy("html/hightech_employment_malformed.html", "hightech/2016/hightech_employment.html");
        Copy("xlsx/hightech_export_2017.xlsx", "hightech/2016/hightech_export_delivery.xlsx");
        var source = new SourceSettings
        {
            Kind = SourceKind.Directory,
            Location = Path.Combine(root, "hightech"),
            Editions = YearRange.Parse("2016..2017"),
            Tables = [Table("2-5", "hightech_export_delivery.*", "hightech_export_delivery"), Table("2-3", "hightech_employment.*", "hightech_employment")],
        };
        var results = await Extractor().ExtractAsync("hightech_yearbook", source, new ExtractRequest(null, false, false), CancellationToken.None);
        Assert.That(results, Has.Count.EqualTo(4));
        var failed = results.Single(r => !r.Succeeded);
        Assert.That((failed.Edition, failed.TableId), Is.EqualTo(((int?)2016, "2-3")));
        Assert.That(failed.Error, Does.Contain("hightech_employment.html").And.Contain("row '天津'").And.Contain("column '合计'"));
        Assert.That(failed.Observations, Is.Empty);

        using var db = WarehouseSchema.OpenInMemory();
        var loaded = results.Sum(r => StagingLoader.Load(db, r));
        Assert.That(loaded, Is.EqualTo(30 + 30 + 24), "two export tables (5 places x 6 groups) and one employment table (4 x 6)");
        Assert.That(WarehouseSchema.Scalar(db, "select count(distinct table_id || edition) from staging.observation"), Is.EqualTo(3));
    }

    [Test]
    public async Task A_missing_file_or_an_ambiguous_glob_is_a_failed_table_not_an_exception()
    {
        File.WriteAllText(Path.Combine(root, "labour/2012/urban_employment_by_sector.bak.htm"), "x");
        var results = await Extractor().ExtractAsync("labour_yearbook", Labour("2012..2013"), new ExtractRequest(null, false, false), CancellationToken.None);
        Assert.That(results[0].Error, Does.Contain("2 files match"));
        Assert.That(results[1].Error, Does.Contain("2013"));
    }

    [Test]
    public async Task Sources_without_editions_read_the_folder_itself()
    {
        var source = new SourceSettings
        {
            Kind = SourceKind.Demo,
            Location = Path.Combine(root, "nbs"),
            Tables = [Table("gdp", "fsnd_gdp.csv", "nbs_provincial_indicator"), Table("gdp_per_capita", "fsnd_gdp_per_capita.csv", "nbs_provincial_indicator")],
        };
        var results = await Extractor().ExtractAsync("nbs_provincial", source, new ExtractRequest(null, false, false), CancellationToken.None);
        Assert.That(results.All(r => r.Succeeded && r.Edition is null), Is.True, string.Join("; ", results.Select(r => r.Error)));
        Assert.That(results[0].Observations, Has.Count.EqualTo(70));
        Assert.That(results[1].Observations.Select(o => o.Indicator).Distinct(), Is.EqualTo(new[] { "gdp_per_capita" }));
    }

    [Test]
    public async Task Offline_reparses_the_archive_without_reading_the_inbox()
    {
        var extractor = Extractor();
        var first = await extractor.ExtractAsync("labour_yearbook", Labour("2011..2012"), new ExtractRequest(null, false, false), CancellationToken.None);
        Directory.Delete(Path.Combine(root, "labour"), recursive: true);
        var offline = await extractor.ExtractAsync("labour_yearbook", Labour("2011..2012"), new ExtractRequest(null, true, false), CancellationToken.None);
        Assert.That(offline.All(r => r.Succeeded && r.Unchanged), Is.True, string.Join("; ", offline.Select(r => r.Error)));
        Assert.That(offline.Select(r => r.Observations), Is.EqualTo(first.Select(r => r.Observations)).AsCollection);
    }

    private SourceExtractor Extractor() => new(Path.Combine(root, "raw"), time);

    private SourceSettings Labour(string editions) => new()
    {
        Kind = SourceKind.Directory,
        Location = Path.Combine(root, "labour"),
        Editions = YearRange.Parse(editions),
        Tables = [Table("4-2", "urban_employment_by_sector.*", "urban_employment_by_sector")],
    };

    private static TableSettings Table(string id, string match, string profile) => new() { Id = id, Match = match, Profile = profile };

    private void Copy(string fixture, string relative)
    {
        var target = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(TestPaths.Fixture(fixture), target, overwrite: true);
    }
}

/// <summary>Header changes between editions of one table are reported as warnings with the labels named.</summary>
[TestFixture]
public sealed class LayoutDriftTests
{
    [Test]
    public void A_new_column_in_a_later_edition_is_named()
    {
        var results = LayoutDrift.Annotate([Table(2013, "[\"合计\",\"医药制造业\"]", "万元"), Table(2014, "[\"合计\",\"医药制造业\",\"信息化学品制造业\"]", "千元")]);
        Assert.That(results[0].Warnings, Is.Empty);
        Assert.That(results[1].Warnings.Single(), Does.Contain("editions 2013 and 2014").And.Contain("new header labels: 信息化学品制造业").And.Contain("'万元' → '千元'"));
    }

    [Test]
    public void An_unchanged_layout_says_nothing()
    {
        var results = LayoutDrift.Annotate([Table(2013, "[\"合计\"]", "万元"), Table(2014, "[\"合计\"]", "万元")]);
        Assert.That(results.SelectMany(r => r.Warnings), Is.Empty);
    }

    private static TableExtraction Table(int edition, string header, string unit) =>
        new("hightech_yearbook", edition, "2-5", $"/m/{edition}/t.htm", "sha", [], null, TimeSpan.Zero)
        {
            Fingerprint = new Warehouse.Etl.Normalizing.SchemaFingerprint(header + unit, header, unit, "[]"),
        };
}
