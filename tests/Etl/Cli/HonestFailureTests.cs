using System.Diagnostics;
using Warehouse.Etl.Scheduling;
using Warehouse.Tests.Etl.Pipeline;
using Warehouse.Tests.Support;

namespace Warehouse.Tests.Etl.Cli;

/// <summary>
/// Failures look like failures (issue 11 item 7): the real <c>warehouse</c> binary in a child process, so what is
/// checked is exactly what a user sees — one clear line, the documented exit code, never a stack trace.
/// </summary>
[TestFixture]
public sealed class HonestFailureTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private PipelineFixture fixture = null!;

    [SetUp]
    public void SetUp() => fixture = new PipelineFixture();

    [TearDown]
    public void TearDown() => fixture.Dispose();

    private async Task<(int Exit, string Out, string Err)> Warehouse(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = fixture.Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "warehouse.dll"));
        foreach (string arg in args)
            info.ArgumentList.Add(arg);
        return await WarehouseChild.RunAsync(info, Patience);
    }

    private static void NoStackTrace(string stderr)
    {
        Assert.That(stderr, Does.Not.Contain("   at ").And.Not.Contain("Unhandled exception"), stderr);
    }

    [TestCase(new string[0], "Required command was not provided")]
    [TestCase(new[] { "nosuchverb" }, "nosuchverb")]
    [TestCase(new[] { "demo", "serve", "--port", "80000" }, "--port must be 0..65535")]
    [TestCase(new[] { "bench", "fe", "--rows", "-5" }, "--rows must be at least 1")]
    [TestCase(new[] { "query", "" }, "no SQL given")]
    public async Task Usage_errors_are_one_line_and_exit_2(string[] args, string message)
    {
        var (exit, _, stderr) = await Warehouse(args);
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(2));
            Assert.That(stderr, Does.Contain(message));
            Assert.That(stderr.TrimEnd().Split('\n'), Has.Length.EqualTo(1), stderr);
            NoStackTrace(stderr);
        });
    }

    [Test]
    public async Task A_malformed_yaml_flow_sequence_names_its_line()
    {
        File.WriteAllText(fixture.ConfigPath, PipelineFixture.Yaml.Replace("steps: [load]", "steps: [load", StringComparison.Ordinal));
        var (exit, _, stderr) = await Warehouse("validate", "--config", fixture.ConfigPath);
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(2));
            Assert.That(stderr, Does.Match(@"pipelines\.yml:\d+:\d+: the YAML does not parse"));
            NoStackTrace(stderr);
        });
    }

    [Test]
    public void A_corrupt_schedule_state_is_kept_aside_and_the_schedule_starts_afresh()
    {
        string path = Path.Combine(fixture.Folder, "logs", "schedule-state.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "{\"tiny\": \"2026-11-28T03:00:00+00:00\", \"trunc");
        var state = new ScheduleState(path);
        Assert.Multiple(() =>
        {
            Assert.That(state.Recovery, Does.Contain(path + ".corrupt-1"));
            Assert.That(File.ReadAllText(path + ".corrupt-1"), Does.Contain("trunc"), "the bad copy is kept");
            Assert.That(state.CheckedUpTo("tiny"), Is.Null);
        });
        state.MarkChecked("tiny", new DateTimeOffset(2026, 11, 30, 3, 0, 0, TimeSpan.Zero));
        Assert.That(new ScheduleState(path).CheckedUpTo("tiny"), Is.EqualTo(new DateTimeOffset(2026, 11, 30, 3, 0, 0, TimeSpan.Zero)));
    }

    [Test]
    public async Task Schedule_once_survives_a_corrupt_state_file()
    {
        string path = Path.Combine(fixture.Folder, "logs", "schedule-state.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "not json at all");
        var (exit, _, stderr) = await Warehouse("schedule", "--once", "--config", fixture.ConfigPath);
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(0).Or.EqualTo(1), stderr);
            Assert.That(stderr, Does.Contain("kept it as"));
            Assert.That(path + ".corrupt-1", Does.Exist);
            NoStackTrace(stderr);
        });
    }

    [Test]
    public async Task Schedule_once_with_an_unwritable_log_dir_says_which_folder()
    {
        string notAFolder = Path.Combine(fixture.Folder, "a-file");
        File.WriteAllText(notAFolder, "log_dir below points under this file");
        File.WriteAllText(fixture.ConfigPath, PipelineFixture.Yaml.Replace("log_dir: logs", $"log_dir: {notAFolder}/logs", StringComparison.Ordinal));
        var (exit, _, stderr) = await Warehouse("schedule", "--once", "--config", fixture.ConfigPath);
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(2), stderr);
            Assert.That(stderr, Does.Contain($"cannot write the schedule state {notAFolder}/logs/schedule-state.json"));
            Assert.That(stderr, Does.Contain("warehouse.log_dir").And.Not.Contain("unexpected error"));
            NoStackTrace(stderr);
        });
    }

    [Test]
    public async Task An_unwritable_warehouse_folder_is_said_so_not_blamed_on_another_build()
    {
        if (!Directory.Exists("/sys/kernel"))
            Assert.Ignore("needs /sys, a folder no user (root included) can create files in");
        File.WriteAllText(fixture.ConfigPath, PipelineFixture.Yaml.Replace("path: warehouse.duckdb", "path: /sys/warehouse-test/warehouse.duckdb", StringComparison.Ordinal));
        var (exit, _, stderr) = await Warehouse("run", "tiny", "--config", fixture.ConfigPath);
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(2));
            Assert.That(stderr, Does.Contain("cannot write in the warehouse folder /sys/warehouse-test"));
            Assert.That(stderr, Does.Not.Contain("another build"));
            NoStackTrace(stderr);
        });
    }

    [Test]
    public async Task An_empty_xlsx_is_reported_as_empty_not_as_a_bad_csv()
    {
        string file = Path.Combine(fixture.Folder, "4-2.xlsx");
        File.WriteAllBytes(file, []);
        var (exit, _, stderr) = await Warehouse("extract", "--input", file);
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(1));
            Assert.That(stderr, Does.Contain("the file is empty (0 bytes)").And.Contain("4-2.xlsx"));
            Assert.That(stderr, Does.Not.Contain("CSV").And.Not.Contain("TAB-comma"));
            NoStackTrace(stderr);
        });
    }

    [TestCase("4-2.xls")]
    [TestCase("分省年度数据.csv")]
    public async Task Random_bytes_are_refused_as_binary_not_read_as_a_table_of_mojibake(string name)
    {
        string file = Path.Combine(fixture.Folder, name);
        var bytes = new byte[5000];
        new Random(7).NextBytes(bytes);
        bytes[0] = 0x3F; // not a ZIP, OLE or HTML start, whatever the seed gives
        File.WriteAllBytes(file, bytes);

        var (exit, _, stderr) = await Warehouse("extract", "--input", file);

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(1));
            Assert.That(stderr.Trim(), Does.StartWith("warehouse extract: not a table file: binary data").And.Contain(name).And.Not.Contain('\n'));
            NoStackTrace(stderr);
        });
    }
}
