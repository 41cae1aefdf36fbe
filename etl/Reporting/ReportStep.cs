using Warehouse.Analysis.Inference;
using Warehouse.Analysis.Output;
using Warehouse.Analysis.Reporting;
using Warehouse.Etl.Config;
using Warehouse.Etl.Runs;

namespace Warehouse.Etl.Reporting;

/// <summary>The analyze + report steps: estimates the configured specs on a warehouse file and writes the tables and plots.</summary>
/// <remarks>Seam: the analysis issue implements this; the pipeline calls it.</remarks>
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
        var output = ReportWriter.Write(databasePath, analysis.Specs.Select(ToReportSpec).ToList(), ToSettings(analysis), outDir, cancellationToken);
        stdout.Write(output.Text);
        stdout.WriteLine($"Report written to {Path.GetFullPath(outDir)} ({output.Files.Count} files; warehouse run {output.Run.RunId}{(output.Run.IsDemo ? ", demo corpus" : "")})");
        return Task.FromResult(output.Failures.Count == 0 ? Outcome.Ok : Outcome.Failed);
    }

    internal static ReportSpec ToReportSpec(ModelSpec spec) => new()
    {
        Name = spec.Name,
        Table = spec.Table,
        Column = spec.Column,
        View = spec.View,
        Y = spec.Y,
        X = spec.X,
        Fe = spec.Fe,
        Cluster = spec.Cluster,
        Vcov = spec.Vcov,
        Where = spec.Where,
        Bootstrap = spec.Bootstrap,
        TurningPoint = spec.TurningPoint,
        WinsorizeY = spec.WinsorizeY,
        Lag = spec.Lag,
    };

    internal static ReportSettings ToSettings(AnalysisSettings analysis) => new()
    {
        Replications = analysis.Bootstrap.Replications,
        Seed = analysis.Bootstrap.Seed,
        Weights = analysis.Bootstrap.Weights.Select(w => w.ToLowerInvariant() switch
        {
            "rademacher" => BootstrapWeights.Rademacher,
            "webb" => BootstrapWeights.Webb,
            _ => throw new ArgumentException($"analysis.bootstrap.weights: unknown weights '{w}' (rademacher, webb)"),
        }).ToList(),
    };
}
