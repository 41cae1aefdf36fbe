using System.Security.Cryptography;
using System.Text.Json;
using Warehouse.Etl.Config;
using Warehouse.Etl.Pipeline;
using Warehouse.Etl.Runs;
using Warehouse.Etl.Transform;

namespace Warehouse.Tests.Etl.Pipeline;

[TestFixture]
public sealed class PipelineRunnerTests
{
    private PipelineFixture fixture = null!;

    [SetUp]
    public void Create() => fixture = new PipelineFixture();

    [TearDown]
    public void Dispose() => fixture.Dispose();

    [Test]
    public async Task A_build_goes_live_with_a_succeeded_run_and_its_steps()
    {
        fixture.Parts.RowsPerTable["gdp"] = 3;
        fixture.Parts.RowsPerTable["population"] = 5;

        var result = await fixture.BuildAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(Outcome.Ok), fixture.Stderr.ToString());
            Assert.That(result.Swapped, Is.True);
            Assert.That(fixture.WarehouseFileNames(), Is.EqualTo(new[] { "warehouse.duckdb", "warehouse.duckdb.build-lock" }));
            Assert.That(PipelineFixture.Scalar<string>(fixture.LivePath, $"select status from meta.run where run_id = '{result.RunId}'"), Is.EqualTo("succeeded"));
            Assert.That(PipelineFixture.Scalar<long>(fixture.LivePath, "select count(*) from staging.observation"), Is.EqualTo(8));
            Assert.That(PipelineFixture.Scalar<long>(fixture.LivePath, "select count(*) from meta.run_step where step = 'load' and status = 'succeeded'"), Is.EqualTo(2));
            Assert.That(PipelineFixture.Scalar<long>(fixture.LivePath, "select sum(rows_out)::bigint from meta.run_step where step = 'extract'"), Is.EqualTo(8));
            Assert.That(fixture.Parts.Calls, Is.EqualTo(new[] { "extract nbs", "load gdp", "load population", "transform", "test", "report" }));
        });
    }

    [Test]
    public async Task The_report_reads_the_new_file_with_this_run_already_marked()
    {
        var result = await fixture.BuildAsync();

        Assert.That(fixture.Parts.RunsSeenByReport, Is.EqualTo(new[] { $"{result.RunId} succeeded" }));
    }

    [Test]
    public async Task A_failing_report_fails_the_run_but_the_tested_data_still_go_live()
    {
        fixture.Parts.ReportOutcome = Outcome.Failed;

        var result = await fixture.BuildAsync();

        Assert.That(result.Outcome, Is.EqualTo(Outcome.Failed));
        Assert.That(result.Swapped, Is.True);
        Assert.That(PipelineFixture.Scalar<string>(fixture.LivePath, "select status from meta.run"), Is.EqualTo("failed"));
        Assert.That(PipelineFixture.Scalar<string>(fixture.LivePath, "select error from meta.run_step where step = 'report'"), Does.Contain("a report spec failed"));
    }

    [Test]
    public async Task The_run_log_is_json_lines_with_the_run_id_on_every_line()
    {
        var result = await fixture.BuildAsync();

        var lines = File.ReadAllLines(result.LogFile!);
        Assert.That(lines, Has.Length.GreaterThan(3));
        foreach (string line in lines)
        {
            using var json = JsonDocument.Parse(line);
            Assert.That(json.RootElement.GetProperty("run_id").GetString(), Is.EqualTo(result.RunId));
        }

        Assert.That(result.RunId, Does.Match($"^{RunId.Pattern}$"));
        Assert.That(result.RunId, Does.StartWith("20261128T0301"), "the run id comes from the injected clock");
    }

    [Test]
    public async Task A_failed_table_is_a_failed_step_the_others_still_load_and_the_run_says_what_failed()
    {
        fixture.Parts.FailingTables.Add("population");

        var result = await fixture.BuildAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(Outcome.Failed));
            Assert.That(result.Status, Is.EqualTo(RunStatus.Failed));
            Assert.That(result.Message, Does.Contain("extract nbs 2020 population: inbox/population.csv: row 3, col 2"));
            Assert.That(PipelineFixture.Scalar<long>(fixture.LivePath, "select count(*) from staging.observation where table_id = 'gdp'"), Is.EqualTo(4));
            Assert.That(PipelineFixture.Scalar<string>(fixture.LivePath, "select error from meta.run_step where status = 'failed'"), Does.Contain("'12,3x' is not a number"));
            Assert.That(PipelineFixture.Scalar<string>(fixture.LivePath, "select status from meta.run"), Is.EqualTo("failed"));
        });
    }

    [Test]
    public async Task Staging_carries_over_from_the_live_warehouse_unless_full_refresh()
    {
        await fixture.BuildAsync();
        fixture.Parts.RowsPerTable["gdp"] = 7;

        var partial = await fixture.BuildAsync(new BuildRequest("build", PipelineSteps.All, Select: ["nbs.gdp"]));

        Assert.That(partial.Outcome, Is.EqualTo(Outcome.Ok));
        Assert.That(PipelineFixture.Scalar<long>(fixture.LivePath, "select count(*) from staging.observation where table_id = 'population'"), Is.EqualTo(4), "the table not re-read is kept");
        Assert.That(PipelineFixture.Scalar<long>(fixture.LivePath, "select count(*) from staging.observation where table_id = 'gdp'"), Is.EqualTo(7), "the re-read table is replaced, not doubled");
        Assert.That(PipelineFixture.Scalar<long>(fixture.LivePath, "select count(*) from meta.run"), Is.EqualTo(2), "run history carries over");

        await fixture.BuildAsync(new BuildRequest("build", PipelineSteps.All, Select: ["nbs.gdp"], FullRefresh: true));

        Assert.That(PipelineFixture.Scalar<long>(fixture.LivePath, "select count(*) from staging.observation"), Is.EqualTo(7));
    }

    [Test]
    public async Task Data_test_errors_keep_the_build_off_the_live_path()
    {
        await fixture.BuildAsync();
        string before = Hash(fixture.LivePath);
        fixture.Parts.TestSummary = new DataTestSummary(5, 0, 1, ["not_null_panel_co: 3 rows"]);

        var result = await fixture.BuildAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(Outcome.Failed));
            Assert.That(result.Swapped, Is.False);
            Assert.That(Hash(fixture.LivePath), Is.EqualTo(before), "the live file is byte-for-byte untouched");
            Assert.That(fixture.Parts.Calls.Count(c => c == "report"), Is.EqualTo(1), "no report on the failed build");
            string failed = Path.Combine(fixture.Folder, "warehouse.failed.duckdb");
            Assert.That(PipelineFixture.Scalar<string>(failed, $"select status from meta.run where run_id = '{result.RunId}'"), Is.EqualTo("failed"));
            Assert.That(PipelineFixture.Scalar<string>(failed, $"select error from meta.run_step where step = 'test' and run_id = '{result.RunId}'"), Does.Contain("not_null_panel_co"));
            Assert.That(fixture.WarehouseFileNames(), Has.None.Match(RunId.Pattern));
        });
    }

    [Test]
    public async Task Data_tests_with_errors_keep_a_rebuild_off_the_live_path_and_name_only_the_failures()
    {
        await fixture.BuildAsync();
        fixture.Parts.TestSummary = new DataTestSummary(5, 2, 1, ["WARN yoy_jump: 2 rows", "FAIL unique_fct_employment: 3 rows"]);

        var result = await fixture.BuildAsync();

        Assert.That(result.Outcome, Is.EqualTo(Outcome.Failed));
        Assert.That(result.Swapped, Is.False);
        Assert.That(result.Message, Does.Contain("FAIL unique_fct_employment").And.Not.Contain("WARN"));
    }

    [Test]
    public async Task A_transform_error_keeps_the_build_off_the_live_path()
    {
        await fixture.BuildAsync();
        string before = Hash(fixture.LivePath);
        fixture.Parts.TransformThrows = new InvalidOperationException("Binder Error: column \"lq\" not found");

        var result = await fixture.BuildAsync();

        Assert.That(result.Outcome, Is.EqualTo(Outcome.Failed));
        Assert.That(result.Message, Does.Contain("column \"lq\" not found"));
        Assert.That(Hash(fixture.LivePath), Is.EqualTo(before));
        Assert.That(fixture.Parts.Calls.Count(c => c == "test"), Is.EqualTo(1), "the tests of the failed build did not run");
    }

    [Test]
    public async Task Cancelling_before_the_swap_deletes_the_build_file_and_leaves_the_live_file()
    {
        await fixture.BuildAsync();
        string before = Hash(fixture.LivePath);
        using var cts = new CancellationTokenSource();

        var result = await fixture.BuildAsync(cancellationToken: cts.Token, beforeSwap: async ct =>
        {
            await cts.CancelAsync();
            ct.ThrowIfCancellationRequested();
        });

        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(RunStatus.Cancelled));
            Assert.That(result.Outcome, Is.EqualTo(Outcome.Failed));
            Assert.That(Hash(fixture.LivePath), Is.EqualTo(before));
            Assert.That(fixture.WarehouseFileNames(), Is.EqualTo(new[] { "warehouse.duckdb", "warehouse.duckdb.build-lock" }));
        });
    }

    [Test]
    public async Task Cancelling_during_extraction_stops_the_run()
    {
        using var cts = new CancellationTokenSource();
        fixture.Parts.DuringExtract = async ct =>
        {
            await cts.CancelAsync();
            ct.ThrowIfCancellationRequested();
        };

        var result = await fixture.BuildAsync(cancellationToken: cts.Token);

        Assert.That(result.Status, Is.EqualTo(RunStatus.Cancelled));
        Assert.That(File.Exists(fixture.LivePath), Is.False, "nothing went live");
        Assert.That(fixture.Parts.Calls, Does.Not.Contain("transform"));
    }

    [Test]
    public async Task The_live_file_stays_readable_while_a_build_runs()
    {
        await fixture.BuildAsync();
        long countDuringBuild = -1;

        var result = await fixture.BuildAsync(beforeSwap: _ =>
        {
            countDuringBuild = PipelineFixture.Scalar<long>(fixture.LivePath, "select count(*) from meta.run");
            return Task.CompletedTask;
        });

        Assert.That(result.Outcome, Is.EqualTo(Outcome.Ok));
        Assert.That(countDuringBuild, Is.EqualTo(1), "the reader saw the old live file, opened read-only, mid-build");
        Assert.That(PipelineFixture.Scalar<long>(fixture.LivePath, "select count(*) from meta.run"), Is.EqualTo(2));
    }

    [Test]
    public async Task A_dry_run_prints_the_work_list_and_writes_nothing()
    {
        var result = await fixture.BuildAsync(new BuildRequest("build", PipelineSteps.All, DryRun: true));

        Assert.That(result.Outcome, Is.EqualTo(Outcome.Ok));
        Assert.That(fixture.Stdout.ToString(), Does.Contain("table population: files matching fsnd_population.csv"));
        Assert.That(fixture.Stdout.ToString(), Does.Contain("010_meta.sql").And.Contain("main.panel"));
        Assert.That(Directory.EnumerateFileSystemEntries(fixture.Folder).Select(Path.GetFileName), Is.EqualTo(new[] { "pipelines.yml" }));
        Assert.That(fixture.Parts.Calls, Is.Empty);
    }

    [Test]
    public void An_unknown_select_is_a_config_error()
    {
        Assert.That(async () => await fixture.BuildAsync(new BuildRequest("build", PipelineSteps.All, Select: ["nbs.gpd"])),
            Throws.TypeOf<ConfigException>().With.Message.Contains("source 'nbs' has no table 'gpd'"));
    }

    [Test]
    public async Task Only_the_steps_of_the_pipeline_run()
    {
        var result = await fixture.BuildAsync(new BuildRequest("tiny", [PipelineStep.Extract, PipelineStep.Load]));

        Assert.That(result.Outcome, Is.EqualTo(Outcome.Ok));
        Assert.That(fixture.Parts.Calls, Is.EqualTo(new[] { "extract nbs", "load gdp", "load population" }));
        Assert.That(PipelineFixture.Scalar<string>(fixture.LivePath, "select pipeline from meta.run"), Is.EqualTo("tiny"));
    }

    internal static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
