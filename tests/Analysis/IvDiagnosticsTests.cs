using System.Globalization;
using System.Text;
using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;
using Warehouse.Analysis.Data;
using Warehouse.Analysis.Estimation;
using static Warehouse.Tests.Analysis.FixedEffectTermTests;

namespace Warehouse.Tests.Analysis;

/// <summary>The IV diagnostics of <c>estimate --iv</c> on Grunfeld (firm and year FEs, value and capital instrumented
/// by their own lags), each against a value built another way inside the test, to 1e-8 relative: the
/// Kleibergen–Paap rk Wald F equals the first stage's Wald F (fixest's ivwald1) with one endogenous regressor and the
/// Cragg–Donald statistic from the canonical correlations with iid errors; Sargan is N·R² of the 2SLS residuals on
/// all instruments; Hansen's J is the two-step GMM criterion; several endogenous regressors give the point estimates
/// of two explicit stages. The explicit routes take the FEs out with dummy columns, not the estimator's demeaning.</summary>
[TestFixture]
public sealed class IvDiagnosticsTests
{
    private const double Rel = 1e-8;

    private sealed record Panel(string Path, int[] Firm, int[] Year, Dictionary<string, double[]> Columns)
    {
        public int Rows => Firm.Length;
    }

    private static Panel _panel = null!;

