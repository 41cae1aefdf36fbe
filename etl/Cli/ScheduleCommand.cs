using System.CommandLine;
using Warehouse.Etl.Config;
using Warehouse.Etl.Pipeline;
using Warehouse.Etl.Runs;
using Warehouse.Etl.Scheduling;

namespace Warehouse.Etl.Cli;

/// <summary>The <c>schedule</c> verb: run the configured pipelines at their cron times, one at a time.</summary>
public static class ScheduleCommand
{
    private static readonly Option<bool> Once = new("--once")
    {
        Description = "Run what is due now, report what was missed, and exit (for cron or a systemd timer)",
    };

    public static Command Create()
    {
        var command = new Command("schedule", "Run the configured pipelines at their cron times (in their time zones), one run at a time. Missed runs are reported, never back-filled. SIGTERM cancels the current run cleanly.\n\nExample:\n  warehouse schedule            # stays up\n  warehouse schedule --once     # from a systemd timer or crontab").WithCommonOptions(CommonOptions.Config, CommonOptions.Db);
        command.Options.Add(Once);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var verb = VerbOutput.Of(parseResult);
            PipelinesFile config;
            try
            {
                config = ConfigLoader.Load(parseResult.GetValue(CommonOptions.Config)!);
            }
            catch (ConfigException ex)
            {
                verb.Error(ex.Message);
                return ExitCodes.Usage;
            }

            string? livePath = parseResult.GetValue(CommonOptions.Db) is { } db ? Path.GetFullPath(db) : null;
            var schedules = config.Pipelines.Select(kv => PipelineSchedule.From(kv.Key, kv.Value)).ToList();
            var state = new ScheduleState(Path.Combine(config.Warehouse.LogDir, "schedule-state.json"));
            if (state.Recovery is not null)
                verb.Warning(state.Recovery);
            var runner = new PipelineRunner(config, new PipelineParts(), TimeProvider.System, StepConsole.ForProcess(), verb.Output, verb.Errors);
            var scheduler = new Scheduler(schedules, state, TimeProvider.System, async (name, ct) =>
            {
                var pipeline = config.Pipelines[name];
                var result = await runner.RunAsync(new BuildRequest(name, pipeline.Steps, FullRefresh: pipeline.FullRefresh, LivePath: livePath), ct);
                return result.Outcome;
            }, verb.Output);

            using var shutdown = ShutdownSignals.Link(cancellationToken);
            try
            {
                if (parseResult.GetValue(Once))
                {
                    var decisions = await scheduler.TickAsync(shutdown.Token);
                    return decisions.Any(d => d.Outcome != Outcome.Ok) ? ExitCodes.Failed : ExitCodes.Ok;
                }

                await scheduler.RunAsync(shutdown.Token);
                return ExitCodes.Ok;
            }
            catch (OperationCanceledException)
            {
                verb.Note("stopped");
                return ExitCodes.Ok;
            }
            catch (ScheduleStateException ex)
            {
                verb.Error(ex.Message);
                return ExitCodes.Usage;
            }
        });
        return command;
    }
}
