using Microsoft.Extensions.Time.Testing;
using Warehouse.Etl.Cli;
using Warehouse.Etl.Runs;

namespace Warehouse.Tests.Etl.Cli;

/// <summary><c>warehouse extract</c> on fixtures: staging columns, raw cells, formats, and exit 1 naming where a file breaks.</summary>
[TestFixture]
public sealed class ExtractVerbTests
{
    private string archive = null!;

    [SetUp]
    public void SetUp() => archive = TestPaths.TempFolder();

    [TearDown]
    public void TearDown() => Directory.Delete(archive, recursive: true);

    [Test]
    public async Task Prints_staging_columns_with_a_detected_profile()
    {
        var (code, stdout, _) = await Run(new ExtractVerbRequest(TestPaths.Fixture("xlsx/hightech_employment_2021.xlsx"), false, null, null, "csv", 2021, null, null));
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(code, Is.EqualTo(Outcome.Ok));
        Assert.That(lines[0], Is.EqualTo("source,edition,table_id,province_code,year,indicator,item,value,unit,raw_unit,raw_sha256,cell,release"));
        Assert.That(lines, Has.Length.EqualTo(1 + 4 * 6));
        Assert.That(lines, Has.Some.Match(@"^hightech_yearbook,2021,2-3,14,2020,hightech_employment,computers_office,145\.5,persons,人,[0-9a-f]{64},G6,$"), "a yearbook table's release is its edition: the column stays empty");
    }

    [Test]
    public async Task Raw_mode_prints_one_row_per_data_cell()
    {
        var (code, stdout, _) = await Run(new ExtractVerbRequest(TestPaths.Fixture("html/labour_2012_excel_gb18030.htm"), true, null, null, "csv", null, null, null));
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(code, Is.EqualTo(Outcome.Ok));
        Assert.That(lines[0], Is.EqualTo("table_title,unit,row_label,column_label,value,raw"));
        Assert.That(lines, Has.Length.EqualTo(1 + 7 * 20), "regional rows are cells too in raw mode");
        Assert.That(lines, Has.Some.EqualTo("表4-2 按行业分城镇单位就业人员(2011年),单位：万人 (10 000 persons),北京 Beijing,农、林、牧、渔业,,—"));
        Assert.That(lines, Has.Some.EqualTo("表4-2 按行业分城镇单位就业人员(2011年),单位：万人 (10 000 persons),全国 National Total,合计,1234.5,\"1,234.5\""));
    }

    [Test]
    public async Task Json_format_is_an_array_of_objects()
    {
        var (code, stdout, _) = await Run(new ExtractVerbRequest(TestPaths.Fixture("csv/fsnd_usd_cny.csv"), false, "nbs_provincial_indicator", null, "json", null, null, null));
        Assert.That(code, Is.EqualTo(Outcome.Ok));
        var rows = System.Text.Json.JsonSerializer.Deserialize<List<Dictionary<string, string?>>>(stdout)!;
        Assert.That(rows, Has.Count.EqualTo(14));
        Assert.That(rows[0]["indicator"], Is.EqualTo("usd_cny"));
        Assert.That(rows[0]["edition"], Is.Null);
    }

    [Test]
    public async Task A_malformed_file_exits_1_naming_file_table_row_and_column()
    {
        var (code, stdout, stderr) = await Run(new ExtractVerbRequest(TestPaths.Fixture("html/hightech_employment_malformed.html"), true, null, null, "csv", null, null, null));
        Assert.That(code, Is.EqualTo(Outcome.Failed));
        Assert.That(stdout, Is.Empty, "nothing half-printed");
        Assert.That(stderr, Does.Contain("hightech_employment_malformed.html").And.Contain("2-3").And.Contain("row '天津'").And.Contain("column '合计'"));
    }