    /// <summary>Grunfeld with each firm's value and capital lagged once and twice; rows without both lags
    /// (each firm's first two years) are left out, so the CLI and the explicit routes use the same 180 rows.</summary>
    [OneTimeSetUp]
    public void WritePanel()
    {
        var rows = File.ReadAllLines(TestPaths.Grunfeld).Skip(1).Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())
            .OrderBy(r => r[0]).ThenBy(r => r[1]).ToList();
        string[] names = ["inv", "value", "capital", "value_lag", "value_lag2", "capital_lag", "capital_lag2"];
        var columns = names.ToDictionary(n => n, _ => new List<double>());
        var (firm, year) = (new List<int>(), new List<int>());
        var sb = new StringBuilder("firm,year," + string.Join(',', names) + "\n");
        for (var i = 2; i < rows.Count; i++)
        {
            if (rows[i - 2][0] != rows[i][0]) continue;
            double[] values = [rows[i][2], rows[i][3], rows[i][4], rows[i - 1][3], rows[i - 2][3], rows[i - 1][4], rows[i - 2][4]];
            for (var c = 0; c < names.Length; c++) columns[names[c]].Add(values[c]);
            firm.Add((int)rows[i][0]);
            year.Add((int)rows[i][1]);
            sb.Append(string.Create(CultureInfo.InvariantCulture, $"{rows[i][0]},{rows[i][1]},")).AppendJoin(',', values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))).Append('\n');
        }
        var path = System.IO.Path.Combine(TestPaths.Scratch("ivdiag"), "grunfeld_lags.csv");
        File.WriteAllText(path, sb.ToString());
        _panel = new Panel(path, [.. firm], [.. year], columns.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray()));
    }

    private static Task<JsonElement> Iv(string formula, params string[] extra) =>
        EstimateAsync(["--csv", _panel.Path, "--y", "inv", "--fe", "firm,year", "--iv", formula, .. extra]);

    private static JsonElement IvBlock(JsonElement fit) => fit.GetProperty("iv");

    private static double Kp(JsonElement fit) => IvBlock(fit).GetProperty("kleibergen_paap").GetProperty("f").GetDouble();

    [TestCase("iid")]
    [TestCase("hetero")]
    [TestCase("cluster")]
    [TestCase("dk")]
    public async Task With_one_endogenous_regressor_Kleibergen_Paap_is_the_first_stage_Wald_F(string vcov)
    {
        string[] variance = vcov switch
        {
            "cluster" => ["--cluster", "firm"],
            "dk" => ["--vcov", "dk", "--panel-id", "firm,year"],
            _ => ["--vcov", vcov],
        };
        var fit = await Iv("value ~ value_lag + value_lag2", ["--x", "capital", .. variance]);
        var first = IvBlock(fit).GetProperty("first_stages")[0];
        AssertRel(Kp(fit), first.GetProperty("ivwald1").GetDouble(), $"KP = ivwald1 ({vcov})", Rel);
        if (vcov == "iid") AssertRel(Kp(fit), first.GetProperty("ivf1").GetDouble(), "KP = ivf1 (iid)", Rel);
        var kp = IvBlock(fit).GetProperty("kleibergen_paap");
        Assert.That(kp.GetProperty("df").GetInt32(), Is.EqualTo(2), "L − K + 1");
        AssertRel(kp.GetProperty("rk_wald").GetDouble(), 2 * Kp(fit), "rk = L·F", Rel);
    }

    [TestCase("value + capital ~ value_lag + value_lag2 + capital_lag", 2, 3)]
    [TestCase("value + capital + value_lag ~ value_lag2 + capital_lag + capital_lag2", 3, 3)]
    public async Task With_iid_errors_and_several_endogenous_regressors_Kleibergen_Paap_is_Cragg_Donald(string formula, int k, int l)
    {
        // No --x: the IV has no exogenous regressor at all.
        var fit = await Iv(formula, "--vcov", "iid");
        var sides = formula.Split('~').Select(side => side.Split('+', StringSplitOptions.TrimEntries)).ToArray();
        var x = Matrix<double>.Build.DenseOfColumnArrays(sides[0].Select(Partial));
        var z = Matrix<double>.Build.DenseOfColumnArrays(sides[1].Select(Partial));
        // Squared canonical correlations: eigenvalues of (X'X)⁻¹X'Z(Z'Z)⁻¹Z'X.
        var m = x.TransposeThisAndMultiply(x).Inverse() * x.TransposeThisAndMultiply(z) * z.TransposeThisAndMultiply(z).Inverse() * z.TransposeThisAndMultiply(x);
        var rho2 = m.Evd().EigenValues.Select(c => c.Real).Min();
        var dfFirst = IvBlock(fit).GetProperty("first_stages")[0].GetProperty("df2").GetInt32();
        Assert.That(dfFirst, Is.EqualTo(_panel.Rows - l - 10 - 17), "N − L − FE df");
        AssertRel(Kp(fit), dfFirst * rho2 / (1 - rho2) / l, "KP = (N − K)·ρ²min/(1 − ρ²min)/L", Rel);
        Assert.That(IvBlock(fit).GetProperty("kleibergen_paap").GetProperty("df").GetInt32(), Is.EqualTo(l - k + 1));
    }

    [Test]
    public async Task Two_endogenous_regressors_equal_two_explicit_stages()
    {
        var fit = await Iv("value + capital ~ value_lag + value_lag2 + capital_lag", "--cluster", "firm");
        var fe = new[] { Factor.FromIntegers("firm", _panel.Firm), Factor.FromIntegers("year", _panel.Year) };
        string[] inst = ["value_lag", "value_lag2", "capital_lag"];
        double[] Fitted(string endo)
        {
            var first = Feols.Fit(new EstimationData(endo, _panel.Columns[endo], inst, inst.Select(n => _panel.Columns[n]).ToArray(), fe, []));
            return _panel.Columns[endo].Select((v, i) => v - first.State.Residuals[i]).ToArray();
        }
        var second = Feols.Fit(new EstimationData("inv", _panel.Columns["inv"], ["value_hat", "capital_hat"], [Fitted("value"), Fitted("capital")], fe, []));
        Assert.That(fit.GetProperty("n").GetInt32(), Is.EqualTo(second.N));
        AssertRel(Estimate(fit, "value"), second["value_hat"].Estimate, "value", Rel);
        AssertRel(Estimate(fit, "capital"), second["capital_hat"].Estimate, "capital", Rel);
        Assert.That(IvBlock(fit).GetProperty("first_stages").GetArrayLength(), Is.EqualTo(2));
        var overid = IvBlock(fit).GetProperty("overidentification");
        Assert.That(overid.GetProperty("test").GetString(), Is.EqualTo("hansen_j"));
        Assert.That(overid.GetProperty("df").GetInt32(), Is.EqualTo(1));
    }

    [Test]
    public async Task Sargan_is_N_R2_of_the_2sls_residuals_on_all_instruments()
    {
        var fit = await Iv("value ~ value_lag + value_lag2", "--x", "capital", "--vcov", "iid");
        var e = Residuals2Sls(fit);
        var z = Matrix<double>.Build.DenseOfColumnArrays(Partial("capital"), Partial("value_lag"), Partial("value_lag2"));
        var ev = Vector<double>.Build.DenseOfArray(e);
        var u = ev - (z * z.Solve(ev));
        var centred = ev - ev.Average();
        var sargan = _panel.Rows * (1 - (u.DotProduct(u) / centred.DotProduct(centred)));
        var overid = IvBlock(fit).GetProperty("overidentification");
        Assert.That(overid.GetProperty("test").GetString(), Is.EqualTo("sargan"));
        Assert.That(overid.GetProperty("df").GetInt32(), Is.EqualTo(1));
        AssertRel(overid.GetProperty("stat").GetDouble(), sargan, "Sargan", Rel);
        AssertRel(overid.GetProperty("p").GetDouble(), 1 - MathNet.Numerics.Distributions.ChiSquared.CDF(1, sargan), "Sargan p", Rel);
    }

    [Test]
    public async Task Clustered_Hansen_J_is_the_two_step_gmm_criterion()
    {
        var fit = await Iv("value ~ value_lag + value_lag2", "--x", "capital", "--cluster", "firm");
        var e = Residuals2Sls(fit);
        var z = Matrix<double>.Build.DenseOfColumnArrays(Partial("capital"), Partial("value_lag"), Partial("value_lag2"));
        var x = Matrix<double>.Build.DenseOfColumnArrays(Partial("value"), Partial("capital"));
        var y = Vector<double>.Build.DenseOfArray(Partial("inv"));
        // S = Σ_firm (Σ z e)(Σ z e)', no small-sample factor; β = (X'Z S⁻¹ Z'X)⁻¹ X'Z S⁻¹ Z'y; J = (Z'u)' S⁻¹ (Z'u).
        var s = Matrix<double>.Build.Dense(3, 3);
        foreach (var g in _panel.Firm.Distinct())
        {
            var sum = Vector<double>.Build.Dense(3);
            for (var i = 0; i < _panel.Rows; i++)
                if (_panel.Firm[i] == g) sum += z.Row(i) * e[i];
            s += sum.OuterProduct(sum);
        }
        var w = s.Inverse();
        var zx = z.TransposeThisAndMultiply(x);
        var beta = (zx.Transpose() * w * zx).Inverse() * zx.Transpose() * w * z.TransposeThisAndMultiply(y);
        var gvec = z.TransposeThisAndMultiply(y - (x * beta));
        var j = gvec * w * gvec;
        var overid = IvBlock(fit).GetProperty("overidentification");
        Assert.That(overid.GetProperty("test").GetString(), Is.EqualTo("hansen_j"));
        AssertRel(overid.GetProperty("stat").GetDouble(), j, "Hansen J", Rel);
    }

    [Test]
    public async Task An_exactly_identified_model_has_no_overidentification_test_and_text_says_so()
    {
        var fit = await Iv("value ~ value_lag", "--x", "capital", "--cluster", "firm");
        Assert.That(IvBlock(fit).GetProperty("overidentification").ValueKind, Is.EqualTo(JsonValueKind.Null));
        var (code, stdout, stderr) = await CliRunner.RunAsync("estimate", "--csv", _panel.Path, "--y", "inv", "--fe", "firm,year", "--iv", "value ~ value_lag + value_lag2", "--cluster", "firm");
        Assert.That(code, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain("Kleibergen–Paap rk Wald F = ").And.Contain("Hansen J = "));
    }

    [Test]
    public void A_spec_with_a_winsorised_y_keeps_its_instruments()
    {
        var spec = new Warehouse.Analysis.Specs.ModelSpec
        {
            Name = "iv_winsor", Table = "", Column = "", Y = "inv", X = ["capital"], Fe = ["firm", "year"], Cluster = ["firm"],
            Iv = "value ~ value_lag", WinsorizeY = 0.05,
        };
        var settings = new Warehouse.Analysis.Specs.ModelSettings();
        var data = PanelLoader.FromCsv(_panel.Path, Warehouse.Analysis.Specs.ModelRunner.Request(spec, settings));
        var fit = Warehouse.Analysis.Specs.ModelRunner.Estimate(data, spec, settings);
        Assert.That(fit.Iv, Is.Not.Null, "the winsorised fit is still 2SLS");
        Assert.That(fit.Coefficients.Select(c => c.Name), Is.EqualTo(new[] { "value", "capital" }));
        // The winsorised y moves the estimate away from the plain IV's.
        var plain = Warehouse.Analysis.Specs.ModelRunner.Estimate(data, spec with { WinsorizeY = null }, settings);
        Assert.That(fit["value"].Estimate, Is.Not.EqualTo(plain["value"].Estimate));
    }

    /// <summary>The 2SLS residuals written out: FE-partialled inv minus the partialled regressors times the
    /// reported coefficients.</summary>
    private static double[] Residuals2Sls(JsonElement fit)
    {
        var y = Partial("inv");
        var (value, capital) = (Partial("value"), Partial("capital"));
        var (bv, bc) = (Estimate(fit, "value"), Estimate(fit, "capital"));
        return y.Select((v, i) => v - (bv * value[i]) - (bc * capital[i])).ToArray();
    }

    /// <summary>A column minus its least-squares fit on firm dummies and year dummies (first year left out).</summary>
    private static double[] Partial(string column)
    {
        var firms = _panel.Firm.Distinct().Order().ToList();
        var years = _panel.Year.Distinct().Order().Skip(1).ToList();
        var d = Matrix<double>.Build.Dense(_panel.Rows, firms.Count + years.Count, (i, c) =>
            c < firms.Count ? (_panel.Firm[i] == firms[c] ? 1 : 0) : (_panel.Year[i] == years[c - firms.Count] ? 1 : 0));
        var v = Vector<double>.Build.DenseOfArray(_panel.Columns[column]);
        return (v - (d * d.QR().Solve(v))).ToArray();
    }
}
