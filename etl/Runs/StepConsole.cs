using Spectre.Console;
using Warehouse.Etl.Config;

namespace Warehouse.Etl.Runs;

/// <summary>What a run shows on stdout. On an interactive terminal: Spectre.Console progress bars per step
/// (with failed steps printed above them); otherwise (cron, CI, redirected output) one plain line per step,
/// so logs stay greppable. Logs never go here: they go to stderr and the run log.</summary>
public sealed class StepConsole(TextWriter stdout, bool interactive)
{
    private readonly Dictionary<PipelineStep, ProgressTask> tasks = [];
    private ProgressContext? progress;

    public bool Interactive => interactive;

    /// <summary>Interactive when stdout is a terminal that Spectre.Console can drive.</summary>
    public static StepConsole ForProcess() =>
        new(Console.Out, !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive);

    /// <summary>Runs <paramref name="body"/> under progress bars, one per step with its expected number of
    /// units (tables for extract and load, 1 for the others); without a terminal it just runs it.</summary>
    public async Task<T> WithProgressAsync<T>(IReadOnlyList<(PipelineStep Step, int Units)> expected, Func<Task<T>> body)
    {
        if (!interactive)
        {
            return await body();
        }

        T result = default!;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                progress = context;
                foreach (var (step, units) in expected)
                {
                    tasks[step] = context.AddTask(step.Name(), maxValue: Math.Max(units, 1));
                }

                try
                {
                    result = await body();
                }
                finally
                {
                    foreach (var task in tasks.Values)
                    {
                        task.Value = task.MaxValue;
                    }

                    progress = null;
                }
            });
        return result;
    }

    public void Line(string text)
    {
        if (interactive)
        {
            AnsiConsole.MarkupLine(Markup.Escape(text));
        }
        else
        {
            stdout.WriteLine(text);
        }
    }

    public void Step(StepRecord step)
    {
        // rows_out of the test step counts the data tests run, not rows.
        string rows = step.RowsOut is { } n ? $"{n} {(step.Step == PipelineStep.Test ? "tests" : "rows")}" : "";
        string error = step.Error is null ? "" : $"  {step.Error}";
        string seconds = $"{step.Duration.TotalSeconds:0.0}s";
        if (!interactive)
        {
            stdout.WriteLine($"{step.Status.Name(),-10} {step.What,-48} {rows,12} {seconds,7}{error}");
            return;
        }

        if (progress is not null && tasks.TryGetValue(step.Step, out var task))
        {
            task.Increment(1);
            if (step.Status == RunStatus.Succeeded)
            {
                return; // the bar says it; only what needs attention is printed
            }
        }

        string colour = step.Status switch
        {
            RunStatus.Succeeded => "green",
            RunStatus.Failed => "red",
            _ => "yellow",
        };
        AnsiConsole.MarkupLine($"[{colour}]{Markup.Escape(step.Status.Name()),-10}[/] {Markup.Escape(step.What),-48} {rows,12} {seconds,7}{Markup.Escape(error)}");
    }
}
