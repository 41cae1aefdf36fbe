using System.Globalization;

namespace Warehouse.Tests.Analysis;

/// <summary>
/// <c>warehouse estimate --csv</c> on files a user might really hand it: ids too large for a double, an empty file,
/// an instrument that is one of the exogenous regressors. Each gives the estimates of the well-formed file or one
/// line naming what is wrong, with exit 2, never a silently different model.
/// </summary>
[TestFixture]
public sealed class HostileCsvTests
{
    private string folder = null!;

    [SetUp]
    public void Scratch() => folder = TestPaths.Scratch("hostile-csv");

    [TearDown]
    public void Remove() => Directory.Delete(folder, recursive: true);

    /// <summary>Grunfeld with each firm id passed through <paramref name="id"/>, and a column <c>z</c> = 4 × capital.</summary>
    private string Grunfeld(string name, Func<int, string> id)
    {
        var lines = File.ReadAllLines(TestPaths.Grunfeld);
        var header = lines[0].Split(',');
        var firm = Array.IndexOf(header, "firm");
        var capital = Array.IndexOf(header, "capital");
        var rows = lines.Skip(1).Select(line =>
        {
            var cells = line.Split(',');
            var z = 4 * double.Parse(cells[capital], CultureInfo.InvariantCulture);
            cells[firm] = id(int.Parse(cells[firm], CultureInfo.InvariantCulture));
            return string.Join(',', cells) + "," + z.ToString("R", CultureInfo.InvariantCulture);
        });
        var path = Path.Combine(folder, name);
        File.WriteAllLines(path, [lines[0] + ",z", .. rows]);
        return path;
    }

    [Test]
    public async Task Firm_ids_beyond_a_doubles_precision_stay_distinct_firms()
    {
        // 10^30 + k: DuckDB sniffs such a column as DOUBLE, where all ten firms are one number.
        var small = Grunfeld("small.csv", k => k.ToString(CultureInfo.InvariantCulture));
        var huge = Grunfeld("huge.csv", k => "1000000000000000000000000000" + k.ToString("000", CultureInfo.InvariantCulture));
        string[] model = ["--y", "inv", "--x", "value,capital", "--fe", "firm,year", "--cluster", "firm"];

        var expected = await CliRunner.RunAsync(["estimate", "--csv", small, .. model]);
        var actual = await CliRunner.RunAsync(["estimate", "--csv", huge, .. model]);

        Assert.That(expected.ExitCode, Is.EqualTo(0), expected.Stderr);
        Assert.That(actual.ExitCode, Is.EqualTo(0), actual.Stderr);
        Assert.That(actual.Stdout, Does.Contain("FE: firm        Yes (10 levels)"));
        Assert.That(actual.Stdout, Is.EqualTo(expected.Stdout));
    }

