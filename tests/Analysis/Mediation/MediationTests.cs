using System.Globalization;
using System.Text.Json;
using Warehouse.Analysis.Mediation;

namespace Warehouse.Tests.Analysis.Mediation;

/// <summary>The mediation analysis through <c>estimate --mediator</c> on Grunfeld (value → capital → inv, firm FE,
/// clustered by firm): a, b, c and c' equal the coefficients of the explicit regressions, the Sobel SE is the
/// delta-method formula, the cluster bootstrap is seeded, and all three equations use the same sample.</summary>
[TestFixture]
public sealed class MediationTests
{
    private const double Rel = 1e-10;

    private static async Task<JsonElement> RunAsync(params string[] args)
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync([.. args, "--format", "json"]);
        Assert.That(code, Is.Zero, stderr);
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }

    private static Task<JsonElement> MediationAsync(string csv, params string[] extra) =>
        RunAsync(["estimate", "--csv", csv, "--y", "inv", "--x", "value", "--fe", "firm", "--cluster", "firm", "--mediator", "capital", .. extra]);

    private static JsonElement Coef(JsonElement fit, string name) =>
        fit.GetProperty("coefficients").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    private static void Same(JsonElement part, JsonElement explicitCoef, string what)
    {
        var e = explicitCoef.GetProperty("estimate").GetDouble();
        var s = explicitCoef.GetProperty("std_error").GetDouble();
        Assert.That(part.GetProperty("estimate").GetDouble(), Is.EqualTo(e).Within(Math.Abs(e) * Rel), what + " estimate");
        Assert.That(part.GetProperty("std_error").GetDouble(), Is.EqualTo(s).Within(Math.Abs(s) * Rel), what + " se");
    }

    [Test]
    public async Task Paths_equal_the_explicit_regressions_with_the_same_variance()
    {
        var med = (await MediationAsync(TestPaths.Grunfeld)).GetProperty("mediation");
        string[] common = ["--csv", TestPaths.Grunfeld, "--fe", "firm", "--cluster", "firm"];
        var second = await RunAsync(["estimate", .. common, "--y", "capital", "--x", "value"]);
        var third = await RunAsync(["estimate", .. common, "--y", "inv", "--x", "value,capital"]);
        var first = await RunAsync(["estimate", .. common, "--y", "inv", "--x", "value"]);
        Same(med.GetProperty("a"), Coef(second, "value"), "a");
        Same(med.GetProperty("b"), Coef(third, "capital"), "b");
        Same(med.GetProperty("c_direct"), Coef(third, "value"), "c'");
        Same(med.GetProperty("c_total"), Coef(first, "value"), "c");
        var a = med.GetProperty("a").GetProperty("estimate").GetDouble();
        var b = med.GetProperty("b").GetProperty("estimate").GetDouble();
        Assert.That(med.GetProperty("indirect").GetDouble(), Is.EqualTo(a * b).Within(Math.Abs(a * b) * Rel));
        var sa = med.GetProperty("a").GetProperty("std_error").GetDouble();
        var sb = med.GetProperty("b").GetProperty("std_error").GetDouble();
        Assert.That(med.GetProperty("sobel_se").GetDouble(), Is.EqualTo(Math.Sqrt((b * b * sa * sa) + (a * a * sb * sb))).Within(1e-12).Percent);
        // OLS algebra: on one sample with the same controls and fixed effects, c = c' + a·b exactly.
        var c = med.GetProperty("c_total").GetProperty("estimate").GetDouble();
        var cp = med.GetProperty("c_direct").GetProperty("estimate").GetDouble();
        Assert.That(cp + (a * b), Is.EqualTo(c).Within(Math.Abs(c) * 1e-9));
    }

    [Test]
    public void Sobel_standard_error_by_hand()
    {
        // a = 0.5 (se 0.1), b = 2 (se 0.5): √(2²·0.1² + 0.5²·0.5²) = √(0.04 + 0.0625) = √0.1025.
        Assert.That(MediationAnalysis.SobelSe(0.5, 0.1, 2, 0.5), Is.EqualTo(0.320156211871642).Within(1e-15));
        Assert.That(MediationAnalysis.SobelSe(-0.5, 0.1, 2, 0.5), Is.EqualTo(0.320156211871642).Within(1e-15));
        Assert.That(MediationAnalysis.SobelSe(0, 0.1, 0, 0.5), Is.Zero);
    }

    [Test]
    public async Task Cluster_bootstrap_is_seeded_and_reproducible()
    {
        string Interval(JsonElement fit)
        {
            var b = fit.GetProperty("mediation").GetProperty("bootstrap");
            return string.Join(",", new[] { "ci_low", "ci_high", "std_error" }.Select(k => b.GetProperty(k).GetDouble().ToString("R", CultureInfo.InvariantCulture)));
        }
        var first = await MediationAsync(TestPaths.Grunfeld, "--bootstrap", "199", "--seed", "11");
        var again = await MediationAsync(TestPaths.Grunfeld, "--bootstrap", "199", "--seed", "11");
        var other = await MediationAsync(TestPaths.Grunfeld, "--bootstrap", "199", "--seed", "12");
        Assert.That(Interval(again), Is.EqualTo(Interval(first)));
        Assert.That(Interval(other), Is.Not.EqualTo(Interval(first)));
        var boot = first.GetProperty("mediation").GetProperty("bootstrap");
        Assert.That(boot.GetProperty("cluster").GetString(), Is.EqualTo("firm"));
        Assert.That(boot.GetProperty("groups").GetInt32(), Is.EqualTo(10));
        Assert.That(boot.GetProperty("failed").GetInt32(), Is.Zero);
        Assert.That(boot.GetProperty("ci_low").GetDouble(), Is.LessThan(boot.GetProperty("ci_high").GetDouble()));
    }

    [Test]
    public async Task Two_way_cluster_bootstrap_keeps_its_pinned_interval()
    {
        // Pinned values (measured with the samples coded by Factor.FromKeys and FromIntegers): however the samples are coded,
        // the same draws must give the same fits to the last bit.
        var fit = await RunAsync("estimate", "--csv", TestPaths.Grunfeld, "--y", "inv", "--x", "value", "--fe", "firm,year",
            "--cluster", "firm", "--mediator", "capital", "--bootstrap", "199", "--seed", "11");
        var boot = fit.GetProperty("mediation").GetProperty("bootstrap");
        Assert.That(boot.GetProperty("ci_low").GetDouble(), Is.EqualTo(-0.008448730219938817));
        Assert.That(boot.GetProperty("ci_high").GetDouble(), Is.EqualTo(0.09426272811893271));
        Assert.That(boot.GetProperty("std_error").GetDouble(), Is.EqualTo(0.03726686798806019));
    }

    [Test]
    public async Task A_missing_mediator_drops_the_row_from_all_three_equations()
    {
        var dir = TestPaths.Scratch("mediation");
        var csv = Path.Combine(dir, "grunfeld_gap.csv");
        var lines = File.ReadAllLines(TestPaths.Grunfeld).ToList();
        var header = lines[0].Split(',');
        var capital = Array.IndexOf(header, "capital");
        var cells = lines[5].Split(',');
        cells[capital] = "";
        lines[5] = string.Join(',', cells);
        File.WriteAllLines(csv, lines);

        var med = (await MediationAsync(csv)).GetProperty("mediation");
        Assert.That(med.GetProperty("n").GetInt32(), Is.EqualTo(199));
        // The total effect comes from the 199 rows with a mediator, not the 200 rows that have y and x.
        var first = await RunAsync(["estimate", "--csv", csv, "--fe", "firm", "--cluster", "firm", "--y", "inv", "--x", "value", "--where", "capital is not null"]);
        Same(med.GetProperty("c_total"), Coef(first, "value"), "c on the common sample");
    }
}
