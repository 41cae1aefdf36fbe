using Warehouse.Analysis.Output;

namespace Warehouse.Tests.Analysis;

/// <summary><c>estimate --format text</c> is a table a fixest or Stata user recognises (issue 13 item 2): aligned
/// columns, etable's rounding, stars, FE rows, N, R², within R², clusters; JSON keeps full precision.</summary>
[TestFixture]
public sealed class EstimateTextTests
{
    [TestCase(0.110123804120718, 4, "0.1101")]
    [TestCase(0.0151944939427174, 4, "0.01519")]
    [TestCase(-0.00093290671, 4, "-0.0009329")]
    [TestCase(2.5039677e-16, 4, "2.504e-16")]
    [TestCase(7987323373651368.0, 4, "7.987e+15")]
    [TestCase(1234.5678, 4, "1,234.6")]
    [TestCase(0.99996, 4, "1.000")]
    [TestCase(0.766757583748141, 5, "0.76676")]
    [TestCase(2.0, 4, "2.000")]
    public void Numbers_are_rounded_as_etable_rounds_them(double x, int digits, string expected) =>
        Assert.That(EtableNumber.Format(x, digits), Is.EqualTo(expected));

    [Test]
    public async Task Grunfeld_text_table_has_aligned_columns_stars_and_the_fit_facts()
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync("estimate", "--csv", TestPaths.Grunfeld, "--y", "inv", "--x", "value,capital",
            "--fe", "firm", "--cluster", "firm", "--format", "text");
        Assert.That(code, Is.Zero, stderr);
        var lines = stdout.Split('\n');
        var header = lines.Single(l => l.Contains("Std. Error", StringComparison.Ordinal));
        var value = lines.Single(l => l.StartsWith("value ", StringComparison.Ordinal));
        var capital = lines.Single(l => l.StartsWith("capital ", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(value, Does.Contain("0.1101***").And.Contain("0.01519"), "DESIGN.md §5: b 0.110123804, cluster se 0.0151944939");
            Assert.That(capital, Does.Contain("0.3101***").And.Contain("0.05275"));
            Assert.That(value.Length, Is.EqualTo(header.Length), "rows as wide as the header");
            Assert.That(capital.Length, Is.EqualTo(header.Length));
            // Every column ends at the same character in every row (right-aligned numbers).
            foreach (var column in new[] { "Std. Error", "t value", "Pr(>|t|)" })
            {
                var end = header.IndexOf(column, StringComparison.Ordinal) + column.Length;
                Assert.That(value[end - 1], Is.Not.EqualTo(' '), $"value: {column} ends at {end}");
                Assert.That(value[end], Is.EqualTo(' '), $"value: {column} ends at {end}");
                Assert.That(capital[end - 1], Is.Not.EqualTo(' '), $"capital: {column}");
            }
            Assert.That(stdout, Does.Match(@"FE: firm\s+Yes \(10 levels\)"));
            Assert.That(stdout, Does.Match(@"S\.E\. type\s+Clustered by firm \(10 clusters\)"));
            Assert.That(stdout, Does.Match(@"Observations\s+200"));
            Assert.That(stdout, Does.Match(@"Within R2\s+0\.76676"), "DESIGN.md §5 within R² 0.766757583748141");
            Assert.That(stdout, Does.Contain("*** p<0.01"));
            Assert.That(stdout, Does.Not.Match(@"\d{9,}"), "no 8–11 significant digits in the text table");
        });
    }
}
