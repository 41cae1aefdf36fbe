using Warehouse.Etl.Reporting;
using Warehouse.Tests.Support;

namespace Warehouse.Tests.Analysis;

/// <summary>The HTML report as a reader sees it (issue 13 item 3), in headless Chromium: it renders, nothing is wider
/// than the viewport, every image loads, Tables 1–4 have one width; and the tables say what each column's own spec
/// did (controls, clustering). A screenshot is attached to the test.</summary>
[TestFixture]
[NonParallelizable]
public sealed class ReportBrowserTests
{
    private string outDir = null!;
    private string text = null!;

    [OneTimeSetUp]
    public async Task WriteReport()
    {
        var scratch = TestPaths.Scratch("report-browser");
        var db = SimulatedWarehouse.Create(Path.Combine(scratch, "warehouse.duckdb"), isDemo: true, runId: "run-77");
        var analysis = Warehouse.Etl.Config.ConfigLoader.Load(RepositoryPaths.PipelinesYml).Analysis;
        analysis.Bootstrap.Replications = 199;
        outDir = Path.Combine(scratch, "out");
        using var stdout = new StringWriter();
        Assert.That(await ReportStep.RunAsync(db, analysis, outDir, stdout, CancellationToken.None), Is.EqualTo(Warehouse.Etl.Runs.Outcome.Ok), stdout.ToString());
        text = stdout.ToString();
    }

    [TestCase(1280)]
    [TestCase(800)]
    public async Task The_report_renders_within_the_viewport_with_every_image(int width)
    {
        var layout = await HeadlessChromium.MeasureAsync(outDir, "report.html", width);
        Assert.Multiple(() =>
        {
            Assert.That(layout.Title, Does.Contain("Warehouse report"), "the page rendered");
            Assert.That(layout.ScrollWidth, Is.LessThanOrEqualTo(layout.ClientWidth), "nothing wider than the viewport: " + string.Join(", ", layout.Wide));
            Assert.That(layout.Wide, Is.Empty);
            Assert.That(layout.Images, Is.GreaterThanOrEqualTo(4));
            Assert.That(layout.Broken, Is.Empty, "every image loads");
            Assert.That(layout.RegressionTables.Distinct().Count(), Is.EqualTo(1), "Tables 1–4 have one width: " + string.Join(", ", layout.RegressionTables));
        });
    }

    [Test]
    public async Task A_screenshot_is_kept_as_a_test_artifact()
    {
        var png = await HeadlessChromium.ScreenshotAsync(outDir, "report.html", 1280, 3000, Path.Combine(outDir, "report-screenshot.png"));
        Assert.That(new FileInfo(png).Length, Is.GreaterThan(20_000), "a page, not a blank");
    }

    [Test]
    public void Each_column_says_what_its_own_spec_did()
    {
        var table4 = text[text.IndexOf("Table 4", StringComparison.Ordinal)..];
        table4 = table4[..table4.IndexOf("Nonlinearity", StringComparison.Ordinal)];
        var html = File.ReadAllText(Path.Combine(outDir, "report.html"));
        Assert.Multiple(() =>
        {
            Assert.That(table4, Does.Match(@"Controls\s+YES\s+NO\s+YES\s+YES"), "(R2) swaps the controls for ln_gdp_pc");
            Assert.That(table4, Does.Match(@"KP rk Wald F\s+[0-9]"), "(R8), the IV column, shows its Kleibergen–Paap rk Wald F");
            Assert.That(table4, Does.Contain("(R1) lag co, (R2) ln GDP pc, (R3) winsor y, (R5) region×year FE, (R6) province trends, (R8) IV: lag co: clustered by province_code; (R4) 2-way SE: clustered by province_code and year; (R7) DK SE: Driscoll–Kraay (lag "));
            Assert.That(html, Does.Contain("<table class=\"results nonlinearity\">").And.Contain("<table class=\"results bootstrap\">"));
            Assert.That(html, Does.Not.Contain("<pre>Nonlinearity").And.Not.Contain("<pre>Wild"), "results are tables, not preformatted blocks wider than the page");
            Assert.That(html, Does.Contain("<table class=\"results threshold\">").And.Contain("<table class=\"results regimes\">")
                .And.Contain("<table class=\"results mediation\">"), "threshold and mediation results are tables");
            Assert.That(html, Does.Not.Contain("<pre"), "no preformatted block is left in the report");
            Assert.That(html, Does.Contain("Warehouse run run-77 (warehouse.duckdb)"));
        });
    }
}
