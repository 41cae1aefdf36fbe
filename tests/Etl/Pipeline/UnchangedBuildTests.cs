using System.Text.Json;
using Warehouse.Etl.Config;
using Warehouse.Etl.Config.Profiles;
using Warehouse.Etl.Lifecycle;
using Warehouse.Etl.Pipeline;
using Warehouse.Etl.Runs;
using Warehouse.Etl.Transform;

namespace Warehouse.Tests.Etl.Pipeline;

/// <summary>
/// Issue 12: a rebuild whose inputs are the live warehouse's (the same files, pipelines.yml, profiles, sql, binary and
/// request) is skipped, says why, writes nothing but its run log and leaves the live file as it was; any change, a
/// failed or dead previous build, or <c>--full-refresh</c> builds. Real parts throughout: directory source, NBS-CSV
/// reader, loader, real DuckDB files.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class UnchangedBuildTests
{
    private static readonly PipelineStep[] ExtractLoad = [PipelineStep.Extract, PipelineStep.Load];

    private PipelineFixture fixture = null!;

    [SetUp]
    public void SetUp()
    {
        fixture = new PipelineFixture();
        fixture.WriteNbsExport("fsnd_gdp.csv", "指标：地区生产总值(亿元)", "北京市\t,43760.7\t,41610.9\t,", "天津市\t,16737.3\t,16311.3\t,");
        fixture.WriteNbsExport("fsnd_population.csv", "指标：年末常住人口(万人)", "北京市\t,2185.8\t,2184.3\t,", "天津市\t,1364.0\t,1363.0\t,");
    }

    [TearDown]
    public void TearDown() => fixture.Dispose();

    [Test]
    public async Task An_unchanged_rebuild_is_skipped_says_why_and_leaves_the_live_file_as_it_was()
    {
        var first = await BuildAsync();
        Assert.That(first.Status, Is.EqualTo(RunStatus.Succeeded), first.Message);
        byte[] liveBefore = await File.ReadAllBytesAsync(fixture.LivePath);
        var files = fixture.WarehouseFileNames();

        var (second, stdout) = await BuildWithOutputAsync();

        Assert.Multiple(() =>
        {
            Assert.That(second.Status, Is.EqualTo(RunStatus.Skipped));
            Assert.That(second.Outcome, Is.EqualTo(Outcome.Ok));
            Assert.That(second.Swapped, Is.False);
            Assert.That(second.Message, Does.Contain($"nothing changed since run {first.RunId}"));
            Assert.That(stdout, Does.Contain($"build {second.RunId} skipped: nothing changed since run {first.RunId}"));
            Assert.That(File.ReadAllBytes(fixture.LivePath), Is.EqualTo(liveBefore), "the live file is not written");
            Assert.That(fixture.WarehouseFileNames(), Is.EqualTo(files), "no build file, no previous-N rotation");
            Assert.That(PipelineFixture.Scalar<string>(fixture.LivePath, "select max(run_id) from meta.run"), Is.EqualTo(first.RunId));
        });
        var skipped = LogLines(second).Single(l => l.TryGetProperty("status", out var s) && s.GetString() == RunStatus.Skipped.Name());
        Assert.Multiple(() =>
        {
            Assert.That(skipped.GetProperty("run_id").GetString(), Is.EqualTo(second.RunId), "the skipped run is recorded in its run log");
            Assert.That(skipped.GetProperty("live_run").GetString(), Is.EqualTo(first.RunId));
            Assert.That(skipped.GetProperty("reason").GetString(), Does.Contain("the same input files, pipelines.yml, profiles, sql and binary"));
        });
    }

    [Test]
    public async Task A_changed_input_file_rebuilds_and_names_its_source()
    {
        var first = await BuildAsync();
        fixture.WriteNbsExport("fsnd_population.csv", "指标：年末常住人口(万人)", "北京市\t,2185.9\t,2184.3\t,", "天津市\t,1364.0\t,1363.0\t,");

        var second = await BuildAsync();

        Assert.Multiple(() =>
        {
            Assert.That(second.Status, Is.EqualTo(RunStatus.Succeeded), second.Message);
            Assert.That(second.Swapped, Is.True);
            Assert.That(Building(second), Does.Contain($"changed since run {first.RunId}: source nbs"));
            Assert.That(PipelineFixture.Scalar<double>(fixture.LivePath,
                "select value from staging.observation where table_id = 'population' and province_code = 11 and year = 2023"), Is.EqualTo(2185.9));
        });
    }

    [TestCase("added")]
    [TestCase("removed")]
    public async Task A_file_added_to_or_removed_from_a_directory_source_rebuilds(string change)
    {
        // The directory's listing is part of the inputs, not only the bytes of the files already seen.
        var first = await BuildAsync();
        if (change == "added")
            fixture.WriteNbsExport("fsnd_employment.csv", "指标：就业人员(万人)", "北京市\t,1100.0\t,1090.0\t,");
        else
            File.Delete(Path.Combine(fixture.Folder, "inbox", "fsnd_population.csv"));

        var second = await BuildAsync();

        Assert.That(second.Status, Is.Not.EqualTo(RunStatus.Skipped), second.Message);
        Assert.That(Building(second), Does.Contain($"changed since run {first.RunId}: source nbs"));
    }

    [Test]
    public async Task A_changed_pipelines_yml_rebuilds_and_says_so()
    {
        var first = await BuildAsync();
        await File.AppendAllTextAsync(fixture.ConfigPath, "\n# a comment is a change of the file: its sha256 is what is compared\n");

        var second = await BuildAsync();

        Assert.That(second.Status, Is.EqualTo(RunStatus.Succeeded), second.Message);
        Assert.That(Building(second), Does.Contain($"changed since run {first.RunId}: pipelines.yml"));
    }

    [Test]
    public async Task A_changed_profile_rebuilds_and_says_so()
    {
        string profiles = Path.Combine(fixture.Folder, "profiles");
        Directory.CreateDirectory(profiles);
        foreach (string file in Directory.EnumerateFiles(ProfileLoader.BundledFolder))
            File.Copy(file, Path.Combine(profiles, Path.GetFileName(file)));
        var first = await BuildAsync();
        Assert.That((await BuildAsync()).Status, Is.EqualTo(RunStatus.Skipped), "the copied profiles are the same inputs");
        string profile = Path.Combine(profiles, "nbs_provincial_indicator.yml");
        await File.AppendAllTextAsync(profile, "\n# edited\n");

        var third = await BuildAsync();

        Assert.That(third.Status, Is.EqualTo(RunStatus.Succeeded), third.Message);
        Assert.That(Building(third), Does.Contain($"changed since run {first.RunId}: profiles"));
    }

    [Test]
    public async Task A_changed_sql_file_is_a_change_of_the_inputs()
    {
        var first = await BuildAsync();
        string sql = Path.Combine(fixture.Folder, "sql");
        foreach (string file in Directory.EnumerateFiles(SqlFolder.Locate(), "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(sql, Path.GetRelativePath(SqlFolder.Locate(), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var config = ConfigLoader.Load(fixture.ConfigPath);
        var request = new BuildRequest("build", ExtractLoad);
        var sources = SelectFilter.Apply(config, []);
        var files = new WarehouseFiles(fixture.LivePath);
        var copy = BuildInputs.Compute(config, request, sources, new PipelineParts().CodeIdentity!, sql, out _)!;
        Assert.That(UnchangedBuild.Decide(files, copy, null, false, null).Skip, Is.True, "a byte-for-byte copy of sql/ is the same input");

        await File.AppendAllTextAsync(Path.Combine(sql, "marts", "fct_provincial.sql"), "\n-- edited\n");
        var edited = BuildInputs.Compute(config, request, sources, new PipelineParts().CodeIdentity!, sql, out _)!;
        var decision = UnchangedBuild.Decide(files, edited, null, false, null);

        Assert.Multiple(() =>
        {
            Assert.That(decision.Skip, Is.False);
            Assert.That(decision.Reason, Is.EqualTo($"changed since run {first.RunId}: sql"));
        });
    }

    [Test]
    public async Task Full_refresh_rebuilds_unchanged_inputs()
    {
        var first = await BuildAsync();

        var second = await BuildAsync(new BuildRequest("build", ExtractLoad, FullRefresh: true));

        Assert.Multiple(() =>
        {
            Assert.That(second.Status, Is.EqualTo(RunStatus.Succeeded), second.Message);
            Assert.That(second.Swapped, Is.True);
            Assert.That(Building(second), Does.StartWith("building: --full-refresh, although nothing changed since run " + first.RunId));
            Assert.That(PipelineFixture.Scalar<string>(fixture.LivePath, "select max(run_id) from meta.run"), Is.EqualTo(second.RunId));
        });
        Assert.That((await BuildAsync()).Status, Is.EqualTo(RunStatus.Skipped), "the full refresh recorded its inputs: the next build has nothing to do");
    }

    [Test]
    public void A_live_run_without_an_id_or_status_builds_and_says_why()
    {
        // A live file another tool wrote: its meta.run has a row with neither run id nor status.
        Directory.CreateDirectory(Path.GetDirectoryName(fixture.LivePath)!);
        using (var connection = Warehouse.Analysis.Data.WarehouseConnection.OpenForWriting(fixture.LivePath))
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "create schema meta; create table meta.run (run_id varchar, status varchar, started_at timestamp, " +
                                  "inputs_sha256 varchar, inputs varchar); insert into meta.run values (null, null, now(), null, null)";
            command.ExecuteNonQuery();
        }

        var config = ConfigLoader.Load(fixture.ConfigPath);
        var request = new BuildRequest("build", ExtractLoad);
        var inputs = BuildInputs.Compute(config, request, SelectFilter.Apply(config, []), new PipelineParts().CodeIdentity!, SqlFolder.Locate(), out _)!;

        var decision = UnchangedBuild.Decide(new WarehouseFiles(fixture.LivePath), inputs, null, false, null);

        Assert.Multiple(() =>
        {
            Assert.That(decision.Skip, Is.False);
            Assert.That(decision.Reason, Is.EqualTo("the live warehouse's last run has no run id or no status"));
        });
    }

    [Test]
    public async Task A_failed_live_run_is_never_unchanged()
    {
        fixture.WriteNbsExport("fsnd_population.csv", "指标：年末常住人口(万人)", "北京市\t,2185.8\t,2184.3\t,", "天津市\t,13x6\t,1363.0\t,");
        var first = await BuildAsync();
        Assert.That(first.Status, Is.EqualTo(RunStatus.Failed), "a malformed table fails its run, which still goes live");

        var second = await BuildAsync();

        Assert.Multiple(() =>
        {
            Assert.That(second.Status, Is.EqualTo(RunStatus.Failed), "built again, failing again on the same table");
            Assert.That(Building(second), Is.EqualTo($"building: the live warehouse's last run {first.RunId} failed"));
        });
    }

    [Test]
    public async Task A_build_that_failed_after_the_live_run_is_never_unchanged()
    {
        var live = await BuildAsync();
        fixture.Parts.TransformThrows = new InvalidOperationException("boom");
        var failed = await fixture.BuildAsync(new BuildRequest("build", [PipelineStep.Extract, PipelineStep.Load, PipelineStep.Transform]));
        Assert.That(failed.Swapped, Is.False, "a failed transform keeps its file as warehouse.failed.duckdb");

        var next = await BuildAsync();

        Assert.Multiple(() =>
        {
            Assert.That(next.Status, Is.EqualTo(RunStatus.Succeeded), next.Message);
            Assert.That(Building(next), Is.EqualTo($"building: the last build {failed.RunId} failed (kept as warehouse.failed.duckdb)"));
            Assert.That(live.RunId, Is.LessThan(failed.RunId));
        });
    }

    [Test]
    public async Task A_build_that_died_is_never_unchanged()
    {
        await BuildAsync();
        File.WriteAllBytes(Path.Combine(fixture.Folder, "warehouse.20261128T030500Z-dead.duckdb"), [1, 2, 3]);

        var next = await BuildAsync();

        Assert.Multiple(() =>
        {
            Assert.That(next.Status, Is.EqualTo(RunStatus.Succeeded), next.Message);
            Assert.That(Building(next), Is.EqualTo("building: the previous build died before it finished"));
        });
    }

    [Test]
    public async Task A_skipped_build_with_a_report_step_prints_the_live_runs_regression_tables()
    {
        PipelineStep[] withReport = [PipelineStep.Extract, PipelineStep.Load, PipelineStep.Transform, PipelineStep.Report];
        var first = await BuildAsync(new BuildRequest("build", withReport));
        string tables = Path.Combine(ConfigLoader.Load(fixture.ConfigPath).Analysis.ReportDir, "tables.txt");
        Assert.That(File.Exists(tables), Is.True, first.Message);

        var (second, stdout) = await BuildWithOutputAsync(new BuildRequest("build", withReport));

        Assert.Multiple(() =>
        {
            Assert.That(second.Status, Is.EqualTo(RunStatus.Skipped), second.Message);
            Assert.That(stdout, Does.Contain($"regression tables of run {first.RunId} (unchanged; {tables}):"));
            Assert.That(stdout, Does.Contain(File.ReadAllText(tables)));
        });
    }

    [Test]
    public async Task A_dry_run_says_whether_the_build_would_be_skipped_and_writes_nothing()
    {
        var first = await BuildAsync();
        var files = fixture.WarehouseFileNames();

        var (unchanged, unchangedOut) = await BuildWithOutputAsync(new BuildRequest("build", ExtractLoad, DryRun: true));
        var (forced, forcedOut) = await BuildWithOutputAsync(new BuildRequest("build", ExtractLoad, FullRefresh: true, DryRun: true));
        fixture.WriteNbsExport("fsnd_gdp.csv", "指标：地区生产总值(亿元)", "北京市\t,43760.8\t,41610.9\t,", "天津市\t,16737.3\t,16311.3\t,");
        var (_, changedOut) = await BuildWithOutputAsync(new BuildRequest("build", ExtractLoad, DryRun: true));

        Assert.Multiple(() =>
        {
            Assert.That(unchanged.Swapped || forced.Swapped, Is.False);
            Assert.That(unchangedOut, Does.Contain($"would skip: nothing changed since run {first.RunId}"));
            Assert.That(forcedOut, Does.Contain("would build: --full-refresh"));
            Assert.That(changedOut, Does.Contain($"would build: changed since run {first.RunId}: source nbs"));
            Assert.That(fixture.WarehouseFileNames(), Is.EqualTo(files));
        });
    }

    private async Task<RunResult> BuildAsync(BuildRequest? request = null) => (await BuildWithOutputAsync(request)).Result;

    private async Task<(RunResult Result, string Stdout)> BuildWithOutputAsync(BuildRequest? request = null)
    {
        fixture.Clock.Advance(TimeSpan.FromMinutes(1)); // distinct, ordered run ids
        var stdout = new StringWriter();
        var runner = new PipelineRunner(ConfigLoader.Load(fixture.ConfigPath), new PipelineParts(), fixture.Clock,
            new StepConsole(stdout, interactive: false), stdout, new StringWriter());
        var result = await runner.RunAsync(request ?? new BuildRequest("build", ExtractLoad), CancellationToken.None);
        return (result, stdout.ToString());
    }

    private static List<JsonElement> LogLines(RunResult result) =>
        File.ReadAllLines(result.LogFile!).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    /// <summary>The run log's line that says why the build ran.</summary>
    private static string Building(RunResult result) =>
        LogLines(result).Select(l => l.GetProperty("msg").GetString()!).Single(m => m.StartsWith("building: ", StringComparison.Ordinal));

}