    [TestCase("")]
    [TestCase("\n")]
    public async Task An_empty_file_says_it_is_empty(string content)
    {
        var path = Path.Combine(folder, "empty.csv");
        File.WriteAllText(path, content);

        var (code, _, stderr) = await CliRunner.RunAsync("estimate", "--csv", path, "--y", "inv", "--x", "value", "--fe", "firm");

        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr.Trim(), Does.Not.Contain('\n'));
        Assert.That(stderr, Does.Contain("empty.csv").And.Contain("empty"));
        Assert.That(stderr, Does.Not.Contain("Sniffer"));
    }

    [TestCase("value ~ capital", "capital")]
    [TestCase("value ~ z", "z")]
    public async Task An_instrument_that_is_an_exogenous_regressor_is_named(string iv, string instrument)
    {
        var path = Grunfeld("iv.csv", k => k.ToString(CultureInfo.InvariantCulture));

        var (code, stdout, stderr) = await CliRunner.RunAsync("estimate", "--csv", path, "--y", "inv", "--x", "capital",
            "--fe", "firm,year", "--iv", iv);

        Assert.That(code, Is.EqualTo(2), stdout);
        Assert.That(stderr.Trim(), Does.Not.Contain('\n'));
        Assert.That(stderr, Does.Contain($"instrument {instrument}").And.Contain("exogenous"));
    }

    [TestCase("--iv", "value ~ value", "value is both endogenous and its own instrument")]
    [TestCase("--iv", "value ~ value + z", "value is both endogenous and its own instrument")]
    [TestCase("--iv", "inv ~ z", "inv is the dependent variable (y) and also among the endogenous regressors (iv)")]
    [TestCase("--x", "inv,value", "inv is the dependent variable (y) and also among the regressors (x)")]
    [TestCase("--x", "value,value", "value is listed twice among the regressors (x)")]
    [TestCase("--x", "value,VALUE", "value is listed twice among the regressors (x)")]
    [TestCase("--x", "INV,value", "inv is the dependent variable (y) and also among the regressors (x)")]
    public async Task A_column_in_two_roles_is_refused_by_name(string option, string value, string message)
    {
        var path = Grunfeld("roles.csv", k => k.ToString(CultureInfo.InvariantCulture));
        string[] x = option == "--x" ? [] : ["--x", "capital"];

        var (code, stdout, stderr) = await CliRunner.RunAsync(["estimate", "--csv", path, "--y", "inv", .. x,
            "--fe", "firm,year", option, value]);

        Assert.That(code, Is.EqualTo(2), stdout);
        Assert.That(stderr.Trim(), Does.Not.Contain('\n'));
        Assert.That(stderr, Does.Contain(message));
    }

    [Test]
    public async Task A_header_without_rows_names_the_file()
    {
        var path = Path.Combine(folder, "header-only.csv");
        File.WriteAllText(path, "firm,year,inv,value\n");

        var (code, _, stderr) = await CliRunner.RunAsync("estimate", "--csv", path, "--y", "inv", "--x", "value", "--fe", "firm");

        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr.Trim(), Is.EqualTo($"warehouse estimate: {path}: no data rows below the header"));
    }

    [Test]
    public async Task Rows_all_missing_say_which_step_emptied_the_sample()
    {
        var path = Path.Combine(folder, "missing.csv");
        File.WriteAllText(path, "firm,year,inv,value\n1,2001,NA,3\n2,2001,4,.\n");

        var (code, _, stderr) = await CliRunner.RunAsync("estimate", "--csv", path, "--y", "inv", "--x", "value", "--fe", "firm");

        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("no observations left to estimate on: 2 rows dropped for a missing value"));
    }

    [Test]
    public async Task An_unbalanced_quote_in_an_id_is_an_error_at_its_line_not_a_new_firm()
    {
        // The sniffer drops quoting for a file whose only quote is unbalanced and would read "3 as a firm of its own.
        var path = Grunfeld("quote.csv", k => k.ToString(CultureInfo.InvariantCulture));
        var lines = File.ReadAllLines(path);
        lines[45] = "\"" + lines[45];
        File.WriteAllLines(path, lines);

        var (code, stdout, stderr) = await CliRunner.RunAsync("estimate", "--csv", path, "--y", "inv", "--x", "value", "--fe", "firm,year");

        Assert.That(code, Is.EqualTo(2), stdout);
        Assert.That(stderr.Trim(), Is.EqualTo($"warehouse estimate: {path}: line 46: Value with unterminated quote found."));
    }

    [Test]
    public async Task A_row_with_an_extra_field_is_named_by_its_line()
    {
        // One such row makes DuckDB's sniffer read every line as a single column named after the whole header.
        var path = Grunfeld("extra.csv", k => k.ToString(CultureInfo.InvariantCulture));
        var lines = File.ReadAllLines(path);
        lines[120] += ",9";
        File.WriteAllLines(path, lines);

        var (code, stdout, stderr) = await CliRunner.RunAsync("estimate", "--csv", path, "--y", "inv", "--x", "value", "--fe", "firm,year");

        Assert.That(code, Is.EqualTo(2), stdout);
        Assert.That(stderr.Trim(), Does.StartWith($"warehouse estimate: {path}: line 121: Expected Number of Columns:"));
    }
}
