using Warehouse.Etl.Cli;
using Warehouse.Etl.Config;
using Warehouse.Etl.Pipeline;
using Warehouse.Etl.Runs;

namespace Warehouse.Tests.Etl.Pipeline;

/// <summary>What a build tells a person (issue 13 item 5): a layout change is reported by the build that first sees
/// it, not by every later build; <c>--dry-run</c> shows the file each table resolves to and the SQL it would run.</summary>
[TestFixture]
[NonParallelizable]
public sealed class BuildMessagesTests
{
    private PipelineFixture fixture = null!;
    private string mirror = null!;

    [OneTimeSetUp]
    public void GenerateMirror()
    {
        mirror = TestPaths.TempFolder();
        Warehouse.Demo.DemoCorpus.Generate(mirror);
    }

    [OneTimeTearDown]
    public void RemoveMirror() => Directory.Delete(mirror, recursive: true);

    private string PathOf(string relative) => Path.Combine(mirror, relative);

    [SetUp]
    public void Create() => fixture = new PipelineFixture($$"""
        warehouse:
          path: warehouse.duckdb
          raw_archive: raw
          log_dir: logs
        sources:
          labour_yearbook:
            kind: directory
            location: {{PathOf("labour")}}
            editions: "2012..2013"
            tables:
              - id: "4-2"
                match: "urban_employment_by_sector.*"
                profile: urban_employment_by_sector
        pipelines:
          nightly:
            schedule: "0 3 * * *"
            steps: [extract, load]
        analysis:
          sample:
            years: "2010..2023"
        """);

    [TearDown]
    public void Dispose() => fixture.Dispose();

    private PipelineRunner Runner(StringWriter stdout, StringWriter stderr) =>
        new(fixture.Config, new PipelineParts(), fixture.Clock, new StepConsole(stdout, interactive: false), stdout, stderr);

    [Test]
    public async Task A_layout_change_is_reported_once_not_at_every_build()
    {
        const string drift = "layout of labour_yearbook table 4-2 changed between editions 2012 and 2013";
        var first = new StringWriter();
        var result = await Runner(new StringWriter(), first).RunAsync(new BuildRequest("nightly", ["extract", "load"]), CancellationToken.None);
        Assert.That(result.Outcome, Is.EqualTo(Outcome.Ok), first.ToString());
        fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        var second = new StringWriter();
        // Forced: with the same inputs the next build would be skipped (UnchangedBuildTests) and say nothing at all.
        result = await Runner(new StringWriter(), second).RunAsync(new BuildRequest("nightly", ["extract", "load"], FullRefresh: true), CancellationToken.None);
        Assert.That(result.Outcome, Is.EqualTo(Outcome.Ok), second.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(first.ToString(), Does.Contain(drift), "the first build that sees the new layout says so");
            Assert.That(first.ToString().Split('\n').Single(l => l.Contains(drift, StringComparison.Ordinal)).Length, Is.LessThan(600), "kept short");
            Assert.That(second.ToString(), Does.Not.Contain(drift), "the next build already knows this layout");
        });
    }

    [Test]
    public async Task Dry_run_shows_the_file_each_table_resolves_to_and_the_sql()
    {
        var stdout = new StringWriter();
        var result = await Runner(stdout, new StringWriter()).RunAsync(new BuildRequest("build", PipelineSteps.All, DryRun: true), CancellationToken.None);
        Assert.That(result.Outcome, Is.EqualTo(Outcome.Ok));
        var text = stdout.ToString();
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("2013  " + PathOf("labour/2013/urban_employment_by_sector.htm")));
            Assert.That(text, Does.Contain("2012  " + PathOf("labour/2012/urban_employment_by_sector.htm")));
            Assert.That(text, Does.Contain("create or replace").IgnoreCase, "the transform's SQL itself");
            Assert.That(File.Exists(fixture.LivePath), Is.False, "nothing written");
        });
    }
}