    [Test]
    public async Task An_index_page_url_extracts_every_linked_table()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero));
        await using var server = new Warehouse.Tests.Etl.Sources.LoopbackServer(time);
        server.Script("/hightech/2021/index.html", Warehouse.Tests.Etl.Sources.Reply.Ok("<a href='hightech_employment.xlsx'>2-3</a>"));
        server.Script("/hightech/2021/hightech_employment.xlsx",
            Warehouse.Tests.Etl.Sources.Reply.Ok(TestPaths.FixtureBytes("xlsx/hightech_employment_2021.xlsx"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var request = new ExtractVerbRequest(server.BaseUrl + "/hightech/2021/index.html", false, null, null, "csv", 2021, null, null);
        var code = await Warehouse.Tests.Etl.Sources.FakeClock.DriveAsync(
            ExtractVerb.RunAsync(request, stdout, stderr, time, CancellationToken.None, archive), time);
        Assert.That(code, Is.EqualTo(Outcome.Ok), stderr.ToString());
        Assert.That(stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(1 + 4 * 6));
        Assert.That(Directory.GetFiles(Path.Combine(archive, "objects"), "*.bin", SearchOption.AllDirectories), Has.Length.EqualTo(2), "index page and table archived");
    }

    [Test]
    public async Task Offline_reparses_the_archived_bytes_even_when_the_file_is_gone()
    {
        var copy = Path.Combine(archive, "copy.csv");
        File.Copy(TestPaths.Fixture("csv/fsnd_gdp.csv"), copy);
        var (first, online, _) = await Run(new ExtractVerbRequest(copy, false, null, null, "csv", null, null, null));
        File.Delete(copy);
        var (second, offline, _) = await Run(new ExtractVerbRequest(copy, false, null, null, "csv", null, null, null, Offline: true));
        Assert.That((first, second), Is.EqualTo((Outcome.Ok, Outcome.Ok)));
        Assert.That(offline, Is.EqualTo(online));
    }

    [Test]
    public async Task Indicator_and_unit_pins_fill_what_an_export_does_not_say()
    {
        var path = Path.Combine(archive, "分省年度数据.csv");
        File.WriteAllText(path, "\uFEFF数据库：分省年度数据\n时间：\n地区\t,2024年\t,2023年\t,\n北京市\t,1234\t,\t,\n");
        var (unnamed, _, why) = await Run(new ExtractVerbRequest(path, false, null, null, "csv", null, null, null));
        Assert.That(unnamed, Is.EqualTo(Outcome.Failed));
        Assert.That(why, Does.Contain("分省年度数据.csv").And.Contain("no indicator line").And.Contain("--indicator"));

        var (code, stdout, stderr) = await Run(new ExtractVerbRequest(path, false, null, null, "csv", null, null, null, Indicator: "urban_employment"));
        Assert.That(code, Is.EqualTo(Outcome.Ok), stderr);
        Assert.That(stdout, Does.Match(@"\n[a-z_]+,,[a-z_]+,11,2024,urban_employment,total,1234,10k persons,万人,[0-9a-f]{64},""row 4, col 2"",archived 2000-01-01\r?\n"),
            "the portal's unit for the indicator, item total; released no later than the archive date");
        Assert.That(stdout, Does.Match(@",11,2023,urban_employment,total,,10k persons,"), "an empty cell is missing");

        var (personsCode, persons, _) = await Run(new ExtractVerbRequest(path, false, null, null, "csv", null, null, null, Indicator: "urban_employment", Unit: "人"));
        Assert.That(personsCode, Is.EqualTo(Outcome.Ok));
        Assert.That(persons, Does.Contain(",11,2024,urban_employment,total,0.1234,10k persons,人,"), "a pinned unit is converted like a printed one");
    }

    [Test]
    public async Task A_pin_that_contradicts_the_file_is_an_error()
    {
        var path = Path.Combine(archive, "分省年度数据.csv");
        File.WriteAllText(path, "数据库：分省年度数据\n指标：地区生产总值(亿元)\n时间：最近2年\n地区,2024年,2023年\n北京市,1.5,2.5\n");
        var (code, _, stderr) = await Run(new ExtractVerbRequest(path, false, null, null, "csv", null, null, null, Indicator: "population"));
        Assert.That(code, Is.EqualTo(Outcome.Failed));
        Assert.That(stderr, Does.Contain("names indicator 'gdp' but the table is configured as 'population'"));
        var (unitCode, _, unitErr) = await Run(new ExtractVerbRequest(path, false, null, null, "csv", null, null, null, Unit: "万元"));
        Assert.That(unitCode, Is.EqualTo(Outcome.Failed));
        Assert.That(unitErr, Does.Contain("prints unit '亿元' but the spec pins '万元'"));
        var (unknown, _, unknownErr) = await Run(new ExtractVerbRequest(path, false, null, null, "csv", null, null, null, Indicator: "gpd"));
        Assert.That(unknown, Is.EqualTo(Outcome.Error));
        Assert.That(unknownErr, Does.Contain("unknown indicator 'gpd'"));
    }

    [Test]
    public async Task A_release_pin_dates_an_export_whose_footnote_is_silent()
    {
        var path = Path.Combine(archive, "分省年度数据.csv");
        File.WriteAllText(path, "数据库：分省年度数据\n指标：地区生产总值(亿元)\n时间：最近2年\n地区,2024年,2023年\n北京市,1.5,2.5\n");
        var (code, stdout, stderr) = await Run(new ExtractVerbRequest(path, false, null, null, "csv", null, null, null, Release: "2024-03"));
        Assert.That(code, Is.EqualTo(Outcome.Ok), stderr);
        Assert.That(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1), Is.All.EndWith(",spec 2024-03"));

        var (bad, _, badErr) = await Run(new ExtractVerbRequest(path, false, null, null, "csv", null, null, null, Release: "March 2024"));
        Assert.That(bad, Is.EqualTo(Outcome.Error));
        Assert.That(badErr, Does.Contain("bad --release 'March 2024': expected YYYY, YYYY-MM or YYYY-MM-DD"));
    }

    [Test]
    public async Task A_unit_pin_of_a_kind_no_column_has_is_refused_not_ignored()
    {
        var path = Path.Combine(archive, "分省年度数据.csv");
        File.WriteAllText(path, "\uFEFF数据库：分省年度数据\n时间：\n地区\t,2024年\t,\n北京市\t,1234\t,\n");
        var (code, _, stderr) = await Run(new ExtractVerbRequest(path, false, null, null, "csv", null, null, null, Indicator: "gdp", Unit: "件"));
        Assert.That(code, Is.EqualTo(Outcome.Error));
        Assert.That(stderr, Does.Contain("--unit does not fit --indicator: '件' is a unit of count, none of gdp (100M yuan)"));

        File.WriteAllText(path, "数据库：分省年度数据\n指标：地区生产总值\n时间：最近1年\n地区,2024年\n北京市,1.5\n");
        var (detected, _, detectedErr) = await Run(new ExtractVerbRequest(path, false, null, null, "csv", null, null, null, Unit: "件"));
        Assert.That(detected, Is.EqualTo(Outcome.Failed));
        Assert.That(detectedErr, Does.Contain("分省年度数据.csv").And.Contain("the pinned unit (unit: in the table's spec, or --unit) does not fit this table: '件' is a unit of count, none of gdp (100M yuan)"));
    }

    [Test]
    public async Task A_missing_file_exits_1()
    {
        var (code, _, stderr) = await Run(new ExtractVerbRequest(Path.Combine(archive, "nope.xlsx"), false, null, null, "csv", null, null, null));
        Assert.That(code, Is.EqualTo(Outcome.Failed));
        Assert.That(stderr, Does.Contain("nope.xlsx"));
    }

    [Test]
    public async Task The_verb_is_wired_into_the_root_command()
    {
        var command = RootCommandFactory.Create().Subcommands.Single(c => c.Name == "extract");
        Assert.That(command.Options.Select(o => o.Name), Is.SupersetOf(new[] { "--input", "--raw", "--profile", "--encoding", "--format", "--indicator", "--unit", "--release" }));
        await Task.CompletedTask;
    }

    private async Task<(Outcome Code, string Stdout, string Stderr)> Run(ExtractVerbRequest request)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await ExtractVerb.RunAsync(request, stdout, stderr, new FakeTimeProvider(), CancellationToken.None, archive);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
