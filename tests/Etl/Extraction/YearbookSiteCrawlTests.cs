using System.Text;
using Microsoft.Extensions.Time.Testing;
using Warehouse.Etl.Config;
using Warehouse.Etl.Extraction;
using Warehouse.Etl.Sources;
using Warehouse.Tests.Etl.Sources;

namespace Warehouse.Tests.Etl.Extraction;

/// <summary>
/// The China Statistical Yearbook's online layout over real HTTP on loopback: <c>indexch.htm</c> is a GB2312 frameset,
/// its frame <c>left.htm</c> lists numbered table pages in a <c>&lt;ul id="foldinglist"&gt;</c>, and a recent edition's
/// page shows an image with the spreadsheet linked beside it. The table is found by title (link text, or the printed
/// title when the link text does not say it), a linked spreadsheet is preferred, and <c>--offline</c> replays it all.
/// </summary>
[TestFixture]
public sealed class YearbookSiteCrawlTests
{
    private const string Title = "按行业分城镇单位就业人员";

    private FakeTimeProvider time = null!;
    private LoopbackServer server = null!;
    private string archive = null!;

    [SetUp]
    public void SetUp()
    {
        time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero));
        server = new LoopbackServer(time);
        archive = TestPaths.TempFolder();
        foreach (var edition in new[] { 2011, 2012, 2013 })
        {
            server.Script($"/ndsj/{edition}/indexch.htm", Gb2312(
                "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"><title>中国统计年鉴</title></head>" +
                "<frameset cols=\"260,*\"><frame src=\"left.htm\" name=\"contents\"><frame src=\"main.htm\" name=\"main\"></frameset></html>"));
            server.Script($"/ndsj/{edition}/main.htm", Gb2312(
                "<html><head><meta charset=\"gb2312\"></head><body>前言 <iframe src=\"http://ads.example/banner.htm\"></iframe></body></html>"));
        }

        // 2012: link texts name the tables; the table page is an Excel web page.
        server.Script("/ndsj/2012/left.htm", Gb2312(List(
            ("html/E0401C.htm", "4-1 分地区年末城镇单位就业人员数"), ("html/E0402C.htm", "4-2 按行业分城镇单位就业人员数"), ("html/E0403C.htm", "4-3 城镇私营单位就业人员数"))));
        server.Script("/ndsj/2012/html/E0402C.htm", Reply.Ok(TestPaths.FixtureBytes("html/labour_2012_excel_gb18030.htm"), "text/html"));

        // 2011: link texts are bare numbers, so the printed titles decide; the page is an image with its .xls beside it.
        server.Script("/ndsj/2011/left.htm", Gb2312(List(("html/E0401C.htm", "4-1"), ("html/E0402C.htm", "4-2"))));
        server.Script("/ndsj/2011/html/E0401C.htm", Reply.Ok(TestPaths.FixtureBytes("html/hightech_export_2014_plain_gb18030.htm"), "text/html"));
        server.Script("/ndsj/2011/html/E0402C.htm", Gb2312(
            "<html><head><meta charset=\"gb2312\"></head><body><img src=\"E0402C.jpg\"><a href=\"E0402C.xls\">下载</a></body></html>"));
        server.Script("/ndsj/2011/html/E0402C.xls", Reply.Ok(TestPaths.FixtureBytes("xls/labour_2011.xls"), "application/vnd.ms-excel"));

        // 2013: the list links the page and the spreadsheet; the spreadsheet is read, the page never fetched.
        server.Script("/ndsj/2013/left.htm", Gb2312(List(("html/E0402C.htm", "4-2 按行业分城镇单位就业人员数"), ("html/E0402C.xls", "4-2 按行业分城镇单位就业人员数 (Excel)"))));
        server.Script("/ndsj/2013/html/E0402C.xls", Reply.Ok(TestPaths.FixtureBytes("xls/labour_2011.xls"), "application/vnd.ms-excel"));
    }

    [TearDown]
    public async Task TearDown()
    {
        await server.DisposeAsync();
        Directory.Delete(archive, recursive: true);
    }

    [Test]
    public async Task Finds_the_table_through_the_frameset_by_link_text_or_printed_title_and_prefers_the_spreadsheet()
    {
        var results = await Run(new ExtractRequest(null, false, false));
        Assert.That(results.Select(r => r.Error), Is.All.Null);
        var byEdition = results.ToDictionary(r => r.Edition!.Value);
        var site = server.BaseUrl + "/ndsj/";
        Assert.Multiple(() =>
        {
            Assert.That(byEdition[2012].Location, Is.EqualTo(site + "2012/html/E0402C.htm"));
            Assert.That(byEdition[2012].Observations, Has.Count.EqualTo(120));
            Assert.That(byEdition[2012].RawPages.Select(p => p.Location),
                Is.EqualTo(new[] { site + "2012/indexch.htm", site + "2012/left.htm", site + "2012/main.htm", site + "2012/html/E0402C.htm" }),
                "the frameset and its frames are lineage too");
            Assert.That(byEdition[2012].RawPages[1].DetectedCharset, Is.EqualTo("gb18030"), "the GB2312 list frame is decoded as GB18030");
            Assert.That(server.CountFor("/ndsj/2012/html/E0401C.htm"), Is.Zero, "other tables of the list are not fetched");

            Assert.That(byEdition[2011].Location, Is.EqualTo(site + "2011/html/E0402C.xls"), "the printed title chose 4-2 and its page led to the spreadsheet");
            Assert.That(byEdition[2011].Observations, Has.Count.EqualTo(100));
            Assert.That(byEdition[2011].RawPages.Select(p => p.Location), Does.Contain(site + "2011/html/E0402C.htm"));

            Assert.That(byEdition[2013].Location, Is.EqualTo(site + "2013/html/E0402C.xls"));
            Assert.That(server.CountFor("/ndsj/2013/html/E0402C.htm"), Is.Zero, "the spreadsheet beats the page of the same name");
            Assert.That(server.Requests.Where(r => r.Path.Contains("banner", StringComparison.Ordinal)), Is.Empty, "a frame on another host is not followed");
        });
    }

    [Test]
    public async Task Offline_replays_the_frameset_and_the_tables_without_the_network()
    {
        var online = await Run(new ExtractRequest(null, false, false));
        var requests = server.Requests.Count;
        var offline = await Run(new ExtractRequest(null, true, false));
        Assert.That(server.Requests, Has.Count.EqualTo(requests));
        Assert.That(offline.Select(r => r.Error), Is.All.Null);
        Assert.That(offline.Select(r => r.RawSha256), Is.EqualTo(online.Select(r => r.RawSha256)));
        Assert.That(offline.Select(r => r.Observations.Count), Is.EqualTo(online.Select(r => r.Observations.Count)));
    }

    [Test]
    public async Task A_title_no_link_or_printed_title_carries_fails_that_table_naming_the_spec()
    {
        var results = await Run(new ExtractRequest([2010], false, false), title: "分地区外商投资企业");
        Assert.That(results.Single().Error, Is.EqualTo($"no link text or printed title matching title '分地区外商投资企业' in edition 2011 of '{server.BaseUrl}/ndsj'"));
    }

    [Test]
    public async Task The_allow_list_refuses_the_entry_page_before_any_request()
    {
        var results = await Run(new ExtractRequest(null, false, false), allowed: ["www.stats.gov.cn"]);
        Assert.That(results.All(r => r.Error!.Contains("allow-list", StringComparison.Ordinal)), Is.True);
        Assert.That(server.Requests, Is.Empty);
    }

    private static string List(params (string Href, string Text)[] links) =>
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body><ul id=\"foldinglist\"><li>第四章 就业和工资<ul>" +
        string.Concat(links.Select(l => $"<li><a href='{l.Href}' target=\"main\">{l.Text}</a></li>")) + "</ul></li></ul></body></html>";

    private static Reply Gb2312(string html)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Reply.Ok(Encoding.GetEncoding("GB18030").GetBytes(html), "text/html");
    }

    private Task<IReadOnlyList<TableExtraction>> Run(ExtractRequest request, List<string>? allowed = null, string title = Title)
    {
        var source = new SourceSettings
        {
            Kind = SourceKind.Http,
            Location = server.BaseUrl + "/ndsj",
            Editions = YearRange.Parse("2011..2013"),
            Index = "indexch.htm",
            Politeness = new PolitenessSettings { RequestsPerSecond = 4, AllowedHosts = allowed ?? ["127.0.0.1"] },
            Tables = [new TableSettings { Id = "4-2", Title = title, Profile = "urban_employment_by_sector" }],
        };
        var extractor = new SourceExtractor(archive, time, null, new HttpFetchOptions { JitterRandomizer = () => 0.5 });
        return FakeClock.DriveAsync(extractor.ExtractAsync("labour_yearbook", source, request, CancellationToken.None), time);
    }
}
