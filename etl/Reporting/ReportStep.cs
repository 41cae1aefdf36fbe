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
        string databasePath, AnalysisSettings analysis, string outDir, TextWriter stdout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(stdout);
        var output = ReportWriter.Write(databasePath, analysis.Specs, ToSettings(analysis), outDir, cancellationToken);
        stdout.Write(output.Text);
        stdout.WriteLine($"Report written to {Path.GetFullPath(outDir)} ({output.Files.Count} files; warehouse run {output.Run.RunId}{(output.Run.IsDemo ? ", demo corpus" : "")})");
        return Task.FromResult(output.Failures.Count == 0 ? Outcome.Ok : Outcome.Failed);
    }

    internal static ModelSettings ToSettings(AnalysisSettings analysis) => new()
    {
        Replications = analysis.Bootstrap.Replications,
        Seed = analysis.Bootstrap.Seed,
        Weights = analysis.Bootstrap.Weights,
    };
}
