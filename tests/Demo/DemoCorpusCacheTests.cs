using Warehouse.Demo;
using Warehouse.Etl.Cli;

namespace Warehouse.Tests.Demo;

/// <summary><c>EnsureGenerated</c>: generate once, reuse a complete mirror, replace a stale or damaged one, never leave a half one.</summary>
[TestFixture]
public sealed class DemoCorpusCacheTests
{
    private string parent = null!;
    private string cache = null!;

    [SetUp]
    public void Folder()
    {
        parent = TempFolder.Create("demo-cache");
        cache = Path.Combine(parent, ".warehouse", "demo");
    }

    [TearDown]
    public void Clean() => TempFolder.Delete(parent);

    [Test]
    public void Generates_a_missing_mirror_through_a_temporary_folder()
    {
        DemoCorpus.EnsureGenerated(cache);

        Assert.That(DemoCorpus.IsComplete(cache), Is.True);
        Assert.That(File.Exists(Path.Combine(cache, "labour", "2024", "urban_employment_by_sector.xlsx")), Is.True);
        Assert.That(Directory.GetDirectories(Path.GetDirectoryName(cache)!), Is.EqualTo(new[] { cache }), "no temporary folders left behind");
    }

    [Test]
    public void Removes_what_a_killed_generation_left_beside_the_cache()
    {
        var stale = cache + ".tmp-0123456789abcdef";
        Directory.CreateDirectory(Path.Combine(stale, "labour"));
        File.WriteAllText(Path.Combine(stale, "labour", "half.htm"), "half");

        DemoCorpus.EnsureGenerated(cache);

        Assert.That(Directory.Exists(stale), Is.False);
        Assert.That(DemoCorpus.IsComplete(cache), Is.True);
    }

    [Test]
    public void Keeps_a_complete_mirror_of_the_same_seed()
    {
        DemoCorpus.EnsureGenerated(cache);
        var sentinel = Path.Combine(cache, "sentinel.txt");
        File.WriteAllText(sentinel, "left alone");

        DemoCorpus.EnsureGenerated(cache);

        Assert.That(File.Exists(sentinel), Is.True, "a complete mirror is not regenerated");
    }

    [Test]
    public void Replaces_a_mirror_with_a_damaged_file()
    {
        DemoCorpus.EnsureGenerated(cache);
        var csv = Path.Combine(cache, "nbs", "fsnd_gdp.csv");
        var original = File.ReadAllBytes(csv);
        File.WriteAllText(csv, "truncated");
        Assert.That(DemoCorpus.IsComplete(cache), Is.False);

        DemoCorpus.EnsureGenerated(cache);

        Assert.That(File.ReadAllBytes(csv), Is.EqualTo(original));
    }

    [Test]
    public void Replaces_a_half_written_mirror_without_a_manifest()
    {
        DemoCorpus.EnsureGenerated(cache);
        File.Delete(Path.Combine(cache, "MANIFEST.json"));
        File.Delete(Path.Combine(cache, "hightech", "2020", "hightech_employment.xlsx"));

        DemoCorpus.EnsureGenerated(cache);

        Assert.That(DemoCorpus.IsComplete(cache), Is.True);
    }

    [Test]
    public void Replaces_a_mirror_of_another_seed()
    {
        DemoCorpus.EnsureGenerated(cache, seed: 5);
        Assert.That(DemoCorpus.IsComplete(cache, seed: 1), Is.False);

        DemoCorpus.EnsureGenerated(cache, seed: 1);

        Assert.That(DemoCorpus.IsComplete(cache, seed: 1), Is.True);
        Assert.That(File.ReadAllText(Path.Combine(cache, "MANIFEST.json")), Does.Contain("\"seed\": 1,"));
    }

    [Test]
    public void The_demo_verb_writes_a_complete_mirror_to_out()
    {
        var exit = RootCommandFactory.Create().Parse(["demo", "--out", cache, "--seed", "3"]).Invoke();

        Assert.That(exit, Is.EqualTo(ExitCodes.Ok));
        Assert.That(DemoCorpus.IsComplete(cache, seed: 3), Is.True);
    }
}
