using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Warehouse.Etl.Runs;

namespace Warehouse.Tests.Etl.Runs;

[TestFixture]
public sealed class RunLogTests
{
    private string folder = "";

    [SetUp]
    public void Create() => folder = Directory.CreateTempSubdirectory("warehouse-log-").FullName;

    [TearDown]
    public void Delete() => Directory.Delete(folder, recursive: true);

    [Test]
    public void Every_line_is_json_with_time_level_run_id_message_and_fields()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 3, 15, 0, TimeSpan.Zero));
        using var stderr = new StringWriter();
        string path;
        using (var log = new RunLog("20261128T031500Z-ab12", folder, clock, stderr))
        {
            log.Info("load labour_yearbook 2016 4-2: succeeded", new { rows_out = 640, table_id = "4-2" });
            log.Error("单位 cell unreadable");
            path = log.FilePath!;
        }

        var lines = File.ReadAllLines(path).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.That(Path.GetFileName(path), Is.EqualTo("20261128T031500Z-ab12.jsonl"));
        Assert.That(lines, Has.Count.EqualTo(2));
        Assert.That(lines[0].GetProperty("ts").GetString(), Is.EqualTo("2026-11-28T03:15:00.0000000+00:00"));
        Assert.That(lines[0].GetProperty("run_id").GetString(), Is.EqualTo("20261128T031500Z-ab12"));
        Assert.That(lines[0].GetProperty("rows_out").GetInt32(), Is.EqualTo(640));
        Assert.That(lines[1].GetProperty("level").GetString(), Is.EqualTo("error"));
        Assert.That(File.ReadAllText(path), Does.Contain("单位"), "Chinese stays readable in the file");
        Assert.That(stderr.ToString(), Does.Contain("[20261128T031500Z-ab12] info: load labour_yearbook"));
    }

    [Test]
    public void Under_progress_bars_only_warnings_and_errors_reach_stderr()
    {
        using var stderr = new StringWriter();
        using (var log = new RunLog("20261128T031500Z-ab12", folder, TimeProvider.System, stderr, infoOnStderr: false))
        {
            log.Info("quiet");
            log.Warn("loud");
        }

        Assert.That(stderr.ToString(), Does.Not.Contain("quiet").And.Contain("warn: loud"));
        Assert.That(File.ReadAllText(Path.Combine(folder, "20261128T031500Z-ab12.jsonl")), Does.Contain("quiet"));
    }

    [Test]
    public void Run_ids_sort_by_start_time()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 23, 59, 59, TimeSpan.Zero));
        string first = RunId.New(clock);
        clock.Advance(TimeSpan.FromSeconds(1));
        string second = RunId.New(clock);

        Assert.That(first, Does.Match($"^{RunId.Pattern}$").And.StartWith("20261128T235959Z-"));
        Assert.That(second, Does.StartWith("20261129T000000Z-"));
        Assert.That(string.CompareOrdinal(first, second), Is.Negative);
    }
}
