using DuckDB.NET.Data;
using Warehouse.Etl.Config;
using Warehouse.Etl.Pipeline;
using Warehouse.Etl.Runs;
using Warehouse.Tests.Support;

namespace Warehouse.Tests.Etl.RealBuild;

/// <summary>
/// <c>warehouse build</c> end to end over the real downloads of <c>../shared/real-samples</c> laid out as a
/// <c>kind: directory</c> inbox: every real fact the readers can read is loaded, each GDP export keeps its release (footnote or pinned) and the census revisions between them are listed, the coverage report (stdout, run log, <c>meta.coverage</c>) says
/// per model variable which provinces and years are present, and with too few complete panel rows the estimate and
/// report steps say so and the build still succeeds — never labelled as demo.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class RealBuildTests
{
    private string root = null!;
    private Outcome outcome;
    private string stdout = null!;
    private string stderr = null!;

    [OneTimeSetUp]
    public async Task Build()
    {
        root = TestPaths.TempFolder();
        var config = RealCorpusLayout.Create(root);
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var runner = new PipelineRunner(ConfigLoader.Load(config), new PipelineParts(), TimeProvider.System, new StepConsole(output, interactive: false), output, errors);
        var result = await runner.RunAsync(new BuildRequest("build", PipelineSteps.All), CancellationToken.None);
        (outcome, stdout, stderr) = (result.Outcome, output.ToString(), errors.ToString());
    }

    [OneTimeTearDown]
    public void Clean()
    {
        if (root is not null && Directory.Exists(root))
            Directory.Delete(root, recursive: true);
    }

    private string Live => Path.Combine(root, "warehouse.duckdb");

    [Test]
    public void The_build_succeeds_and_goes_live_as_a_real_build()
    {
        Assert.That(outcome, Is.EqualTo(Outcome.Ok), stdout + stderr);
        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(Live), Is.True);
            Assert.That(Scalar("select status from meta.run"), Is.EqualTo("succeeded"));
            Assert.That(Scalar("select is_demo from meta.run"), Is.False);
            Assert.That(stdout + stderr, Does.Not.Contain("DEMO").IgnoreCase.And.Not.Contain("demo corpus"), "real results are never labelled demo");
        });
    }

    [Test]
    public void Every_configured_real_table_loads_its_facts()
    {
        var loaded = Rows("select source || '.' || table_id as t, count(*) as n from staging.observation group by 1 order by 1")
            .ToDictionary(r => (string)r[0]!, r => Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture));
        string[] expected =
        [
            "nbs.gdp", .. Enumerable.Range(2019, 6).Select(y => $"nbs.gdp_by_sector_{y}"), "nbs.urban_employment_2024",
            "nbs.gdp_2015_2019", "nbs.gdp_english", "nbs.gdp_trimmed", "nbs.population",
            "sti.5-2", "sti.5-4", "sti.1-8", "sti_2011_2017.5-3",
        ];
        Assert.That(loaded.Keys, Is.EquivalentTo(expected), stdout);
        Assert.That(loaded.Values, Is.All.GreaterThan(30), "every table gives at least a row per province");
        Assert.Multiple(() =>
        {
            // Published spot values: Beijing's GDP 2023 after the 5th economic-census revision; the national high-tech
            // revenue of 2013 (S&T yearbook 2014, 单位：亿元); R&D intensity of 2023 (edition 2024, %).
            Assert.That(Scalar("select value from fct_provincial where province_code = 11 and year = 2023 and indicator = 'gdp'"), Is.EqualTo(47353.7));
            Assert.That(Scalar("select value from staging.observation where source = 'sti_2011_2017' and edition = 2014 and province_code = 0 and indicator = 'hightech_revenue'"),
                Is.EqualTo(116048.9));
            Assert.That(Scalar("select count(distinct edition) from staging.observation where indicator = 'rd_intensity'"), Is.EqualTo(6L));
            Assert.That(stdout, Does.Not.Contain("is not edition"), "edition E holds data year E - 1, as every title prints");
        });
    }

    [Test]
    public void Each_gdp_export_keeps_its_release_and_the_census_revision_is_the_vintage_taken()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Scalar("select string_agg(distinct release, ',') from staging.observation where source = 'nbs' and table_id = 'gdp'"), Is.EqualTo("econ_census_5"),
                "the export's footnote says it was revised after the 5th economic census");
            Assert.That(Scalar("select release from staging.observation where table_id = 'gdp_by_sector_2023' and province_code = 11 and indicator = 'gdp'"),
                Is.EqualTo("econ_census_5"), "the one-year export carries the same footnote");
            Assert.That(Scalar("select release from staging.observation where table_id = 'urban_employment_2024' and province_code = 11 and item = 'total'"),
                Does.StartWith("archived "), "an export whose notes name no release is labelled by its archive date");
            Assert.That(Scalar("select release from intermediate.int_observations_current where province_code = 11 and year = 2023 and indicator = 'gdp'"),
                Is.EqualTo("econ_census_5"));
            Assert.That(Scalar("select vintages from intermediate.int_observations_current where province_code = 11 and year = 2023 and indicator = 'gdp'"),
                Is.EqualTo(4L), "the four exports of Beijing's 2023 GDP are kept (two revised, two pinned to 2024-03)");
            Assert.That(Scalar("select string_agg(distinct release, ',') from staging.observation where table_id in ('gdp_english', 'gdp_trimmed')"),
                Is.EqualTo("spec 2024-03"), "pinned by release: in the spec");
            Assert.That(Scalar("select release from staging.observation where table_id = 'gdp_2015_2019' and province_code = 12 and year = 2017"),
                Is.EqualTo("before_econ_census_4"));
        });
    }

    [Test]
    public void The_census_revisions_between_releases_are_listed_with_both_values()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Revision(11, 2023, "spec 2024-03", "econ_census_5"), Is.EqualTo((43760.7, 47353.7)));
            Assert.That(Revision(12, 2016, "before_econ_census_4", "spec 2024-03"), Is.EqualTo((17885.39, 11477.2)),
                "Tianjin's GDP was revised down by a third after the 4th economic census");
            Assert.That(Scalar("select count(*) from ind_revisions where indicator = 'gdp' and old_release = 'spec 2024-03' and new_release = 'econ_census_5'"),
                Is.GreaterThan(500L), "every province-year of the pinned 2024-03 export that the revised export restates");
            Assert.That(Scalar("select new_value from ind_revisions where indicator = 'rd_intensity' and province_code = 12 and year = 2016 and old_edition = 2019 and new_edition = 2020"),
                Is.EqualTo(4.68), "yearbook editions restate the ratio too");
        });
    }

    private (double Old, double New) Revision(int province, int year, string oldRelease, string newRelease)
    {
        var row = Rows($"select old_value, new_value from ind_revisions where indicator = 'gdp' and province_code = {province} and year = {year} and old_release = '{oldRelease}' and new_release = '{newRelease}'").Single();
        return ((double)row[0]!, (double)row[1]!);
    }

    [Test]
    public void Coverage_says_per_model_variable_which_provinces_and_years_are_present()
    {
        var runId = (string)Scalar("select run_id from meta.run")!;
        var coverage = Rows($"select variable, provinces, years, rows_present, rows_expected, year_list from meta.coverage where run_id = '{runId}'")
            .ToDictionary(r => (string)r[0]!);
        Assert.Multiple(() =>
        {
            Assert.That(coverage.Keys, Is.SupersetOf(new[] { "ln_etc", "co", "rd", "fin", "fdi", "ti", "open", "ln_gdp_pc", "spec t1_c4" }));
            Assert.That(coverage["ln_gdp_pc"][1], Is.EqualTo(30), "GDP per capita of the 2019-2024 exports covers every sample province");
            Assert.That(coverage["ln_gdp_pc"][5], Is.EqualTo("[2019,2020,2021,2022,2023]"));
            Assert.That(coverage["ln_etc"][3], Is.EqualTo(0L), "no high-tech export table in this inbox");
            Assert.That(coverage["rd"][1], Is.EqualTo(30), "R&D intensity of the S&T yearbook covers every sample province");
            Assert.That(coverage["rd"][5], Is.EqualTo("[2011,2012,2013,2014,2015,2016,2017,2018,2019,2020,2021,2022,2023]"));
            Assert.That(coverage["spec t1_c4"][3], Is.EqualTo(0L));
            Assert.That(coverage["co"][4], Is.EqualTo(420L));
            Assert.That(stdout, Does.Contain("coverage ln_gdp_pc").And.Contain("coverage spec t1_c4"));
            var log = File.ReadAllText(Directory.EnumerateFiles(Path.Combine(root, "logs"), "*.jsonl").Single());
            Assert.That(log, Does.Contain("\"coverage\":\"ln_gdp_pc\""));
        });
    }

    [Test]
    public void With_too_few_complete_rows_the_report_says_so_plainly()
    {
        Assert.That(stdout + stderr, Does.Contain("NOT ESTIMATED: spec t1_c4 (table1 (4)): too few complete rows to estimate"));
        var html = File.ReadAllText(Path.Combine(root, "report", "report.html"));
        var text = File.ReadAllText(Path.Combine(root, "report", "tables.txt"));
        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("<p class=\"not-estimated\"><strong>NOT ESTIMATED</strong>: spec t1_c4 (table1 (4)): too few complete rows to estimate: 0 rows have ln_etc and co, rd, fin, fdi, ti, open"),
                "report.html says what the text output says");
            var inText = text.Split('\n').Count(l => l.StartsWith("NOT ESTIMATED: ", StringComparison.Ordinal));
            Assert.That(inText, Is.GreaterThan(0));
            Assert.That(html.Split("class=\"not-estimated\"").Length - 1, Is.EqualTo(inText), "one line per spec, as in tables.txt");
            Assert.That(html, Does.Not.Contain("DEMO CORPUS"));
        });
    }

    private object? Scalar(string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={Live};access_mode=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private List<object?[]> Rows(string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={Live};access_mode=READ_ONLY");
        connection.Open();
        return QueryRows.Read(connection, sql);
    }
}
