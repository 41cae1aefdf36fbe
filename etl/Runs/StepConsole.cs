using Spectre.Console;

namespace Warehouse.Etl.Runs;

/// <summary>What a run shows on stdout: a coloured line per step on an interactive terminal, a plain
/// tab-free line per step otherwise (cron, CI, redirected output), so logs stay greppable.</summary>
public sealed class StepConsole(TextWriter stdout, bool interactive)
{
    /// <summary>Interactive when stdout is a terminal that Spectre.Console can drive.</summary>
    public static StepConsole ForProcess() =>
        new(Console.Out, !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive);

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
        string rows = step.RowsOut is { } n ? $"{n} rows" : "";
        string error = step.Error is null ? "" : $"  {step.Error}";
        string seconds = $"{step.Duration.TotalSeconds:0.0}s";
        if (interactive)
        {
            string colour = step.Status switch
            {
                RunStatus.Succeeded => "green",
                RunStatus.Failed => "red",
                RunStatus.NotBuilt => "grey",
                _ => "yellow",
            };
            AnsiConsole.MarkupLine($"[{colour}]{Markup.Escape(step.Status),-10}[/] {Markup.Escape(step.What),-48} {rows,12} {seconds,7}{Markup.Escape(error)}");
        }
        else
        {
            stdout.WriteLine($"{step.Status,-10} {step.What,-48} {rows,12} {seconds,7}{error}");
        }
    }
}
