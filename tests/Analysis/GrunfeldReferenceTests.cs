using System.Text.Json;

namespace Warehouse.Tests.Analysis;

/// <summary>The reference table of docs/architecture.md#estimation-conventions (Grunfeld, textbook values as reproduced by R plm and gretl, Stata cluster
/// convention), reproduced to 1e-8 relative through the <c>estimate</c> verb's JSON.</summary>
[TestFixture]
public sealed class GrunfeldReferenceTests
{
    private const double Rel = 1e-8;

    private static async Task<JsonElement> EstimateAsync(params string[] extra)
    {
        string[] args = ["estimate", "--csv", TestPaths.Grunfeld, "--y", "inv", "--x", "value,capital", "--format", "json", .. extra];
        var (code, stdout, stderr) = await CliRunner.RunAsync(args);
        Assert.That(code, Is.Zero, stderr);
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }

    private static JsonElement Coef(JsonElement fit, string name) =>
        fit.GetProperty("coefficients").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    private static void AssertRel(double actual, double expected, string what) =>
        Assert.That(actual, Is.EqualTo(expected).Within(Math.Abs(expected) * Rel), what);

    private static void AssertCoefs(JsonElement fit, double value, double valueSe, double capital, double capitalSe)
    {
        AssertRel(Coef(fit, "value").GetProperty("estimate").GetDouble(), value, "value b");
        AssertRel(Coef(fit, "value").GetProperty("std_error").GetDouble(), valueSe, "value se");
        AssertRel(Coef(fit, "capital").GetProperty("estimate").GetDouble(), capital, "capital b");
        AssertRel(Coef(fit, "capital").GetProperty("std_error").GetDouble(), capitalSe, "capital se");
    }

    [Test]
    public async Task Pooled_ols_iid_and_clustered()
    {
        var iid = await EstimateAsync("--vcov", "iid");
        AssertCoefs(iid, 0.115562156360552, 0.00583570955722063, 0.23067848873197, 0.0254758014765089);
        AssertRel(Coef(iid, "(Intercept)").GetProperty("estimate").GetDouble(), -42.7143694365594, "constant");
        AssertRel(iid.GetProperty("r2").GetDouble(), 0.812408012544728, "R2");
        Assert.That(iid.GetProperty("r2_within").ValueKind, Is.EqualTo(JsonValueKind.Null));

        var cl = await EstimateAsync("--cluster", "firm");
        AssertCoefs(cl, 0.115562156360552, 0.0158943366870588, 0.23067848873197, 0.0849671126355401);
        Assert.That(cl.GetProperty("df_resid").GetInt32(), Is.EqualTo(9));
    }

    [Test]
    public async Task Firm_fixed_effects_iid_and_clustered()
    {
        var iid = await EstimateAsync("--fe", "firm", "--vcov", "iid");
        AssertCoefs(iid, 0.110123804120718, 0.0118566942140438, 0.310065341300139, 0.0173545027755526);
        AssertRel(iid.GetProperty("r2_within").GetDouble(), 0.766757583748141, "within R2");
        Assert.That(iid.GetProperty("df_resid").GetInt32(), Is.EqualTo(188));

        var cl = await EstimateAsync("--fe", "firm", "--cluster", "firm");
        AssertCoefs(cl, 0.110123804120718, 0.0151944939427174, 0.310065341300139, 0.0527517717587759);
    }

    [Test]
    public async Task Two_way_fixed_effects_iid_clustered_and_two_way_clustered()
    {
        var iid = await EstimateAsync("--fe", "firm,year", "--vcov", "iid");
        AssertCoefs(iid, 0.117715855082606, 0.0137512830036482, 0.357916273073427, 0.0227190108825725);
        AssertRel(iid.GetProperty("r2_within").GetDouble(), 0.720145212924407, "within R2");
        Assert.That(iid.GetProperty("converged").GetBoolean(), Is.True);

        var cl = await EstimateAsync("--fe", "firm,year", "--cluster", "firm");
        AssertCoefs(cl, 0.117715855082606, 0.0108244294768638, 0.357916273073427, 0.0478483965925889);

        var twoWay = await EstimateAsync("--fe", "firm,year", "--cluster", "firm,year");
        AssertCoefs(twoWay, 0.117715855082606, 0.0112657888568619, 0.357916273073427, 0.0451912828895724);
        Assert.That(twoWay.GetProperty("vcov").GetProperty("groups").EnumerateArray().Select(g => g.GetInt32()), Is.EqualTo(new[] { 10, 20 }));
        Assert.That(twoWay.GetProperty("df_resid").GetInt32(), Is.EqualTo(9), "t uses G_min − 1");
    }

