using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Warehouse.Tests.Analysis;

/// <summary>Fits whose inference does not exist (issue 11 item 6): a perfect fit is flagged as R's summary.lm does,
/// the table stays readable, F is left empty when V is singular, and a single cluster is named as the problem.</summary>
[TestFixture]
public sealed partial class DegenerateFitTests
{
    private static string WriteCsv(string name, Func<int, int, double, (double Y, string Cluster)> row)
    {
        var dir = TestPaths.Scratch(name);
        var path = Path.Combine(dir, name + ".csv");
        var sb = new StringBuilder("a,b,x,y,g\n");
        var rng = new Random(7);
        for (var a = 1; a <= 10; a++)
        {
            for (var b = 1; b <= 8; b++)
            {
                var x = Math.Round(rng.NextDouble() * 10, 3);
                var (y, g) = row(a, b, x);
                sb.Append(CultureInfo.InvariantCulture, $"{a},{b},{x.ToString("R", CultureInfo.InvariantCulture)},{y.ToString("R", CultureInfo.InvariantCulture)},{g}\n");
            }
        }

        File.WriteAllText(path, sb.ToString());
        return path;
    }

    [Test]
    public async Task A_perfect_fit_is_flagged_and_its_table_stays_readable()
    {
        var csv = WriteCsv("perfect", (a, b, x) => ((2 * x) + a + b, "1"));
        var (code, stdout, stderr) = await CliRunner.RunAsync("estimate", "--csv", csv, "--y", "y", "--x", "x", "--fe", "a,b", "--format", "text");
        Assert.That(code, Is.Zero, stderr);
        var xRow = stdout.Split('\n').Single(l => l.StartsWith("x ", StringComparison.Ordinal));
        var cells = Whitespace().Split(xRow.Trim());
        Assert.Multiple(() =>
        {
            Assert.That(stdout, Does.Contain("essentially perfect fit"), "flagged as R's summary.lm does");
            Assert.That(cells[1].TrimEnd('*'), Is.EqualTo("2.000"), "estimate rounded for people");
            Assert.That(cells[2], Does.Match(@"^-?\d\.\d{1,3}e-\d+$|^0$"), "SE a separate, readable cell: " + xRow);
            Assert.That(stdout, Does.Contain("F test").And.Contain("not available"), "no F made of rounding error");
            Assert.That(stdout, Does.Not.Match(@"\d{12,}"), "no runs of a dozen digits");
        });
    }

    [Test]
    public async Task A_dependent_variable_beyond_1e154_is_not_called_a_perfect_fit()
    {
        // ȳ² overflows: the note's threshold is then infinite, and any residual variance would pass it.
        var csv = WriteCsv("huge", (a, b, x) => (1.5e155 + (1e150 * Math.Sin((7 * a) + (3 * b) + x)), "1"));
        var (code, stdout, stderr) = await CliRunner.RunAsync("estimate", "--csv", csv, "--y", "y", "--x", "x", "--fe", "a", "--format", "text");
        Assert.That(code, Is.Zero, stderr);
        Assert.That(stdout + stderr, Does.Not.Contain("perfect fit"));
        Assert.That(stdout.Split('\n').Single(l => l.StartsWith("F test", StringComparison.Ordinal)), Does.Not.Contain("not available"), stdout);
    }

    [Test]
    public async Task F_is_empty_when_the_variance_matrix_is_singular()
    {
        // Two clusters and three coefficients (intercept, x, z): the cluster meat has rank 1, V is singular.
        var csv = WriteCsv("singular", (a, b, x) => (x + (0.3 * a) + Math.Sin(a * b), a <= 5 ? "1" : "2"));
        File.WriteAllText(csv, File.ReadAllText(csv).Replace("a,b,x,y,g", "z,b,x,y,g", StringComparison.Ordinal));
        var (code, stdout, stderr) = await CliRunner.RunAsync("estimate", "--csv", csv, "--y", "y", "--x", "x,z", "--cluster", "g", "--format", "text");
        Assert.That(code, Is.Zero, stderr);
        Assert.That(stdout.Split('\n').Single(l => l.StartsWith("F test", StringComparison.Ordinal)), Does.Contain("not available"), stdout);
    }

    [Test]
    public async Task One_cluster_says_so()
    {
        var csv = WriteCsv("onecluster", (a, b, x) => (x + Math.Sin(a * b), "1"));
        var (code, _, stderr) = await CliRunner.RunAsync("estimate", "--csv", csv, "--y", "y", "--x", "x", "--cluster", "g");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(stderr, Does.Contain("'g' has 1 cluster").And.Contain("at least 2"));
            Assert.That(stderr, Does.Not.Contain("Invalid parametrization"));
        });
    }

    [TestCase("iid")]
    [TestCase("hetero")]
    [TestCase("cluster")]
    [TestCase("dk")]
    public async Task No_residual_degrees_of_freedom_says_so(string vcov)
    {
        // Three rows, three parameters (intercept, x, z): Student's t would have no degrees of freedom (and Driscoll–Kraay's
        // small-sample factor would divide by N − K = 0).
        var csv = Path.Combine(TestPaths.Scratch("degenerate"), "nodf.csv");
        File.WriteAllText(csv, "y,x,z,g,t\n1,1,4,1,1\n3,2,1,2,2\n2,5,3,1,3\n");
        string[] extra = vcov switch { "cluster" => ["--cluster", "g"], "dk" => ["--panel-id", "g,t"], _ => [] };
        var (code, stdout, stderr) = await CliRunner.RunAsync(["estimate", "--csv", csv, "--y", "y", "--x", "x,z", "--vcov", vcov, .. extra]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2), stdout);
            Assert.That(stderr, Does.Contain("no residual degrees of freedom: 3 observations for 3 parameters"));
            Assert.That(stderr, Does.Not.Contain("Invalid parametrization"));
        });
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
