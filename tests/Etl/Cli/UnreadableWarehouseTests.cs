using Warehouse.Etl.Cli;
using Warehouse.Tests.Support;

namespace Warehouse.Tests.Etl.Cli;

/// <summary>A verb given a file DuckDB cannot open (random bytes) with <c>--db</c> exits 2 with DuckDB's one line naming
/// the file, as a real process: no "unexpected error", no stack trace — the same for every verb that reads a warehouse
/// (query and export said exit 1 like a failed statement, report "unexpected error … please report it"); and an empty
/// <c>--db</c> is a usage error.</summary>
[TestFixture]
public sealed class UnreadableWarehouseTests
{
    private string folder = null!;

    [SetUp]
    public void Scratch() => folder = TestPaths.TempFolder();

    [TearDown]
    public void Remove() => Directory.Delete(folder, recursive: true);

    [TestCase("estimate", "--view panel --y y --x x --fe id")]
    [TestCase("query", "select 1")]
    [TestCase("report", "--out {folder}/report --config {config}")]
    [TestCase("export", "--out {folder}/export --config {config}")]
    [TestCase("test", "--config {config}")]
    [TestCase("docs", "--out {folder}/docs --config {config}")]
    public async Task A_file_that_is_not_a_duckdb_database_is_one_line_and_exit_2(string verb, string options)
    {
        var path = Path.Combine(folder, "garbage.duckdb");
        await File.WriteAllBytesAsync(path, Enumerable.Range(0, 64 * 1024).Select(i => (byte)((i * 7919) % 251)).ToArray());
        var rest = options.Replace("{folder}", folder, StringComparison.Ordinal).Replace("{config}", RepositoryPaths.PipelinesYml, StringComparison.Ordinal)
            .Split(' ');
        string[] args = verb == "query" ? [verb, string.Join(' ', rest), "--db", path] : [verb, "--db", path, .. rest];

        var (exit, _, stderr) = await WarehouseChild.RunAsync(TimeSpan.FromSeconds(60), args);

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(ExitCodes.Usage), stderr);
            Assert.That(stderr, Does.StartWith($"warehouse {verb}: "));
            Assert.That(stderr, Does.Contain(path).And.Contain("not a valid DuckDB database file"));
            Assert.That(stderr, Does.Not.Contain("unexpected error").And.Not.Contain("   at "));
            Assert.That(stderr.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        });
    }

    [TestCase("estimate")]
    [TestCase("query")]
    [TestCase("build")]
    public async Task An_empty_db_value_is_a_usage_error_not_the_configured_warehouse(string verb)
    {
        // `--db "$WAREHOUSE"` with the variable unset: some verbs read the configured live warehouse instead.
        var (exit, _, stderr) = await WarehouseChild.RunAsync(TimeSpan.FromSeconds(60), [verb, "--db", "", "--config", RepositoryPaths.PipelinesYml]);

        Assert.That(exit, Is.EqualTo(ExitCodes.Usage), stderr);
        Assert.That(stderr, Does.Contain("--db needs a file path; got an empty value"));
        Assert.That(stderr.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
    }
}
