using Warehouse.Etl.Cli;

namespace Warehouse.Tests.Etl.Cli;

/// <summary><c>query --format table</c> looks like the DuckDB CLI's duckbox (issue 13 item 5): types under the names,
/// numbers right-aligned, doubles rounded, a row cap with an "N rows (M shown)" footer; CSV keeps every digit.</summary>
[TestFixture]
public sealed class QueryTableTests
{
    private string folder = null!;
    private string db = null!;

    [OneTimeSetUp]
    public void CreateWarehouse()
    {
        folder = TestPaths.TempFolder();
        db = Path.Combine(folder, "w.duckdb");
        using var connection = new DuckDB.NET.Data.DuckDBConnection($"Data Source={db}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "create table t as select i as id, '北京' || i as name, i / 7.0 as share, 1e-9 * i as tiny from range(1, 101) r(i)";
        command.ExecuteNonQuery();
    }

    [OneTimeTearDown]
    public void Remove() => Directory.Delete(folder, recursive: true);

    private string Run(string sql, string format = "table")
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        Assert.That(QueryCommand.Run(Path.Combine(folder, "none.yml"), db, sql, format, output, errors), Is.EqualTo(ExitCodes.Ok), errors.ToString());
        return output.ToString();
    }

    [Test]
    public void A_long_result_is_capped_with_a_row_count_footer_and_rounded_doubles()
    {
        var lines = Run("select * from t order by id").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Does.StartWith("┌"));
            Assert.That(lines[2], Does.Match(@"│\s+bigint\s+│\s+varchar\s+│\s+double\s+│\s+double\s+│"), "types under the names");
            Assert.That(lines.Count(l => l.StartsWith("│", StringComparison.Ordinal) && l.Contains("北京", StringComparison.Ordinal)), Is.EqualTo(QueryTable.MaxRows));
            Assert.That(lines, Has.Some.Match(@"^│\s+1 │ 北京1\s+│\s+0\.142857 │\s+1e-9 │$"), "right-aligned, 6 significant digits");
            Assert.That(lines, Has.Some.Contains("·"), "the elided middle is marked");
            Assert.That(lines, Has.Some.Match(@"│ 100 rows \(40 shown\)\s+4 columns │"));
            Assert.That(lines.Select(QueryTable.Width).Distinct().Count(), Is.EqualTo(1), "every line of the box as wide as the others (CJK counted double)");
        });
    }

    [Test]
    public void Csv_keeps_every_row_and_digit()
    {
        var lines = Run("select share from t order by id", "csv").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(101));
        Assert.That(lines[1], Is.EqualTo("0.14285714285714285"));
    }
}
