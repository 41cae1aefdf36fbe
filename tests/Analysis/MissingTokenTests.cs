using System.Globalization;
using System.Text;
using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;

namespace Warehouse.Tests.Analysis;

/// <summary>
/// Missing-value tokens in <c>estimate --csv</c> (issue 11 item 5): a 30-row panel (a, t, x, y) with four cells
/// written as R, Stata, Excel or SQL write "missing". Every spelling drops the same four rows, and the fit equals an
/// independent least-squares fit with explicit dummies on the 26 complete rows.
/// </summary>
[TestFixture]
public sealed class MissingTokenTests
{
    private const double Rel = 1e-8;

    /// <summary>Row indexes (0-based) whose y or x cell is written as missing.</summary>
    private static readonly (int Row, string Column)[] MissingCells = [(2, "y"), (16, "y"), (7, "x"), (24, "x")];

    private string folder = null!;

    [SetUp]
    public void Scratch() => folder = TestPaths.Scratch("na-tokens");

    [TearDown]
    public void Remove() => Directory.Delete(folder, recursive: true);

    /// <summary>a = 1..6, t = 1..5, y = 1.1 x + a-effect + t-effect + noise, from a fixed seed.</summary>
    private static List<(int A, int T, double X, double Y)> Panel()
    {
        var random = new Random(20261130);
        var rows = new List<(int, int, double, double)>();
        for (int a = 1; a <= 6; a++)
        {
            for (int t = 1; t <= 5; t++)
            {
                double x = Math.Round(random.NextDouble() * 4 + 0.3 * a, 6);
                double y = Math.Round(1.1 * x + 0.7 * a - 0.4 * t + (random.NextDouble() - 0.5) * 2, 6);
                rows.Add((a, t, x, y));
            }
        }

        return rows;
    }

    private string WriteCsv(string token)
    {
        var text = new StringBuilder("a,t,x,y\n");
        var panel = Panel();
        for (int i = 0; i < panel.Count; i++)
        {
            var (a, t, x, y) = panel[i];
            string Cell(string column, double value) =>
                MissingCells.Contains((i, column)) ? token : value.ToString("R", CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"{a},{t},{Cell("x", x)},{Cell("y", y)}\n");
        }

        string path = Path.Combine(folder, $"panel-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    /// <summary>OLS of y on x, an intercept and dummies for a = 2..6 and t = 2..5 on the complete rows (QR), iid se.</summary>
    private static (double Beta, double Se, int N) DummyRegression()
    {
        var complete = Panel().Where((_, i) => !MissingCells.Any(m => m.Row == i)).ToList();
        int k = 1 + 1 + 5 + 4;
        var design = Matrix<double>.Build.Dense(complete.Count, k);
        var y = Vector<double>.Build.Dense(complete.Count);
        for (int r = 0; r < complete.Count; r++)
        {
            var (a, t, x, value) = complete[r];
            design[r, 0] = 1;
            design[r, 1] = x;
            if (a > 1) design[r, 1 + (a - 1)] = 1;
            if (t > 1) design[r, 6 + (t - 1)] = 1;
            y[r] = value;
        }

        var beta = design.QR().Solve(y);
        var residual = y - design * beta;
        double sigma2 = residual.DotProduct(residual) / (complete.Count - k);
        var covariance = (design.TransposeThisAndMultiply(design)).Inverse() * sigma2;
        return (beta[1], Math.Sqrt(covariance[1, 1]), complete.Count);
    }

    private static async Task<(JsonElement Fit, string Stderr)> Estimate(string csv, params string[] extra)
    {
        string[] args = ["estimate", "--csv", csv, "--y", "y", "--x", "x", "--fe", "a,t", "--vcov", "iid", "--format", "json", .. extra];
        var (code, stdout, stderr) = await CliRunner.RunAsync(args);
        Assert.That(code, Is.Zero, stderr);
        return (JsonDocument.Parse(stdout).RootElement.Clone(), stderr);
    }

    [TestCase("NA")]
    [TestCase(".")]
    [TestCase("#N/A")]
    [TestCase("NULL")]
    [TestCase("N/A")]
    [TestCase("")]
    [TestCase("NaN")]
    public async Task Each_missing_token_drops_its_rows_and_matches_explicit_dummies(string token)
    {
        var (fit, stderr) = await Estimate(WriteCsv(token));
        var (beta, se, n) = DummyRegression();
        var x = fit.GetProperty("coefficients")[0];
        Assert.Multiple(() =>
        {
            Assert.That(n, Is.EqualTo(26));
            Assert.That(fit.GetProperty("n").GetInt32(), Is.EqualTo(26));
            Assert.That(x.GetProperty("estimate").GetDouble(), Is.EqualTo(beta).Within(Math.Abs(beta) * Rel));
            Assert.That(x.GetProperty("std_error").GetDouble(), Is.EqualTo(se).Within(se * Rel));
            Assert.That(stderr, Does.Contain("4 rows with a missing model variable dropped"));
        });
    }

    [Test]
    public async Task Na_sets_the_list_of_tokens()
    {
        var (custom, _) = await Estimate(WriteCsv("-999"), "--na", "-999");
        var (standard, _) = await Estimate(WriteCsv("NA"));
        Assert.That(custom.GetProperty("coefficients")[0].GetProperty("estimate").GetDouble(),
            Is.EqualTo(standard.GetProperty("coefficients")[0].GetProperty("estimate").GetDouble()));
        Assert.That(custom.GetProperty("n").GetInt32(), Is.EqualTo(26));
    }

    [Test]
    public async Task A_token_left_out_of_na_is_an_error_not_a_silent_value()
    {
        var (code, _, stderr) = await CliRunner.RunAsync("estimate", "--csv", WriteCsv("."), "--y", "y", "--x", "x", "--fe", "a,t", "--na", "NA");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.StartWith("warehouse estimate: "));
        Assert.That(stderr, Does.Not.Contain("   at "));
    }
}
