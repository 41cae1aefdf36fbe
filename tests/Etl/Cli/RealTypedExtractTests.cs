using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Warehouse.Etl.Cli;
using Warehouse.Etl.Runs;

namespace Warehouse.Tests.Etl.Cli;

/// <summary>
/// <c>extract</c> (profile detected, as build does it) on the real files of ../shared/real-samples, skipped when absent:
/// each file gives the published value for its indicators (spot values read off the files), in the canonical unit,
/// and the files that cannot be read say why, naming what to pass.
/// </summary>
[TestFixture]
public sealed class RealTypedExtractTests
{
    private string archive = null!;

    [SetUp]
    public void SetUp() => archive = TestPaths.TempFolder();

    [TearDown]
    public void TearDown() => Directory.Delete(archive, recursive: true);

    [TestCase("nbs-portal/fsnd_gdp_1993_2017_gb18030.csv", null, "gdp", null, 11, 2017, 28014.94, "亿元", 775)]
    [TestCase("nbs-portal/fsnd_gdp_1993_2017_gb18030.csv", null, "gdp", null, 11, 1993, 886.21, "亿元", 775)]
    [TestCase("nbs-portal/fsnd_gdp_2006_2024_gb18030.csv", null, "gdp", null, 11, 2024, 49670.2, "亿元", null)]
    [TestCase("nbs-portal/fsnd_gdp_2015_2019.xls", null, "gdp", null, 12, 2017, 18549.19, "亿元", 155)]
    [TestCase("nbs-portal/AnnualbyProvince_gdp_2004_2023_english.xls", null, "gdp", null, 12, 2022, 16132.2, "100 million yuan", 620)]
    [TestCase("nbs-portal/fsnd_gdp_2005_2023_trimmed.xls", "gdp", "gdp", null, 13, 2022, 41988.0, "亿元", null)]
    [TestCase("nbs-portal/AnnualbyProvince_population_2000_2020_trimmed.csv", "population", "population", null, 13, 2020, 7464.0, "万人", 651)]
    [TestCase("nbs-portal/fsnd_urban_employment_total_2016_2024.csv", "urban_employment", "urban_employment", "total", 12, 2016, 286.0, "万人", 279)]
    [TestCase("nbs-portal/fsnd_gdp_2021_2025.csv", "gdp", "gdp", null, 11, 2024, 49670.2, "亿元", null)]
    [TestCase("nbs-portal/fsnd_gdp_by_sector_2024.csv", null, "gdp", null, 12, 2024, 17931.3, "亿元", null)]
    [TestCase("nbs-portal/fsnd_gdp_by_sector_2024.csv", null, "gdp_per_capita", null, 11, 2024, 228167.0, "元/人", null)]
    [TestCase("nbs-portal/fsnd_population_2024.csv", null, "population", null, 11, 2024, 2183.0, "万人", 31)]
    [TestCase("sti-yearbook/hightech_operation_by_region_2013.xls", null, "hightech_enterprises", null, 0, 2013, 26894.0, "个", null)]
    [TestCase("sti-yearbook/hightech_operation_by_region_2013.xls", null, "hightech_revenue", null, 0, 2013, 116048.9, "亿元", null)]
    [TestCase("sti-yearbook/hightech_operation_by_region_2013.xls", null, "hightech_profit", null, 0, 2013, 7233.7, "亿元", null)]
    [TestCase("sti-yearbook/hightech_operation_by_region_2013.xls", null, "hightech_export_delivery", "total", 0, 2013, 492851000.0, "亿元", null)]
    [TestCase("sti-yearbook/hightech_operation_by_region_2018.xls", null, "hightech_revenue", null, 11, 2018, 5314.0, "亿元", 32)]
    [TestCase("sti-yearbook/hightech_operation_by_region_2020_soshu.xls", null, "hightech_revenue", null, 0, 2020, 174613.0, "亿元", 32)]
    [TestCase("sti-yearbook/hightech_operation_by_region_2022.xlsx", null, "hightech_profit", null, 0, 2022, 15964.0, "亿元", 32)]
    [TestCase("sti-yearbook/hightech_operation_by_region_2022.xlsx", null, "hightech_enterprises", null, 0, 2022, 49674.0, "个", 32)]
    [TestCase("sti-yearbook/hightech_rd_by_region_2020.xls", null, "hightech_rd_expenditure", null, 0, 2020, 46490940.6, "万元", null)]
    [TestCase("sti-yearbook/hightech_rd_by_region_2020.xls", null, "hightech_new_product_sales", null, 0, 2020, 685491444.6, "万元", null)]
    [TestCase("sti-yearbook/hightech_rd_by_region_2020.xls", null, "hightech_new_product_exports", null, 0, 2020, 248802768.2, "万元", null)]
    [TestCase("sti-yearbook/hightech_rd_by_region_2021.xlsx", null, "hightech_new_product_exports", null, 0, 2021, 292251792.7, "万元", null)]
    [TestCase("sti-yearbook/hightech_rd_by_region_2020_soshu.xls", null, "hightech_new_product_exports", null, 0, 2020, 248802768.0, "万元", null)]
    [TestCase("sti-yearbook/hightech_rd_by_region_2018.xls", null, "hightech_rd_expenditure", null, 0, 2018, 35591155.0, "万元", null)]
    [TestCase("sti-yearbook/hightech_rd_by_region_2018.xls", null, "hightech_new_product_exports", null, 0, 2018, 193320485.0, "万元", null)]
    [TestCase("sti-yearbook/rd_by_region_2018.xls", null, "rd_intensity", null, 0, 2011, 1.78, "%", null)]
    [TestCase("sti-yearbook/rd_by_region_2021.xlsx", null, "rd_intensity", null, 0, 2012, 1.905817520314897, "%", null)]
    [TestCase("sti-yearbook/rd_by_region_2020_soshu.xls", null, "rd_intensity", null, 0, 2020, 2.4, "%", null)]
    [TestCase("sti-yearbook/hightech_trade_by_region_2018.xls", null, "hightech_trade_exports", null, 11, 2018, 15031000.0, "百万美元", null)]
    [TestCase("sti-yearbook/hightech_trade_by_region_2018.xls", null, "hightech_trade_total", null, 0, 2018, 1408565000.0, "百万美元", null)]
    public async Task A_real_file_gives_its_published_value(
        string sample, string? pinned, string indicator, string? item, int province, int year, double value, string rawUnit, int? count)
    {
        var (code, rows, stderr) = await Extract(TestPaths.RealSample(sample), pinned, null);
        Assert.That(code, Is.EqualTo(Outcome.Ok), stderr);
        var mine = rows.Where(r => r["indicator"] == indicator).ToList();
        var row = mine.Single(r => r["province_code"] == province.ToString(System.Globalization.CultureInfo.InvariantCulture) && r["year"] == year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Multiple(() =>
        {
            Assert.That(double.Parse(row["value"]!, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(value).Within(1e-9).Percent);
            Assert.That(row["item"], Is.EqualTo(item));
            Assert.That(row["raw_unit"], Is.EqualTo(rawUnit));
            Assert.That(mine.Select(r => r["province_code"]), Has.None.EqualTo("-1"), "regional aggregates are left out");
            if (count is { } n)
                Assert.That(mine, Has.Count.EqualTo(n));
        });
    }

    [Test]
    public async Task The_empty_newest_year_column_is_missing_not_zero()
    {
        var (code, rows, _) = await Extract(TestPaths.RealSample("nbs-portal/fsnd_gdp_2021_2025.csv"), "gdp", null);
        Assert.That(code, Is.EqualTo(Outcome.Ok));
        var newest = rows.Where(r => r["year"] == "2025").ToList();
        Assert.That(newest, Has.Count.EqualTo(31));
        Assert.That(newest.Select(r => r["value"]), Is.All.Null);
    }

    [Test]
    public async Task An_export_without_indicator_line_asks_for_indicator_and_nothing_comes_from_the_file_name()
    {
        var copy = Path.Combine(archive, "fsnd_gdp.csv"); // a name that looks like an indicator must not be one
        File.Copy(TestPaths.RealSample("nbs-portal/fsnd_gdp_2021_2025.csv"), copy);
        var (code, rows, stderr) = await Extract(copy, null, null);
        Assert.That(code, Is.EqualTo(Outcome.Failed));
        Assert.That(rows, Is.Empty);
        Assert.That(stderr, Does.Contain("fsnd_gdp.csv").And.Contain("no indicator line").And.Contain("--indicator"));
    }

    [Test]
    public async Task Value_added_columns_outside_the_vocabulary_are_one_warning()
    {
        var (code, _, stderr) = await Extract(TestPaths.RealSample("nbs-portal/fsnd_gdp_by_sector_2024.csv"), null, null);
        Assert.That(code, Is.EqualTo(Outcome.Ok));
        var warnings = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("warning:", StringComparison.Ordinal)).ToList();
        Assert.That(warnings, Has.Count.EqualTo(1));
        Assert.That(warnings[0], Does.Contain("第一产业增加值").And.Contain("金融业增加值"));
    }

    [Test]
    public async Task A_file_that_prints_its_year_nowhere_fails_naming_file_and_table()
    {
        var (code, _, stderr) = await Extract(TestPaths.RealSample("nbs-portal/fsnd_gdp_per_capita_no_year.csv"), null, null);
        Assert.That(code, Is.EqualTo(Outcome.Failed));
        Assert.That(stderr, Does.Contain("fsnd_gdp_per_capita_no_year.csv").And.Contain("data year is printed nowhere"));
    }

    [Test]
    public async Task A_workbook_that_lost_its_unit_row_reads_in_the_unit_every_edition_of_the_table_prints()
    {
        var (code, rows, stderr) = await Extract(TestPaths.RealSample("sti-yearbook/hightech_operation_by_region_2010.xlsx"), null, null);
        Assert.That(code, Is.EqualTo(Outcome.Ok), stderr);
        var revenue = rows.Single(r => r["indicator"] == "hightech_revenue" && r["province_code"] == "0");
        Assert.Multiple(() =>
        {
            Assert.That(revenue["value"], Is.EqualTo("74482.8"), "the same national revenue as the .xls that kept its unit row (单位：亿元)");
            Assert.That(revenue["raw_unit"], Is.EqualTo("亿元"));
            Assert.That(rows.Single(r => r["indicator"] == "hightech_enterprises" && r["province_code"] == "0")["value"], Is.EqualTo("28189"));
        });
    }

    [Test]
    public async Task A_row_of_values_without_a_label_is_left_out_with_a_warning_and_the_rows_below_it_are_read()
    {
        var (code, rows, stderr) = await Extract(TestPaths.RealSample("sti-yearbook/hightech_trade_by_region_2018.xls"), null, null);
        Assert.That(code, Is.EqualTo(Outcome.Ok), stderr);
        var exports = rows.Where(r => r["indicator"] == "hightech_trade_exports").ToDictionary(r => r["province_code"]!, r => r["value"]);
        Assert.Multiple(() =>
        {
            Assert.That(exports["61"], Is.EqualTo("25114000"), "Shaanxi, below the unlabelled row: 25114 million USD");
            Assert.That(exports["65"], Is.EqualTo("545000"), "Xinjiang, the last row");
            Assert.That(exports["54"], Is.Null, "Tibet's own row prints nothing");
            Assert.That(exports, Has.Count.EqualTo(32), "the national total and 31 provinces");
            Assert.That(stderr, Does.Contain("has values (3, 225, 228) but no label; left out"));
            Assert.That(stderr, Does.Not.Contain("skipped"));
        });
    }

    private async Task<(Outcome Code, List<Dictionary<string, string?>> Rows, string Stderr)> Extract(string path, string? indicator, string? unit)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var request = new ExtractVerbRequest(path, false, null, null, "json", null, null, null, Indicator: indicator, Unit: unit);
        var code = await ExtractVerb.RunAsync(request, stdout, stderr, new FakeTimeProvider(), CancellationToken.None, archive);
        var text = stdout.ToString();
        var rows = text.Length == 0 ? [] : JsonSerializer.Deserialize<List<Dictionary<string, string?>>>(text)!;
        return (code, rows, stderr.ToString());
    }
}
