using System.Globalization;
using System.Text;
using Warehouse.Analysis.Data;
using Warehouse.Analysis.Estimation;
using static Warehouse.Tests.Analysis.FixedEffectTermTests;

namespace Warehouse.Tests.Analysis;

/// <summary>2SLS with absorbed fixed effects through <c>estimate --iv</c>: R fixest 0.12 on Grunfeld
/// (<c>inv ~ capital | firm + year | value ~ value_lag</c>, cluster firm, N = 190) to 1e-8 relative, and the point
/// estimates of two explicit stages.</summary>
[TestFixture]
public sealed class InstrumentalVariablesTests
{
    /// <summary>Grunfeld with value_lag = the firm's previous-year value (empty, i.e. missing, in its first year).</summary>
    private static string GrunfeldWithLag()
    {
        var rows = File.ReadAllLines(TestPaths.Grunfeld).Skip(1).Select(l => l.Split(','))
            .OrderBy(c => int.Parse(c[0], CultureInfo.InvariantCulture)).ThenBy(c => int.Parse(c[1], CultureInfo.InvariantCulture)).ToList();
        var sb = new StringBuilder("firm,year,inv,value,capital,value_lag\n");
        string? firm = null, previous = null;
        foreach (var c in rows)
        {
            sb.Append(string.Join(',', c.Take(5))).Append(',').Append(c[0] == firm ? previous : "").Append('\n');
            (firm, previous) = (c[0], c[3]);
        }
        var path = Path.Combine(TestPaths.Scratch("iv"), "grunfeld_lag.csv");
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    [Test]
    public async Task Two_stage_least_squares_matches_fixest_with_first_stage_diagnostics()
    {
        var fit = await EstimateAsync("--csv", GrunfeldWithLag(), "--y", "inv", "--x", "capital", "--fe", "firm,year",
            "--iv", "value ~ value_lag", "--cluster", "firm");
        Assert.That(fit.GetProperty("n").GetInt32(), Is.EqualTo(190));
        AssertRel(Estimate(fit, "value"), 0.287070899290534, "value");
        AssertRel(Se(fit, "value"), 0.124471525419801, "se(value)");
        AssertRel(Estimate(fit, "capital"), 0.298098607013788, "capital");
        AssertRel(Se(fit, "capital"), 0.0362593086629288, "se(capital)");
        var first = fit.GetProperty("iv").GetProperty("first_stages")[0];
        Assert.That(first.GetProperty("endogenous").GetString(), Is.EqualTo("value"));
        AssertRel(first.GetProperty("ivf1").GetDouble(), 11.53029545, "ivf1 (reference printed to 8 decimals)");
        AssertRel(first.GetProperty("ivwald1").GetDouble(), 7.461562224, "ivwald1");
    }

    [Test]
    public async Task Point_estimates_equal_two_explicit_stages()
    {
        var path = GrunfeldWithLag();
        // Stage one by hand: value on capital and value_lag with the FEs; its fitted values (value − residual) become a
        // column, and stage two is a plain FE regression on them.
        var data = PanelLoader.FromCsv(path, new PanelRequest("value", ["capital", "value_lag"], ["firm", "year"], []));
        var first = Feols.Fit(data, new FeolsOptions { Vcov = VcovKind.Iid });
        var rows = File.ReadAllLines(path);
        var sb = new StringBuilder(rows[0]).Append(",value_hat\n");
        var r = 0;
        foreach (var line in rows.Skip(1))
        {
            if (line.EndsWith(',')) continue; // the first year has no lag: not in the estimation sample
            var value = double.Parse(line.Split(',')[3], CultureInfo.InvariantCulture);
            sb.Append(line).Append(',').Append((value - first.State.Residuals[r++]).ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }
        Assert.That(r, Is.EqualTo(first.N));
        var twoStep = Path.Combine(Path.GetDirectoryName(path)!, "two_step.csv");
        File.WriteAllText(twoStep, sb.ToString());

        var second = await EstimateAsync("--csv", twoStep, "--y", "inv", "--x", "value_hat,capital", "--fe", "firm,year", "--cluster", "firm");
        var iv = await EstimateAsync("--csv", path, "--y", "inv", "--x", "capital", "--fe", "firm,year", "--iv", "value ~ value_lag", "--cluster", "firm");
        AssertRel(Estimate(iv, "value"), Estimate(second, "value_hat"), "value", 1e-9);
        AssertRel(Estimate(iv, "capital"), Estimate(second, "capital"), "capital", 1e-9);
    }

    [Test]
    public async Task Reduced_form_on_request_is_y_on_the_exogenous_regressors_and_instruments()
    {
        var path = GrunfeldWithLag();
        var iv = await EstimateAsync("--csv", path, "--y", "inv", "--x", "capital", "--fe", "firm,year", "--iv", "value ~ value_lag", "--cluster", "firm", "--first-stage");
        var direct = await EstimateAsync("--csv", path, "--y", "inv", "--x", "capital,value_lag", "--fe", "firm,year", "--cluster", "firm");
        var rf = iv.GetProperty("iv").GetProperty("reduced_form").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "value_lag");
        AssertRel(rf.GetProperty("estimate").GetDouble(), Estimate(direct, "value_lag"), "reduced form", 1e-9);
        AssertRel(rf.GetProperty("std_error").GetDouble(), Se(direct, "value_lag"), "reduced form se", 1e-9);
    }

    [TestCase("value", "expected 'endogenous ~ instruments'")]
    [TestCase("value + capital ~ value_lag", "need at least as many instruments")]
    public async Task A_malformed_iv_formula_is_a_usage_error(string formula, string expected)
    {
        var (code, _, stderr) = await CliRunner.RunAsync("estimate", "--csv", TestPaths.Grunfeld, "--y", "inv", "--x", "capital", "--iv", formula);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.StartWith("warehouse estimate: --iv").And.Contain(expected));
    }
}
