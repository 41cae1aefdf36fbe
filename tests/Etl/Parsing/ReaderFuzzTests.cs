using Warehouse.Tests.Support;

namespace Warehouse.Tests.Etl.Parsing;

/// <summary>
/// <c>warehouse bench fuzz</c> in a child process under a 1 GB heap cap: mutated fixtures (and the real samples when
/// present) through every reader, where only a result or a clean error is allowed. The CI budget is a few seconds;
/// set WAREHOUSE_FUZZ_SECONDS for a long run. Inputs that once failed live in Fixtures/fuzz and are replayed each time.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ReaderFuzzTests
{
    /// <summary>Environment variable holding the fuzzing budget in seconds (default 4, shared by the five readers).</summary>
    public const string BudgetVariable = "WAREHOUSE_FUZZ_SECONDS";

    [Test]
    public async Task Every_input_that_once_failed_now_gets_a_result_or_a_clean_error()
    {
        var (exit, stdout, stderr) = await RunAsync(TimeSpan.FromMinutes(3), "bench", "fuzz", "--replay", TestPaths.Fixture("fuzz"));
        Assert.That(exit, Is.EqualTo(0), stdout + stderr);
        foreach (var reader in new[] { "html", "xls", "xlsx", "pipelines-yml" })
            Assert.That(stdout, Does.Match($@"(?m)^{reader}\s+\d+\s+\d+\s+\d+\s+0$"), stdout);
    }

    [Test]
    public async Task Mutated_fixtures_get_a_result_or_a_clean_error_within_the_budget()
    {
        var seconds = double.TryParse(Environment.GetEnvironmentVariable(BudgetVariable), System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 4;
        var keep = TestPaths.TempFolder();
        try
        {
            List<string> args = ["bench", "fuzz", "--seconds", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "--per-input", "10",
                "--keep", keep, "--inputs", TestPaths.Fixture(string.Empty), "--inputs", Path.Combine(TestPaths.RepoRoot(), "pipelines.yml")];
            if (Directory.Exists(RepositoryPaths.RealSamples))
                args.AddRange(["--inputs", RepositoryPaths.RealSamples]);
            var (exit, stdout, stderr) = await RunAsync(TimeSpan.FromSeconds(seconds * 3 + 120), [.. args]);
            Assert.That(exit, Is.EqualTo(0), $"{stdout}{stderr}\nfailing inputs kept in {keep}: copy them to tests/Fixtures/fuzz");
            foreach (var reader in new[] { "html", "xls", "xlsx", "nbs-csv", "pipelines-yml" })
                Assert.That(stdout, Does.Match($@"(?m)^{reader}\s+[1-9]\d*\s+\d+\s+\d+\s+0$"), $"every reader was fuzzed:\n{stdout}");
            Directory.Delete(keep, recursive: true);
        }
        catch (AssertionException) when (Directory.EnumerateFiles(keep).Any())
        {
            TestContext.Out.WriteLine($"failing inputs kept in {keep}");
            throw;
        }
    }

    private static Task<(int Exit, string Stdout, string Stderr)> RunAsync(TimeSpan patience, params string[] args) =>
        WarehouseChild.RunAsync(patience, args, new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "0x40000000" });
}
