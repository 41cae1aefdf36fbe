using Microsoft.Extensions.Time.Testing;
using Warehouse.Etl.Config;
using Warehouse.Etl.Runs;
using Warehouse.Etl.Scheduling;

namespace Warehouse.Tests.Etl.Scheduling;

[TestFixture]
public sealed class SchedulerTests
{
    private readonly List<(string Pipeline, DateTimeOffset At)> runs = [];
    private FakeTimeProvider clock = null!;
    private ScheduleState state = null!;
    private StringWriter output = null!;

    [SetUp]
    public void Create()
    {
        runs.Clear();
        clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 18, 0, 0, TimeSpan.Zero));
        state = ScheduleState.InMemory();
        output = new StringWriter();
    }

    [TearDown]
    public void Dispose() => output.Dispose();

    [Test]
    public async Task A_pipeline_runs_when_its_cron_time_arrives_in_its_time_zone()
    {
        var scheduler = Scheduler(("nightly", "0 3 * * *", "Asia/Shanghai"));
        await scheduler.TickAsync(CancellationToken.None);
        Assert.That(runs, Is.Empty, "18:00Z is 02:00 in Shanghai: not yet");

        clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 19, 0, 30, TimeSpan.Zero)); // 03:00:30 +08:00
        var decisions = await scheduler.TickAsync(CancellationToken.None);

        Assert.That(runs, Has.Count.EqualTo(1));
        Assert.That(decisions[0].Ran, Is.EqualTo(new DateTimeOffset(2026, 11, 28, 3, 0, 0, TimeSpan.FromHours(8))));
        Assert.That(output.ToString(), Does.Contain("nightly due at 2026-11-28 03:00 +08:00, running"));

        await scheduler.TickAsync(CancellationToken.None);
        Assert.That(runs, Has.Count.EqualTo(1), "an occurrence runs once");
    }

    [Test]
    public async Task Nothing_due_says_what_was_checked_and_when_each_pipeline_next_runs_in_its_own_zone()
    {
        var scheduler = Scheduler(("nightly", "0 3 * * *", "Asia/Shanghai"), ("weekly", "30 4 * * 1", "Europe/Berlin"));
        await scheduler.TickAsync(CancellationToken.None); // 2026-11-27 18:00Z, a Friday
        Assert.That(runs, Is.Empty);
        Assert.That(output.ToString(), Does.Contain(
            "nightly (Asia/Shanghai) checked at 2026-11-28 02:00 +08:00: nothing due; next run 2026-11-28 03:00 +08:00"));
        Assert.That(output.ToString(), Does.Contain(
            "weekly (Europe/Berlin) checked at 2026-11-27 19:00 +01:00: nothing due; next run 2026-11-30 04:30 +01:00"));
    }

    [Test]
    public async Task Missed_runs_are_reported_and_not_back_filled()
    {
        state.MarkChecked("nightly", new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero));
        clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 19, 5, 0, TimeSpan.Zero));
        var scheduler = Scheduler(("nightly", "0 3 * * *", "Asia/Shanghai"));

        var decision = (await scheduler.TickAsync(CancellationToken.None)).Single();

        Assert.That(runs, Has.Count.EqualTo(1), "only the occurrence that is due now runs");
        Assert.That(decision.Missed.Select(m => m.UtcDateTime.Day), Is.EqualTo(new[] { 24, 25, 26 }));
        Assert.That(output.ToString(), Does.Contain(
            "nightly missed 3 runs: 2026-11-25 03:00 +08:00, 2026-11-26 03:00 +08:00, 2026-11-27 03:00 +08:00; not back-filled"));
    }

    [Test]
    public async Task A_first_look_reports_nothing_missed_and_runs_only_the_latest_due_occurrence()
    {
        clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 18, 30, 20, TimeSpan.Zero));
        var scheduler = Scheduler(("every_minute", "* * * * *", "UTC"));

        var decision = (await scheduler.TickAsync(CancellationToken.None)).Single();

        Assert.That(runs.Select(r => r.At), Is.EqualTo(new[] { clock.GetUtcNow() }));
        Assert.That(decision.Ran, Is.EqualTo(new DateTimeOffset(2026, 11, 27, 18, 30, 0, TimeSpan.Zero)));
        Assert.That(decision.Missed, Is.Empty);
    }

    [Test]
    public async Task Many_missed_runs_are_summarised_in_one_line()
    {
        state.MarkChecked("every_minute", new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 18, 0, 20, TimeSpan.Zero));
        var scheduler = Scheduler(("every_minute", "* * * * *", "UTC"));

        var decision = (await scheduler.TickAsync(CancellationToken.None)).Single();

        Assert.That(decision.Missed, Has.Count.EqualTo(359));
        Assert.That(output.ToString().Split('\n').Count(l => l.Contains("missed", StringComparison.Ordinal)), Is.EqualTo(1));
        Assert.That(output.ToString(), Does.Contain("every_minute missed 359 runs, from 2026-11-27 12:01 +00:00 to 2026-11-27 17:59 +00:00"));
    }

    [Test]
    public async Task An_occurrence_seen_too_late_is_missed_not_run()
    {
        state.MarkChecked("nightly", new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 21, 0, 0, TimeSpan.Zero)); // two hours after 03:00 +08:00
        var scheduler = Scheduler(("nightly", "0 3 * * *", "Asia/Shanghai"));

        var decision = (await scheduler.TickAsync(CancellationToken.None)).Single();

        Assert.That(runs, Is.Empty);
        Assert.That(decision.Missed, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Spring_forward_runs_a_skipped_local_time_once_right_after_the_gap()
    {
        // America/New_York, 8 March 2026: 02:00 EST jumps to 03:00 EDT, so 02:30 does not exist that day.
        clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 6, 12, 0, 0, TimeSpan.Zero));
        var scheduler = Scheduler(("nightly", "30 2 * * *", "America/New_York"));
        await WalkAsync(scheduler, new DateTimeOffset(2026, 3, 6, 12, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));

        var local = runs.Select(r => TimeZoneInfo.ConvertTime(r.At, Zone("America/New_York"))).ToList();
        Assert.That(local.Select(l => l.Day), Is.EqualTo(new[] { 7, 8, 9, 10 }), "one run per day, none lost, none doubled");
        Assert.That(local.Select(l => (l.Hour, l.Minute)), Is.EqualTo(new[] { (2, 30), (3, 0), (2, 30), (2, 30) }));
        Assert.That(runs.Select(r => r.At.UtcDateTime.Hour), Is.EqualTo(new[] { 7, 7, 6, 6 }), "UTC shifts by the hour DST moved");
    }

    [Test]
    public async Task Fall_back_runs_a_repeated_local_time_once()
    {
        // America/New_York, 1 November 2026: 02:00 EDT falls back to 01:00 EST, so 01:30 happens twice.
        clock = new FakeTimeProvider(new DateTimeOffset(2026, 10, 31, 12, 0, 0, TimeSpan.Zero));
        var scheduler = Scheduler(("nightly", "30 1 * * *", "America/New_York"));
        await WalkAsync(scheduler, new DateTimeOffset(2026, 10, 31, 12, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 2, 12, 0, 0, TimeSpan.Zero));

        var local = runs.Select(r => TimeZoneInfo.ConvertTime(r.At, Zone("America/New_York"))).ToList();
        Assert.That(local.Select(l => (l.Month, l.Day, l.Hour, l.Minute)), Is.EqualTo(new[] { (11, 1, 1, 30), (11, 2, 1, 30) }));
        Assert.That(output.ToString(), Does.Not.Contain("missed"));
    }

    [Test]
    public async Task Pipelines_due_together_run_one_at_a_time()
    {
        int running = 0, maxRunning = 0;
        var order = new List<string>();
        state.MarkChecked("nightly", new DateTimeOffset(2026, 9, 30, 19, 59, 0, TimeSpan.Zero));
        state.MarkChecked("yearly", new DateTimeOffset(2026, 9, 30, 19, 59, 0, TimeSpan.Zero));
        clock = new FakeTimeProvider(new DateTimeOffset(2026, 9, 30, 20, 0, 10, TimeSpan.Zero)); // 04:00 on 1 October in Shanghai
        var scheduler = new Scheduler(
            [Schedule("nightly", "0 4 * * *", "Asia/Shanghai"), Schedule("yearly", "0 4 1 10 *", "Asia/Shanghai")],
            state,
            clock,
            async (name, _) =>
            {
                maxRunning = Math.Max(maxRunning, ++running);
                await Task.Yield();
                order.Add(name);
                running--;
                return Outcome.Ok;
            },
            output);

        await scheduler.TickAsync(CancellationToken.None);

        Assert.That(order, Is.EqualTo(new[] { "nightly", "yearly" }));
        Assert.That(maxRunning, Is.EqualTo(1));
    }

    [Test]
    public async Task The_long_running_scheduler_waits_on_the_injected_clock_and_stops_on_cancellation()
    {
        var ran = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        var scheduler = new Scheduler([Schedule("nightly", "0 3 * * *", "Asia/Shanghai")], state, clock, (_, _) =>
        {
            ran.TrySetResult(clock.GetUtcNow());
            return Task.FromResult(Outcome.Ok);
        }, output);
        using var cts = new CancellationTokenSource();

        var loop = scheduler.RunAsync(cts.Token);
        Assert.That(ran.Task.IsCompleted, Is.False);
        clock.Advance(TimeSpan.FromMinutes(59));
        Assert.That(ran.Task.IsCompleted, Is.False, "02:59 in Shanghai");
        clock.Advance(TimeSpan.FromMinutes(1));

        var at = await ran.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(at, Is.EqualTo(new DateTimeOffset(2026, 11, 27, 19, 0, 0, TimeSpan.Zero)));

        await cts.CancelAsync();
        Assert.That(async () => await loop.WaitAsync(TimeSpan.FromSeconds(10)), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void The_state_survives_a_restart()
    {
        string folder = Directory.CreateTempSubdirectory("warehouse-schedule-").FullName;
        try
        {
            string path = Path.Combine(folder, "logs", "schedule-state.json");
            var instant = new DateTimeOffset(2026, 11, 27, 19, 0, 0, TimeSpan.Zero);
            new ScheduleState(path).MarkChecked("nightly", instant);

            Assert.That(new ScheduleState(path).CheckedUpTo("nightly"), Is.EqualTo(instant));
            Assert.That(new ScheduleState(path).CheckedUpTo("yearly"), Is.Null);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Looks at the clock every 10 minutes from <paramref name="from"/> to <paramref name="to"/>, as a timer would.</summary>
    private async Task WalkAsync(Scheduler scheduler, DateTimeOffset from, DateTimeOffset to)
    {
        clock.SetUtcNow(from);
        while (clock.GetUtcNow() <= to)
        {
            await scheduler.TickAsync(CancellationToken.None);
            clock.Advance(TimeSpan.FromMinutes(10));
        }
    }

    private Scheduler Scheduler(params (string Name, string Cron, string Zone)[] pipelines) =>
        new(pipelines.Select(p => Schedule(p.Name, p.Cron, p.Zone)).ToList(), state, clock, (name, _) =>
        {
            runs.Add((name, clock.GetUtcNow()));
            return Task.FromResult(Outcome.Ok);
        }, output);

    private static PipelineSchedule Schedule(string name, string cron, string zone) =>
        PipelineSchedule.From(name, new PipelineSettings { Schedule = cron, TimeZone = zone, Steps = [PipelineStep.Extract] });

    private static TimeZoneInfo Zone(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);
}
