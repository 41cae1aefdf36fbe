using static Warehouse.Tests.Analysis.FixedEffectTermTests;

namespace Warehouse.Tests.Analysis;

/// <summary>Driscoll–Kraay and panel Newey–West through <c>estimate --format json</c>: R fixest 0.12 on Grunfeld
/// (firm + year FE, default lag ⌊20^¼⌋ = 2, fixest's small-sample rules) to 1e-8 relative.</summary>
[TestFixture]
public sealed class PanelHacTests
{
    private static Task<System.Text.Json.JsonElement> GrunfeldAsync(params string[] extra) =>
        EstimateAsync(["--csv", TestPaths.Grunfeld, "--y", "inv", "--x", "value,capital", "--fe", "firm,year", "--panel-id", "firm,year", .. extra]);

    [Test]
    public async Task Driscoll_kraay_matches_fixest()
    {
        var fit = await GrunfeldAsync("--vcov", "dk");
        AssertRel(Se(fit, "value"), 0.0215719084250537, "DK se(value)");
        AssertRel(Se(fit, "capital"), 0.0589117552544092, "DK se(capital)");
        Assert.That(fit.GetProperty("vcov").GetProperty("type").GetString(), Is.EqualTo("dk"));
        Assert.That(fit.GetProperty("vcov").GetProperty("lag").GetInt32(), Is.EqualTo(2));
        Assert.That(fit.GetProperty("df_resid").GetInt32(), Is.EqualTo(19), "t on T - 1 degrees of freedom");
    }

    [Test]
    public async Task Panel_newey_west_matches_fixest()
    {
        var fit = await GrunfeldAsync("--vcov", "nw");
        AssertRel(Se(fit, "value"), 0.0208469279577161, "NW se(value)");
        AssertRel(Se(fit, "capital"), 0.0591848151085434, "NW se(capital)");
    }

    [Test]
    public async Task The_text_table_names_the_hac_variance_and_its_lag()
    {
        foreach (var (vcov, label) in new[] { ("dk", "Driscoll–Kraay (Bartlett, lag 2)"), ("nw", "Panel Newey–West (Bartlett, lag 2)") })
        {
            var (exit, stdout, stderr) = await CliRunner.RunAsync("estimate", "--csv", TestPaths.Grunfeld, "--y", "inv", "--x", "value,capital",
                "--fe", "firm,year", "--panel-id", "firm,year", "--vcov", vcov, "--format", "text");
            Assert.That(exit, Is.Zero, stderr);
            Assert.That(stdout, Does.Contain(label).And.Not.Contain("IID"), vcov);
        }
    }

    [Test]
    public async Task Lag_zero_driscoll_kraay_is_clustering_by_period_with_the_period_count_rule()
    {
        // With no lag DK's meat is the cluster-by-year meat; only K differs (year is nested in itself either way).
        var dk = await GrunfeldAsync("--vcov", "dk", "--lag", "0");
        var cl = await EstimateAsync("--csv", TestPaths.Grunfeld, "--y", "inv", "--x", "value,capital", "--fe", "firm,year", "--cluster", "year");
        AssertRel(Se(dk, "value"), Se(cl, "value"), "lag 0 = cluster by period", 1e-10);
    }

    [Test]
    public async Task Hac_without_panel_id_or_with_duplicate_cells_is_a_usage_error()
    {
        var (code, _, stderr) = await CliRunner.RunAsync("estimate", "--csv", TestPaths.Grunfeld, "--y", "inv", "--x", "value", "--fe", "firm", "--vcov", "nw");
        Assert.That((code, stderr), Is.EqualTo((2, "warehouse estimate: spec estimate: vcov nw needs the panel's unit and time (panel_id / --panel-id unit,time)\n")));
        (code, _, stderr) = await CliRunner.RunAsync("estimate", "--csv", TestPaths.Grunfeld, "--y", "inv", "--x", "value", "--vcov", "nw", "--panel-id", "year,year");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("unit 1935 has two rows in period 1935"));
    }
}
