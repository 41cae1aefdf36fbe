using System.Diagnostics;
using System.Text;
using DuckDB.NET.Data;
using Warehouse.Etl.Config;
using Warehouse.Etl.Pipeline;
using Warehouse.Etl.Runs;
using Warehouse.Tests.Etl.Pipeline;

namespace Warehouse.Tests.Etl.Lifecycle;

/// <summary>
/// A live warehouse that is damaged (issue 11 item 8) or held read-write by an analyst (item 9) no longer blocks
/// builds. Real parts (directory source, NBS CSV reader, loader) and real DuckDB files; the holder is this test
/// process, and the build a child process, as in production.
/// </summary>
[TestFixture]
public sealed class DamagedLiveWarehouseTests
{
    private const string Yaml = """
        warehouse:
          path: warehouse.duckdb
          keep_previous: 2
          raw_archive: raw
          log_dir: logs
        sources:
          nbs:
            kind: directory
            location: inbox
            tables:
              - id: gdp
                match: "fsnd_gdp.csv"
                profile: nbs_provincial_indicator
        pipelines:
          tiny:
            schedule: "0 3 * * *"
            steps: [extract, load]
        analysis:
          sample:
            years: "2010..2023"
        """;

    private PipelineFixture fixture = null!;

    [SetUp]
    public void SetUp()
    {
        fixture = new PipelineFixture(Yaml);
        string inbox = Path.Combine(fixture.Folder, "inbox");
        Directory.CreateDirectory(inbox);
        string text = "数据库：分省年度数据 \n指标：地区生产总值(亿元)\n地区\t,2023年\t,2022年\t,\n北京市\t,43760.7\t,41610.9\t,\n天津市\t,16737.3\t,16311.3\t,\n数据来源：国家统计局";
        File.WriteAllBytes(Path.Combine(inbox, "fsnd_gdp.csv"), [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)]);
    }

    [TearDown]
    public void TearDown() => fixture.Dispose();

    private Task<RunResult> Build(bool fullRefresh = false) =>
        fixture.BuildAsync(new BuildRequest("tiny", [PipelineStep.Extract, PipelineStep.Load], FullRefresh: fullRefresh));

    private static void Truncate(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 3)]);
    }

    [Test]
    public async Task A_log_folder_that_cannot_be_written_refuses_the_build_in_one_line()
    {
        string logDir = fixture.Config.Warehouse.LogDir;
        if (Directory.Exists(logDir)) Directory.Delete(logDir, recursive: true);
        File.WriteAllText(logDir, "a file where the log folder should be");

        var result = await Build();

        Assert.That((result.Outcome, result.Status), Is.EqualTo((Outcome.Error, RunStatus.Refused)));
        Assert.That(result.Message, Does.StartWith($"cannot write the run log in {logDir}").And.Contain("did not start"));
        Assert.That(File.Exists(fixture.LivePath), Is.False, "nothing was built");
    }

    [Test]
    public async Task A_live_path_that_is_a_folder_refuses_the_build_before_it_starts()
    {
        Directory.CreateDirectory(fixture.LivePath);

        var result = await Build();

        Assert.That(result.Outcome, Is.EqualTo(Outcome.Error));
        Assert.That(result.Status, Is.EqualTo(RunStatus.Refused));
        Assert.That(result.Message, Does.Contain($"{fixture.LivePath} is a folder, not a file").And.Contain("did not start"));
        Assert.That(Directory.EnumerateFileSystemEntries(fixture.Folder).Select(Path.GetFileName),
            Has.None.Contains(".failed.").And.None.EndsWith(".build-lock"), "no build ran and no lock was taken");
        var dryRun = await fixture.BuildAsync(new BuildRequest("tiny", [PipelineStep.Extract, PipelineStep.Load], DryRun: true));
        Assert.That((dryRun.Outcome, dryRun.Message), Is.EqualTo((Outcome.Error, result.Message)), "a dry run says the same");
    }

    [Test]
    public async Task A_truncated_live_file_is_moved_aside_and_the_build_carries_over_from_previous()
    {
        Assert.That((await Build()).Outcome, Is.EqualTo(Outcome.Ok));
        Assert.That((await Build()).Outcome, Is.EqualTo(Outcome.Ok));
        Truncate(fixture.LivePath);

        var result = await Build();
        string stderr = fixture.Stderr.ToString();
        var aside = Directory.GetFiles(fixture.Folder, "warehouse.corrupt-*.duckdb");
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(Outcome.Ok), stderr);
            Assert.That(aside, Has.Length.EqualTo(1), "the damaged file is kept");
            Assert.That(stderr, Does.Contain("moved it aside to " + aside.Single()).And.Contain("carrying over from warehouse.previous-1.duckdb"));
            // run 1 came from previous-1 (a copy of build 1's live file), plus this run.
            Assert.That(PipelineFixture.Scalar<long>(fixture.LivePath, "select count(*) from meta.run"), Is.EqualTo(2));
            Assert.That(PipelineFixture.Scalar<long>(fixture.LivePath, "select count(*) from staging.observation"), Is.EqualTo(4));
            Assert.That(PipelineFixture.Scalar<long>(Path.Combine(fixture.Folder, "warehouse.previous-1.duckdb"), "select count(*) from meta.run"), Is.EqualTo(1),
                "the damaged file never enters the previous-N chain");
        });
    }

    [Test]
    public async Task A_garbage_live_file_under_full_refresh_with_nothing_previous_builds_from_scratch()
    {
        File.WriteAllBytes(fixture.LivePath, Encoding.ASCII.GetBytes(new string('x', 40_000)));
        var result = await Build(fullRefresh: true);
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(Outcome.Ok), fixture.Stderr.ToString());
            Assert.That(fixture.Stderr.ToString(), Does.Contain("starts from scratch"));
            Assert.That(PipelineFixture.Scalar<long>(fixture.LivePath, "select count(*) from staging.observation"), Is.EqualTo(4));
            Assert.That(Directory.GetFiles(fixture.Folder, "warehouse.corrupt-*.duckdb"), Has.Length.EqualTo(1));
        });
    }

    [Test]
    public async Task A_live_file_held_read_write_by_another_process_does_not_stop_the_build()
    {
        Assert.That((await Build()).Outcome, Is.EqualTo(Outcome.Ok));
        Assert.That((await Build()).Outcome, Is.EqualTo(Outcome.Ok));

        // The analyst: a read-write connection, the DuckDB CLI's default, in this process; the build is a child process.
        using var analyst = new DuckDBConnection($"Data Source={fixture.LivePath}");
        analyst.Open();
        var (exit, output) = await RunChildBuild();
        using (var check = analyst.CreateCommand())
        {
            check.CommandText = "select count(*) from meta.run";
            Assert.That(check.ExecuteScalar(), Is.EqualTo(2L), "the analyst keeps reading the file it opened");
        }

        analyst.Close();
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(0), output);
            Assert.That(output, Does.Contain("holds the live warehouse").And.Contain("PID " + Environment.ProcessId));
            Assert.That(output, Does.Contain("carrying over from warehouse.previous-1.duckdb"));
            Assert.That(output, Does.Not.Contain("   at "));
            Assert.That(PipelineFixture.Scalar<long>(fixture.LivePath, "select count(*) from meta.run"), Is.EqualTo(2), "swapped: previous-1's run 1 + this run");
        });
    }

    private async Task<(int Exit, string Output)> RunChildBuild()
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = fixture.Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { Path.Combine(AppContext.BaseDirectory, "warehouse.dll"), "run", "tiny", "--config", fixture.ConfigPath })
            info.ArgumentList.Add(arg);
        using var child = Process.Start(info)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var stdout = child.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = child.StandardError.ReadToEndAsync(timeout.Token);
        await child.WaitForExitAsync(timeout.Token);
        return (child.ExitCode, await stdout + await stderr);
    }
}
