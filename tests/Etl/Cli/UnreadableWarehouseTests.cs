using Warehouse.Etl.Cli;
using Warehouse.Tests.Support;

namespace Warehouse.Tests.Etl.Cli;

/// <summary><c>estimate --db</c> on a file DuckDB cannot open (random bytes, a truncated warehouse) exits 2 with DuckDB's
/// one line naming the file, as a real process: no "unexpected error", no stack trace.</summary>
[TestFixture]
public sealed class UnreadableWarehouseTests
{
    private string folder = null!;

    [SetUp]
    public void Scratch() => folder = TestPaths.TempFolder();

    [TearDown]
    public void Remove() => Directory.Delete(folder, recursive: true);

    [Test]
    public async Task Estimate_on_a_file_that_is_not_a_duckdb_database_is_one_line_and_exit_2()
    {
        var path = Path.Combine(folder, "garbage.duckdb");
        await File.WriteAllBytesAsync(path, Enumerable.Range(0, 64 * 1024).Select(i => (byte)((i * 7919) % 251)).ToArray());

        var (exit, _, stderr) = await WarehouseChild.RunAsync(TimeSpan.FromSeconds(60),
            ["estimate", "--db", path, "--view", "panel", "--y", "y", "--x", "x", "--fe", "id"]);

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(ExitCodes.Usage), stderr);
            Assert.That(stderr, Does.StartWith("warehouse estimate: "));
            Assert.That(stderr, Does.Contain(path).And.Contain("not a valid DuckDB database file"));
            Assert.That(stderr, Does.Not.Contain("unexpected error").And.Not.Contain("   at "));
            Assert.That(stderr.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        });
    }
}
