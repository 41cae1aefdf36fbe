using System.Globalization;
using System.Text;
using System.Text.Json;
using Warehouse.Analysis.Data;

namespace Warehouse.Tests.Analysis;

/// <summary>Interacted fixed effects (<c>a^b</c>) and varying slopes (<c>a[x]</c>, <c>a[[x]]</c>) through the
/// <c>estimate</c> verb: R fixest 0.12 reference values to 1e-8 relative, and cross-checks against the same model
/// written out by hand (a combined-key column; explicit level dummies times x).</summary>
[TestFixture]
public sealed class FixedEffectTermTests
{
    private const double Rel = 1e-8;

    private static string TradeGravity => Path.Combine(RepositoryPaths.Root, "..", "shared", "reference", "trade_gravity.csv");

    internal static async Task<JsonElement> EstimateAsync(params string[] args)
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync(["estimate", "--format", "json", .. args]);
        Assert.That(code, Is.Zero, stderr);
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }

    internal static JsonElement Coef(JsonElement fit, string name) =>
        fit.GetProperty("coefficients").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    internal static double Estimate(JsonElement fit, string name) => Coef(fit, name).GetProperty("estimate").GetDouble();

    internal static double Se(JsonElement fit, string name) => Coef(fit, name).GetProperty("std_error").GetDouble();

    internal static void AssertRel(double actual, double expected, string what, double rel = Rel) =>
        Assert.That(actual, Is.EqualTo(expected).Within(Math.Abs(expected) * rel), what);

    [Test]
    public async Task Origin_by_product_interaction_matches_fixest_on_the_trade_panel()
    {
        if (!File.Exists(TradeGravity)) Assert.Ignore("../shared/reference/trade_gravity.csv absent");
        var fit = await EstimateAsync("--csv", TradeGravity, "--y", "lE", "--x", "ld", "--fe", "Origin^Product,Year", "--vcov", "hetero");
        AssertRel(Estimate(fit, "ld"), -1.772370368898, "ld");
        AssertRel(Se(fit, "ld"), 0.018655207604, "se(ld)");
        Assert.That(fit.GetProperty("fixed_effects")[0].GetString(), Is.EqualTo("Origin^Product"));
    }

    [Test]
    public async Task An_interacted_effect_equals_a_combined_key_column()
    {
        if (!File.Exists(TradeGravity)) Assert.Ignore("../shared/reference/trade_gravity.csv absent");
        var dir = TestPaths.Scratch("interacted");
        var combined = Path.Combine(dir, "trade_op.csv");
        var lines = File.ReadAllLines(TradeGravity);
        var sb = new StringBuilder(lines[0]).Append(",\"op\"\n");
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',');
            sb.Append(line).Append(",\"").Append(cells[0].Trim('"')).Append('-').Append(cells[2]).Append("\"\n");
        }
        File.WriteAllText(combined, sb.ToString());
        var interacted = await EstimateAsync("--csv", TradeGravity, "--y", "lE", "--x", "ld", "--fe", "Origin^Product,Destination", "--cluster", "Origin");
        var explicitKey = await EstimateAsync("--csv", combined, "--y", "lE", "--x", "ld", "--fe", "op,Destination", "--cluster", "Origin");
        AssertRel(Estimate(interacted, "ld"), Estimate(explicitKey, "ld"), "ld", 1e-10);
        AssertRel(Se(interacted, "ld"), Se(explicitKey, "ld"), "se(ld), including the FE degrees of freedom", 1e-10);
        Assert.That(interacted.GetProperty("df_resid").GetInt32(), Is.EqualTo(explicitKey.GetProperty("df_resid").GetInt32()));
    }

    [Test]
    public async Task Firm_specific_trends_match_fixest_on_grunfeld()
    {
        var fit = await EstimateAsync("--csv", TestPaths.Grunfeld, "--y", "inv", "--x", "value,capital", "--fe", "firm[year],year", "--cluster", "firm");
        AssertRel(Estimate(fit, "value"), 0.114561251952386, "value");
        AssertRel(Se(fit, "value"), 0.0186218996875238, "se(value): slopes of the nested firm effect still count in K");
    }

    [Test]
    public async Task Varying_slopes_equal_explicit_level_dummies_times_x_on_a_small_panel()
    {
        // Eight firms' first twelve years: small enough that the dummies are few, unbalanced by dropping some rows.
        var rows = File.ReadAllLines(TestPaths.Grunfeld).Skip(1).Select(l => l.Split(','))
            .Where(c => int.Parse(c[0], CultureInfo.InvariantCulture) <= 8 && int.Parse(c[1], CultureInfo.InvariantCulture) <= 1946)
            .Where((_, i) => i % 7 != 3).ToList();
        var dir = TestPaths.Scratch("slopes");
        var path = Path.Combine(dir, "panel.csv");
        var sb = new StringBuilder("firm,year,inv,value,capital," + string.Join(',', Enumerable.Range(1, 8).Select(f => $"t{f}")) + "\n");
        foreach (var c in rows)
        {
            var firm = int.Parse(c[0], CultureInfo.InvariantCulture);
            sb.Append(string.Join(',', c.Take(5)));
            for (var f = 1; f <= 8; f++) sb.Append(f == firm ? $",{c[1]}" : ",0");
            sb.Append('\n');
        }
        File.WriteAllText(path, sb.ToString());
        var trends = string.Join(',', Enumerable.Range(1, 8).Select(f => $"t{f}"));

        var slopes = await EstimateAsync("--csv", path, "--y", "inv", "--x", "value,capital", "--fe", "firm[year],year", "--vcov", "iid");
        var byHand = await EstimateAsync("--csv", path, "--y", "inv", "--x", $"value,capital,{trends}", "--fe", "firm,year", "--vcov", "iid");
        AssertRel(Estimate(slopes, "value"), Estimate(byHand, "value"), "a[x] value", 1e-9);
        AssertRel(Estimate(slopes, "capital"), Estimate(byHand, "capital"), "a[x] capital", 1e-9);

        // a[[x]]: slopes without the level intercepts = the trend columns alone, the year FE kept.
        var only = await EstimateAsync("--csv", path, "--y", "inv", "--x", "value,capital", "--fe", "firm[[year]],year", "--vcov", "iid");
        var onlyByHand = await EstimateAsync("--csv", path, "--y", "inv", "--x", $"value,capital,{trends}", "--fe", "year", "--vcov", "iid");
        AssertRel(Estimate(only, "value"), Estimate(onlyByHand, "value"), "a[[x]] value", 1e-9);
    }

    [TestCase("a", new[] { "a" }, null, false)]
    [TestCase("Origin^Product", new[] { "Origin", "Product" }, null, false)]
    [TestCase("province_code[year]", new[] { "province_code" }, "year", false)]
    [TestCase("a^b[[x]]", new[] { "a", "b" }, "x", true)]
    public void Terms_parse_in_fixest_syntax(string text, string[] factors, string? slope, bool slopeOnly)
    {
        var t = FixedEffectTerm.Parse(text);
        Assert.That((t.Factors, t.Slope, t.SlopeOnly), Is.EqualTo((factors, slope, slopeOnly)));
    }

    [TestCase("a[x")]
    [TestCase("a[[x]")]
    [TestCase("a;drop")]
    [TestCase("a^")]
    public void A_malformed_term_is_a_usage_error(string text)
    {
        Assert.That(() => FixedEffectTerm.Parse(text), Throws.ArgumentException.With.Message.Contains(text));
    }
}
