using Warehouse.Analysis.Reporting;
using Warehouse.Analysis.Specs;
using Warehouse.Etl.Config;
using Warehouse.Etl.Runs;

namespace Warehouse.Etl.Reporting;

/// <summary>The analyze + report steps: estimates the configured specs on a warehouse file and writes the tables and plots.</summary>
public static class ReportStep
{
    /// <summary>Estimates every spec on <paramref name="databasePath"/> (opened read-only), prints the tables to
    /// <paramref name="stdout"/> and writes markdown / LaTeX / HTML (with plots) into <paramref name="outDir"/>.</summary>
    /// <returns><see cref="Outcome.Failed"/> when any spec failed (the others are still written).</returns>
    public static Task<Outcome> RunAsync(
        string databasePath, AnalysisSettings analysis, string outDir, TextWriter stdout, CancellationToken cancellationToken) =>
        RunAsync(databasePath, analysis, outDir, stdout, Task.FromResult(true), cancellationToken);

    /// <summary>As <see cref="RunAsync(string, AnalysisSettings, string, TextWriter, CancellationToken)"/>, but once the
    /// specs are estimated it waits for <paramref name="proceed"/>, and prints and writes nothing when it says false: a
    /// build estimates while its data tests run, and only a build whose tests pass may replace the report.</summary>
    /// <returns><see cref="Outcome.Failed"/> when any spec failed (the others are still written); <see cref="Outcome.Ok"/>
    /// when nothing was written because <paramref name="proceed"/> said false.</returns>
    public static async Task<Outcome> RunAsync(
        string databasePath, AnalysisSettings analysis, string outDir, TextWriter stdout, Task<bool> proceed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(proceed);
        var estimates = ReportWriter.Estimate(databasePath, analysis.Specs, ToSettings(analysis), cancellationToken);
        if (!await proceed.WaitAsync(cancellationToken))
        {
            return Outcome.Ok;
        }

        var output = ReportWriter.Write(estimates, outDir);
        await stdout.WriteAsync(output.Text);
        await stdout.WriteLineAsync($"Report written to {Path.GetFullPath(outDir)} ({output.Files.Count} files; warehouse run {output.Run.RunId}{(output.Run.IsDemo ? ", demo corpus" : "")})");
        return output.Failures.Count == 0 ? Outcome.Ok : Outcome.Failed;
    }

    internal static ModelSettings ToSettings(AnalysisSettings analysis) => new()
    {
        Replications = analysis.Bootstrap.Replications,
        Seed = analysis.Bootstrap.Seed,
        Weights = analysis.Bootstrap.Weights,
    };
}
