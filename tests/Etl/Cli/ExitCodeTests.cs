using Warehouse.Etl.Cli;
using Warehouse.Tests.Etl.Pipeline;

namespace Warehouse.Tests.Etl.Cli;

/// <summary>The verbs this issue owns, invoked as the command line would, with their exit codes and messages.</summary>
[TestFixture]
[NonParallelizable]
public sealed class ExitCodeTests
{
    private PipelineFixture fixture = null!;
    private StringWriter stdout = null!;
    private StringWriter stderr = null!;
    private TextWriter originalOut = null!;
    private TextWriter originalError = null!;

    [SetUp]
    public void Capture()
    {
        fixture = new PipelineFixture();
        (originalOut, originalError) = (Console.Out, Console.Error);
        (stdout, stderr) = (new StringWriter(), new StringWriter());
        Console.SetOut(stdout);
        Console.SetError(stderr);
    }

    [TearDown]
    public void Restore()
    {
        Console.SetOut(originalOut);
        Console.SetError(originalError);
        stdout.Dispose();
        stderr.Dispose();
        fixture.Dispose();
    }

    [Test]
    public async Task Validate_exits_0_for_a_valid_file()
    {
        Assert.That(await InvokeAsync("validate", "--config", fixture.ConfigPath), Is.EqualTo(ExitCodes.Ok));
        Assert.That(stdout.ToString(), Does.Contain("valid (1 sources, 2 tables, 1 pipelines, 0 specs)"));
    }

    [Test]
    public async Task Validate_exits_2_naming_a_typo_and_its_line()
    {
        File.WriteAllText(fixture.ConfigPath, PipelineFixture.Yaml.Replace("    schedule:", "    shedule:", StringComparison.Ordinal));

        Assert.That(await InvokeAsync("validate", "--config", fixture.ConfigPath), Is.EqualTo(ExitCodes.Usage));
        Assert.That(stderr.ToString(), Does.Match(@"pipelines\.yml:19:5: unknown key 'shedule' in pipeline 'tiny'"));
    }

    [TestCase("run", "weekly", "no pipeline 'weekly'")]
    [TestCase("backfill", null, "backfill needs --years")]
    [TestCase("build", "--years=2023..2010", "--years: year range '2023..2010' runs backwards")]
    [TestCase("build", "--select=nowhere", "no source 'nowhere'")]
    public async Task Usage_errors_exit_2_with_a_message(string verb, string? extra, string message)
    {
        var args = new List<string> { verb, "--config", fixture.ConfigPath };
        if (extra is not null)
        {
            args.Add(extra);
        }

        Assert.That(await InvokeAsync([.. args]), Is.EqualTo(ExitCodes.Usage));
        Assert.That(stderr.ToString(), Does.Contain(message));
        Assert.That(File.Exists(fixture.LivePath), Is.False);
    }

    [Test]
    public async Task A_missing_config_exits_2()
    {
        Assert.That(await InvokeAsync("build", "--config", Path.Combine(fixture.Folder, "absent.yml")), Is.EqualTo(ExitCodes.Usage));
        Assert.That(stderr.ToString(), Does.Contain("configuration file not found"));
    }

    [Test]
    public async Task Run_builds_the_named_pipeline_and_exits_0()
    {
        Assert.That(await InvokeAsync("run", "tiny", "--config", fixture.ConfigPath), Is.EqualTo(ExitCodes.Ok), stderr.ToString());
        Assert.That(PipelineFixture.Scalar<string>(fixture.LivePath, "select pipeline || ' ' || status from meta.run"), Is.EqualTo("tiny succeeded"));
    }

    [Test]
    public async Task Build_dry_run_exits_0_and_writes_nothing()
    {
        Assert.That(await InvokeAsync("build", "--config", fixture.ConfigPath, "--dry-run", "--years", "2015..2016"), Is.EqualTo(ExitCodes.Ok));
        Assert.That(stdout.ToString(), Does.Contain("dry run of build"));
        Assert.That(Directory.EnumerateFileSystemEntries(fixture.Folder).Select(Path.GetFileName), Is.EqualTo(new[] { "pipelines.yml" }));
    }

    [Test]
    public async Task Build_with_a_db_option_builds_that_file()
    {
        string other = Path.Combine(fixture.Folder, "elsewhere", "other.duckdb");
        Assert.That(await InvokeAsync("run", "tiny", "--config", fixture.ConfigPath, "--db", other), Is.EqualTo(ExitCodes.Ok), stderr.ToString());
        Assert.That(File.Exists(other), Is.True);
        Assert.That(File.Exists(fixture.LivePath), Is.False);
    }

    [Test]
    public async Task Schedule_once_runs_a_due_pipeline_and_remembers_it()
    {
        File.WriteAllText(fixture.ConfigPath, PipelineFixture.Yaml.Replace("\"0 3 * * *\"", "\"* * * * *\"", StringComparison.Ordinal));

        Assert.That(await InvokeAsync("schedule", "--once", "--config", fixture.ConfigPath), Is.EqualTo(ExitCodes.Ok), stderr.ToString());

        Assert.That(stdout.ToString(), Does.Contain("schedule: tiny due at"));
        Assert.That(PipelineFixture.Scalar<string>(fixture.LivePath, "select pipeline || ' ' || status from meta.run"), Is.EqualTo("tiny succeeded"));
        Assert.That(File.Exists(Path.Combine(fixture.Folder, "logs", "schedule-state.json")), Is.True);
    }

    private static Task<int> InvokeAsync(params string[] args) => RootCommandFactory.Create().Parse(args).InvokeAsync();
}
