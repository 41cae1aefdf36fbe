using Warehouse.Etl.Reporting;
using Warehouse.Etl.Runs;

namespace Warehouse.Tests.Analysis.Threshold;

/// <summary>The threshold and mechanism specs of the repository's pipelines.yml in the report, on a simulated
/// warehouse: their tables, their text block, and the demo label only on demo data.</summary>
[TestFixture]
public sealed class ThresholdReportTests
{
    private static async Task<string> ReportAsync(bool isDemo)
    {
        var scratch = TestPaths.Scratch("report-models");
        var db = SimulatedWarehouse.Create(Path.Combine(scratch, "warehouse.duckdb"), isDemo, runId: "run-7");
        var analysis = Warehouse.Etl.Config.ConfigLoader.Load(RepositoryPaths.PipelinesYml).Analysis;
        analysis = analysis with { Specs = analysis.Specs.Where(s => s.Threshold is not null || s.Mediation is not null).ToList() };
        Assert.That(analysis.Specs.Select(s => s.Table), Is.EquivalentTo(new[] { "threshold", "mechanism" }), "pipelines.yml carries one spec of each");
        using var stdout = new StringWriter();
        var outcome = await ReportStep.RunAsync(db, analysis, Path.Combine(scratch, "out"), stdout, CancellationToken.None);
        Assert.That(outcome, Is.EqualTo(Outcome.Ok), stdout.ToString());
        return stdout.ToString();
    }

    [Test]
    public async Task Threshold_and_mechanism_tables_on_demo_data_say_demo()
    {
        var text = await ReportAsync(isDemo: true);
        Assert.That(text, Does.Contain("Table 5. Panel threshold regression").And.Contain("Table 6. Mechanism"));
        Assert.That(text, Does.Match(@"co\[co<[0-9.]+\]"), "regime coefficient rows");
        Assert.That(text, Does.Contain("(M1) (1) ln_etc").And.Contain("(M1) (2) rd").And.Contain("(M1) (3) ln_etc"));
        Assert.That(text, Does.Contain("Threshold regimes and mechanism — DEMO CORPUS"));
        Assert.That(text, Does.Match(@"single\s+Th-1").And.Match(@"Th-22"));
        Assert.That(text, Does.Contain("indirect a*b").And.Contain("cluster bootstrap (province_code, 30 groups, 999 draws"));
    }

    [Test]
    public async Task On_real_data_the_block_is_not_labelled_demo()
    {
        var text = await ReportAsync(isDemo: false);
        Assert.That(text, Does.Contain("Threshold regimes and mechanism"));
        Assert.That(text, Does.Not.Contain("DEMO"));
    }
}