    [Test]
    public async Task Json_has_exactly_the_contract_keys()
    {
        var fit = await EstimateAsync("--fe", "firm,year", "--cluster", "firm");
        Assert.That(fit.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[]
        {
            "dependent", "n", "n_singletons_dropped", "fixed_effects", "vcov", "coefficients", "r2", "r2_within",
            "df_resid", "converged", "iterations", "timing_s",
        }));
        Assert.That(fit.GetProperty("vcov").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "type", "cluster", "groups" }));
        Assert.That(Coef(fit, "value").EnumerateObject().Select(p => p.Name),
            Is.EqualTo(new[] { "name", "estimate", "std_error", "t", "p", "ci_low", "ci_high" }));
        Assert.That(fit.GetProperty("timing_s").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "load", "fit" }));
    }

    [Test]
    public async Task Where_filters_rows_before_estimation_and_string_ids_work()
    {
        var fit = await EstimateAsync("--fe", "firm", "--cluster", "firm", "--where", "year >= 1945");
        Assert.That(fit.GetProperty("n").GetInt32(), Is.EqualTo(100));
        var all = await EstimateAsync("--fe", "firm", "--cluster", "firm");
        Assert.That(Coef(fit, "value").GetProperty("estimate").GetDouble(),
            Is.Not.EqualTo(Coef(all, "value").GetProperty("estimate").GetDouble()));
        var commented = await EstimateAsync("--fe", "firm", "--cluster", "firm", "--where", "year >= 1945 -- post-war years only");
        Assert.That(commented.GetProperty("n").GetInt32(), Is.EqualTo(100), "a condition may end in an SQL comment");
    }

    [Test]
    public async Task Plm_convention_drops_the_small_sample_factors()
    {
        // plm's vcovHC(type = "HC0", cluster = "group"): the Stata figure without G/(G−1)·(N−1)/(N−K), K = 3.
        var plm = await EstimateAsync("--fe", "firm", "--cluster", "firm", "--ssc", "none");
        var factor = Math.Sqrt(10.0 / 9.0 * 199.0 / 197.0);
        AssertRel(Coef(plm, "value").GetProperty("std_error").GetDouble(), 0.0151944939427174 / factor, "value se, plm");
        AssertRel(Coef(plm, "capital").GetProperty("std_error").GetDouble(), 0.0527517717587759 / factor, "capital se, plm");
    }

    [Test]
    public async Task Bootstrap_results_are_added_when_asked_for()
    {
        var fit = await EstimateAsync("--fe", "firm,year", "--cluster", "firm", "--bootstrap", "999", "--weights", "webb");
        var boot = fit.GetProperty("bootstrap").EnumerateArray().ToList();
        Assert.That(boot.Select(b => b.GetProperty("coefficient").GetString()), Is.EqualTo(new[] { "value", "capital" }));
        Assert.That(boot[0].GetProperty("weights").GetString(), Is.EqualTo("webb"));
        Assert.That(boot[0].GetProperty("p").GetDouble(), Is.InRange(0.0, 1.0));
        Assert.That(boot[0].GetProperty("ci_low").GetDouble(), Is.LessThan(Coef(fit, "value").GetProperty("estimate").GetDouble()));
    }

    [Test]
    public async Task Unknown_column_is_a_clear_usage_error()
    {
        var (code, _, stderr) = await CliRunner.RunAsync("estimate", "--csv", TestPaths.Grunfeld, "--y", "inv", "--x", "nope");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("nope"));
    }
}
