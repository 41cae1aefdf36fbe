using Warehouse.Etl.Runs;

namespace Warehouse.Etl.Scheduling;

/// <summary>What one look at the clock decided for one pipeline.</summary>
/// <param name="Pipeline">Pipeline name.</param>
/// <param name="Ran">The occurrence that was run, if any.</param>
/// <param name="Missed">Occurrences that passed unrun (machine off, a long run before): reported, never back-filled.</param>
/// <param name="Outcome">How the run ended, or <see cref="Outcome.Ok"/> when nothing ran.</param>
public sealed record ScheduleDecision(string Pipeline, DateTimeOffset? Ran, IReadOnlyList<DateTimeOffset> Missed, Outcome Outcome);

/// <summary>Runs pipelines at their cron times, one run at a time. All time comes from the injected
/// <see cref="TimeProvider"/>, so tests drive it with a fake clock and never sleep.</summary>
/// <remarks>An occurrence is run if the scheduler sees it no later than <see cref="LateTolerance"/> after it is due
/// (a slow previous run, a timer firing a little late); older unrun occurrences are reported as missed and left to
/// <c>warehouse backfill</c> / <c>warehouse run</c>. If several are pending, only the latest runs.</remarks>
public sealed class Scheduler(
    IReadOnlyList<PipelineSchedule> schedules,
    ScheduleState state,
    TimeProvider timeProvider,
    Func<string, CancellationToken, Task<Outcome>> runPipeline,
    TextWriter output)
{
    /// <summary>How late an occurrence may still be run.</summary>
    /// <value>The default value is 1 hour.</value>
    public TimeSpan LateTolerance { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Looks at the clock once: runs what is due (sequentially), reports what was missed.</summary>
    public async Task<IReadOnlyList<ScheduleDecision>> TickAsync(CancellationToken cancellationToken)
    {
        var decisions = new List<ScheduleDecision>();
        foreach (var schedule in schedules)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var now = timeProvider.GetUtcNow();
            var checkedUpTo = state.CheckedUpTo(schedule.Name);
            var pending = schedule.Between(checkedUpTo ?? now - LateTolerance, now);
            if (checkedUpTo is null && pending.Count > 1)
            {
                // Never looked at before: nothing can have been missed, only the latest occurrence may be due.
                pending = [pending[^1]];
            }

            var runnable = pending.Count > 0 && now - pending[^1] <= LateTolerance ? pending[^1] : (DateTimeOffset?)null;
            var missed = pending.Where(o => o != runnable).ToList();
            await ReportMissedAsync(schedule, missed);

            var outcome = Outcome.Ok;
            if (runnable is { } due)
            {
                await output.WriteLineAsync($"schedule: {schedule.Name} due at {schedule.Local(due)}, running");
                outcome = await runPipeline(schedule.Name, cancellationToken);
                await output.WriteLineAsync($"schedule: {schedule.Name} finished: {outcome.ToString().ToLowerInvariant()}");
            }

            // Checked up to the decision time, not the end of the run: occurrences that pass during a long run
            // are seen next tick (run if still within tolerance, else reported missed).
            state.MarkChecked(schedule.Name, now);
            decisions.Add(new ScheduleDecision(schedule.Name, runnable, missed, outcome));
        }

        return decisions;
    }

    private async Task ReportMissedAsync(PipelineSchedule schedule, IReadOnlyList<DateTimeOffset> missed)
    {
        if (missed.Count == 0)
        {
            return;
        }

        string which = missed.Count switch
        {
            1 => $"its run of {schedule.Local(missed[0])}",
            <= 5 => $"{missed.Count} runs: {string.Join(", ", missed.Select(schedule.Local))}",
            _ => $"{missed.Count} runs, from {schedule.Local(missed[0])} to {schedule.Local(missed[^1])}",
        };
        await output.WriteLineAsync($"schedule: {schedule.Name} missed {which}; not back-filled (use 'warehouse run {schedule.Name}' or 'warehouse backfill')");
    }

    /// <summary>Ticks, then waits for the next occurrence of any pipeline, until cancelled (SIGTERM, Ctrl-C).
    /// A run in progress receives the cancellation and aborts cleanly.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await TickAsync(cancellationToken);
            var now = timeProvider.GetUtcNow();
            // From where each schedule was checked, not from now: an occurrence that passed during a long run
            // is looked at straight away (and run if still within tolerance).
            var next = schedules.Select(s => s.NextAfter(state.CheckedUpTo(s.Name) ?? now)).OfType<DateTimeOffset>()
                .DefaultIfEmpty(now + TimeSpan.FromDays(1)).Min();
            if (next > now)
            {
                await output.WriteLineAsync($"schedule: next run at {next.UtcDateTime:yyyy-MM-dd HH:mm}Z");
                await Task.Delay(next - now, timeProvider, cancellationToken);
            }
        }
    }
}
