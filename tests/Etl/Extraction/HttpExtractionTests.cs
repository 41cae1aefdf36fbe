using Microsoft.Extensions.Time.Testing;
using Warehouse.Etl.Config;
using Warehouse.Etl.Extraction;
using Warehouse.Etl.Sources;
using Warehouse.Tests.Etl.Sources;

namespace Warehouse.Tests.Etl.Extraction;

/// <summary>An <c>http</c> source end to end: edition index pages, links matched by glob, archive, offline replay.</summary>
[TestFixture]
public sealed class HttpExtractionTests
{
    private FakeTimeProvider time = null!;
    private LoopbackServer server = null!;
    private string archive = null!;

    [SetUp]
    public void SetUp()
    {
        time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero));
        server = new LoopbackServer(time);
        archive = TestPaths.TempFolder();
        server.Script("/labour/2012/index.html", Reply.Ok("<html><body><a href='urban_employment_by_sector.htm'>4-2</a> <a href='other.htm'>x</a></body></html>"));
        server.Script("/labour/2012/urban_employment_by_sector.htm", Reply.Ok(TestPaths.FixtureBytes("html/labour_2012_excel_gb18030.htm"), "text/html"));
        server.Script("/labour/2011/index.html", Reply.Ok("<a href=\"urban_employment_by_sector.xls\">4-2</a>"));
        server.Script("/labour/2011/urban_employment_by_sector.xls", Reply.WithStatus(500), Reply.Ok(TestPaths.FixtureBytes("xls/labour_2011.xls"), "application/vnd.ms-excel"));
    }

    [TearDown]
    public async Task TearDown()
    {
        await server.DisposeAsync();
        Directory.Delete(archive, recursive: true);
    }

    [Test]
    public async Task Crawls_edition_index_pages_and_reads_the_matching_links()
    {
        var results = await Run(new ExtractRequest(null, false, false));
        Assert.That(results.All(r => r.Succeeded), Is.True, string.Join("; ", results.Select(r => r.Error)));
        Assert.That(results.Select(r => r.Observations.Count), Is.EqualTo(new[] { 100, 120 }));
        Assert.That(results[1].RawPages.Select(p => p.Location), Is.EqualTo(new[] { server.BaseUrl + "/labour/2012/index.html", server.BaseUrl + "/labour/2012/urban_employment_by_sector.htm" }),
            "the index page is lineage too");
        Assert.That(results[1].RawPages[1].HttpStatus, Is.EqualTo(200));
        Assert.That(results[1].RawPages[1].HttpHeadersJson, Does.Contain("text/html"));
        Assert.That(results[1].RawPages[1].DetectedCharset, Is.EqualTo("gb18030"));
        Assert.That(server.CountFor("/labour/2011/urban_employment_by_sector.xls"), Is.EqualTo(2), "the 500 was retried");
        Assert.That(server.CountFor("/labour/2012/other.htm"), Is.Zero, "links not matching the glob are not fetched");
    }

    [Test]
    public async Task Offline_replays_the_archive_without_the_network()
    {
        var online = await Run(new ExtractRequest(null, false, false));
        var requests = server.Requests.Count;
        var offline = await Run(new ExtractRequest(null, true, false));
        Assert.That(server.Requests, Has.Count.EqualTo(requests));
        Assert.That(offline.Select(r => r.RawSha256), Is.EqualTo(online.Select(r => r.RawSha256)));
        Assert.That(offline.Select(r => r.Observations.Count), Is.EqualTo(online.Select(r => r.Observations.Count)));
    }

    [Test]
    public async Task A_host_off_the_allow_list_fails_every_table_of_the_source()
    {
        var results = await Run(new ExtractRequest(null, false, false), allowed: ["stats.example"]);
        Assert.That(results.All(r => !r.Succeeded && r.Error!.Contains("allow-list", StringComparison.Ordinal)), Is.True);
        Assert.That(server.Requests, Is.Empty);
    }

    private Task<IReadOnlyList<TableExtraction>> Run(ExtractRequest request, List<string>? allowed = null)
    {
        var source = new SourceSettings
        {
            Kind = SourceKind.Http,
            Location = server.BaseUrl + "/labour",
            Editions = YearRange.Parse("2011..2012"),
            Politeness = new PolitenessSettings { RequestsPerSecond = 4, AllowedHosts = allowed ?? ["127.0.0.1"] },
            Tables = [new TableSettings { Id = "4-2", Match = "urban_employment_by_sector.*", Profile = "urban_employment_by_sector" }],
        };
        var extractor = new SourceExtractor(archive, time, null, new HttpFetchOptions { JitterRandomizer = () => 0.5 });
        return FakeClock.DriveAsync(extractor.ExtractAsync("labour_yearbook", source, request, CancellationToken.None), time);
    }
}
