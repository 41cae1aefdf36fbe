using System.CommandLine;
using Warehouse.Bench.Transform;
using Warehouse.Etl.Cli;
using Warehouse.Tests.Sql.Support;

namespace Warehouse.Tests.Sql.Cli;

/// <summary>
/// Options that are shown must work (issue 11 item 10): <c>--dry-run</c> writes nothing, <c>--select</c> and
/// <c>--years</c> narrow what is done and an unknown name is an error, and a verb refuses a common option it would
/// ignore. Real warehouse files, the verbs invoked through the command line.
/// </summary>
[TestFixture]
public sealed class HonestOptionTests
{
    private string folder = null!;
    private string config = null!;
    private string full = null!;

    [OneTimeSetUp]
    public void BuildFullWarehouse()
    {
        folder = Path.Combine(Path.GetTempPath(), "wh-options-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        config = Path.Combine(folder, "pipelines.yml");
        File.Copy(RepoPaths.PipelinesYml, config);
        full = Path.Combine(folder, "full.duckdb");
        using var warehouse = new TestWarehouse(full);
        warehouse.Load(SyntheticStaging.Generate());
        warehouse.Transform();
    }

    [OneTimeTearDown]
    public void RemoveFiles() => Directory.Delete(folder, recursive: true);

    private static async Task<(int Exit, string Out, string Err)> Invoke(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int exit = await RootCommandFactory.Create().Parse(args).InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private string Fresh(string name) => Path.Combine(folder, name + "-" + Guid.NewGuid().ToString("N")[..8]);

    [Test]
    public async Task Export_select_and_years_narrow_the_export()
    {
        string outDir = Fresh("export");
        var (exit, _, stderr) = await Invoke("export", "--config", config, "--db", full, "--format", "csv", "--out", outDir,
            "--select", "panel", "--years", "2020..2021");
        Assert.That(exit, Is.EqualTo(ExitCodes.Ok), stderr);
        var lines = File.ReadAllLines(Path.Combine(outDir, "panel.csv"));
        int year = Array.IndexOf(lines[0].Split(','), "year");
        Assert.Multiple(() =>
        {
            Assert.That(Directory.GetFiles(outDir).Select(Path.GetFileName), Is.EquivalentTo(new[] { "panel.csv" }));
            Assert.That(lines.Skip(1).Select(l => l.Split(',')[year]).Distinct(), Is.EquivalentTo(new[] { "2020", "2021" }));
            Assert.That(lines, Has.Length.EqualTo(1 + 60));
        });
    }

    [Test]
    public async Task Export_of_an_unknown_relation_is_an_error_and_writes_nothing()
    {
        string outDir = Fresh("export-unknown");
        var (exit, _, stderr) = await Invoke("export", "--config", config, "--db", full, "--out", outDir, "--select", "nosuch", "--years", "2020..2021");
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(ExitCodes.Usage));
            Assert.That(stderr, Does.Contain("'nosuch'").And.Contain("panel"));
            Assert.That(outDir, Does.Not.Exist);
        });
    }

    [Test]
    public async Task Export_dry_run_prints_the_copies_and_writes_nothing()
    {
        string outDir = Fresh("export-dry");
        var (exit, stdout, _) = await Invoke("export", "--config", config, "--db", full, "--out", outDir, "--dry-run");
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(ExitCodes.Ok));
            Assert.That(stdout, Does.Contain("copy (select * from main.panel) to"));
            Assert.That(outDir, Does.Not.Exist);
        });
    }

    [Test]
    public async Task Test_dry_run_prints_the_tests_and_records_nothing()
    {
        string copy = Fresh("test-dry") + ".duckdb";
        File.Copy(full, copy);
        byte[] before = File.ReadAllBytes(copy);
        var (exit, stdout, stderr) = await Invoke("test", "--config", config, "--db", copy, "--select", "panel", "--dry-run");
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(ExitCodes.Ok), stderr);
            Assert.That(stdout, Does.Contain("(panel, "));
            Assert.That(stdout, Does.Not.Contain("(ind_prody, "));
            Assert.That(File.ReadAllBytes(copy), Is.EqualTo(before), "the file is not touched");
        });
    }

    [Test]
    public async Task Test_of_an_unknown_name_is_an_error()
    {
        var (exit, _, stderr) = await Invoke("test", "--config", config, "--db", full, "--select", "nosuch");
        Assert.That(exit, Is.EqualTo(ExitCodes.Usage));
        Assert.That(stderr, Does.Contain("'nosuch'"));
    }

    [Test]
    public async Task Report_dry_run_writes_nothing()
    {
        string outDir = Fresh("report-dry");
        var (exit, stdout, stderr) = await Invoke("report", "--config", config, "--db", full, "--out", outDir, "--dry-run");
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(ExitCodes.Ok), stderr);
            Assert.That(stdout, Does.Contain("dry run"));
            Assert.That(outDir, Does.Not.Exist);
        });
    }

    [Test]
    public async Task Docs_dry_run_writes_nothing()
    {
        string outDir = Fresh("docs-dry");
        var (exit, _, stderr) = await Invoke("docs", "--config", config, "--db", full, "--out", outDir, "--dry-run");
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(ExitCodes.Ok));
            Assert.That(stderr, Does.Contain("would write").And.Contain("lineage.md"));
            Assert.That(outDir, Does.Not.Exist);
        });
    }

    [Test]
    public async Task Demo_dry_run_writes_nothing()
    {
        string outDir = Fresh("demo-dry");
        var (exit, _, _) = await Invoke("demo", "--out", outDir, "--dry-run");
        Assert.That(exit, Is.EqualTo(ExitCodes.Ok));
        Assert.That(outDir, Does.Not.Exist);
    }

    [TestCase("estimate", "--years", "2020..2021")]
    [TestCase("estimate", "--dry-run", null)]
    [TestCase("docs", "--select", "panel")]
    [TestCase("report", "--years", "2020")]
    [TestCase("transform", "--select", "panel")]
    [TestCase("validate", "--dry-run", null)]
    [TestCase("demo", "--offline", null)]
    [TestCase("extract", "--dry-run", null)]
    [TestCase("schedule", "--full-refresh", null)]
    public async Task A_common_option_a_verb_would_ignore_is_refused(string verb, string option, string? value)
    {
        var args = new List<string> { verb, option };
        if (value is not null) args.Add(value);
        var (exit, _, stderr) = await Invoke([.. args]);
        Assert.That(exit, Is.EqualTo(ExitCodes.Usage).Or.EqualTo(1));
        Assert.That(stderr, Does.Contain($"Unrecognized command or argument '{option}'"));
    }

    [Test]
    public async Task Report_to_an_unwritable_folder_is_one_line_exit_2()
    {
        if (!Directory.Exists("/sys/kernel"))
            Assert.Ignore("needs /sys, a folder no user (root included) can create files in");
        var (exit, _, stderr) = await Invoke("report", "--config", config, "--db", full, "--out", "/sys/warehouse-report");
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(ExitCodes.Usage));
            Assert.That(stderr, Does.Contain("cannot write the report").And.Contain("--out"));
            Assert.That(stderr.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        });
    }

    [Test]
    public async Task A_figure_that_cannot_be_written_is_named_in_one_line()
    {
        // The figures are drawn in parallel: the file's own error is reported, not the parallel loop's wrapper.
        string outDir = Fresh("report-blocked");
        Directory.CreateDirectory(Path.Combine(outDir, "plots", "coefficients.png"));
        var (exit, _, stderr) = await Invoke("report", "--config", config, "--db", full, "--out", outDir);
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(ExitCodes.Usage));
            Assert.That(stderr, Does.Contain("cannot write the report").And.Contain("coefficients.png"));
            Assert.That(stderr, Does.Not.Contain("AggregateException"));
            Assert.That(stderr.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        });
    }

    /// <summary>A folder whose pipelines.yml names <c>warehouse.duckdb</c> as live, holding a copy of the full warehouse.</summary>
    private (string Config, string Live) LiveFolder()
    {
        string live = Fresh("live");
        Directory.CreateDirectory(live);
        File.Copy(config, Path.Combine(live, "pipelines.yml"));
        File.Copy(full, Path.Combine(live, "warehouse.duckdb"));
        return (Path.Combine(live, "pipelines.yml"), Path.Combine(live, "warehouse.duckdb"));
    }

    [Test]
    public async Task Transform_refuses_the_live_file()
    {
        var (liveConfig, live) = LiveFolder();
        byte[] before = File.ReadAllBytes(live);
        var (exit, _, stderr) = await Invoke("transform", "--config", liveConfig, "--db", live);
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(ExitCodes.Usage));
            Assert.That(stderr, Does.Contain("refused").And.Contain("live warehouse").And.Contain("warehouse build"));
            Assert.That(File.ReadAllBytes(live), Is.EqualTo(before));
        });
    }

    [Test]
    public async Task Test_on_the_live_file_runs_on_a_copy_and_leaves_it_untouched()
    {
        var (liveConfig, live) = LiveFolder();
        byte[] before = File.ReadAllBytes(live);
        var (exit, stdout, stderr) = await Invoke("test", "--config", liveConfig, "--select", "panel");
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(ExitCodes.Ok), stderr);
            Assert.That(stdout, Does.Contain("run on a copy of the live warehouse"));
            Assert.That(File.ReadAllBytes(live), Is.EqualTo(before), "not one byte of the live file changes");
            Assert.That(live + ".wal", Does.Not.Exist);
        });
    }
}
