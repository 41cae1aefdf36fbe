using System.Diagnostics;
using System.Security.Cryptography;
using Warehouse.Demo;

namespace Warehouse.Tests.Demo;

[TestFixture]
public sealed class DemoCorpusDeterminismTests
{
    private readonly List<string> folders = [];

    [TearDown]
    public void Clean()
    {
        folders.ForEach(TempFolder.Delete);
        folders.Clear();
    }

    [Test]
    public void Two_generations_into_different_folders_give_identical_sha256_for_every_file()
    {
        var first = Hashes(GenerateInto("a", DemoCorpus.DefaultSeed));
        var second = Hashes(GenerateInto("b", DemoCorpus.DefaultSeed));

        Assert.That(first, Has.Count.GreaterThan(80), "the mirror should hold every table, index page and the manifest");
        Assert.That(second.Keys, Is.EquivalentTo(first.Keys));
        foreach (var (path, hash) in first)
        {
            Assert.That(second[path], Is.EqualTo(hash), path);
        }
    }

    [Test]
    public async Task Two_warehouse_demo_processes_write_what_this_process_writes()
    {
        // Separate processes get fresh string-hash seeds and start-up state: what must not leak into the bytes.
        var expected = Hashes(GenerateInto("in-process", DemoCorpus.DefaultSeed));
        foreach (var name in new[] { "process-1", "process-2" })
        {
            var dir = TempFolder.Create("demo-" + name);
            folders.Add(dir);
            Assert.That(await RunWarehouse("demo", "--out", dir), Is.Zero);
            Assert.That(Hashes(dir), Is.EquivalentTo(expected), name);
        }
    }

    [Test]
    public void Another_seed_gives_other_numbers_in_the_same_layout()
    {
        var one = Hashes(GenerateInto("s1", 1));
        var two = Hashes(GenerateInto("s2", 2));

        Assert.That(two.Keys, Is.EquivalentTo(one.Keys));
        Assert.That(two["nbs/fsnd_gdp.csv"], Is.Not.EqualTo(one["nbs/fsnd_gdp.csv"]));
        Assert.That(two["labour/2016/urban_employment_by_sector.xlsx"], Is.Not.EqualTo(one["labour/2016/urban_employment_by_sector.xlsx"]));
        // The exchange rate is the published series, not synthetic: identical under any seed.
        Assert.That(two["nbs/fsnd_usd_cny.csv"], Is.EqualTo(one["nbs/fsnd_usd_cny.csv"]));
    }

    [Test]
    public void Values_are_the_same_list_on_every_call()
    {
        var first = DemoCorpus.Values(7);
        var second = DemoCorpus.Values(7);
        Assert.That(second, Is.EqualTo(first));
    }

    private string GenerateInto(string name, int seed)
    {
        var dir = TempFolder.Create("demo-" + name);
        folders.Add(dir);
        DemoCorpus.Generate(dir, seed);
        return dir;
    }

    private static async Task<int> RunWarehouse(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "warehouse.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        TestContext.Out.WriteLine(await output);
        TestContext.Out.WriteLine(await error);
        return process.ExitCode;
    }

    private static Dictionary<string, string> Hashes(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).ToDictionary(
            f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'),
            f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f))),
            StringComparer.Ordinal);
}
