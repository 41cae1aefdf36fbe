using Warehouse.Etl.Config;

namespace Warehouse.Etl.Reporting;

/// <summary>The analyze + report steps: estimates the configured specs on a warehouse file and writes the tables and plots.</summary>
/// <remarks>Seam: the analysis issue implements this; the pipeline calls it.</remarks>
public static class ReportStep
{
    /// <summary>Estimates every spec on <paramref name="databasePath"/> (opened read-only), prints the tables to
    /// <paramref name="stdout"/> and writes markdown / LaTeX / HTML (with plots) into <paramref name="outDir"/>.</summary>
    /// <returns>An exit code (<see cref="Cli.ExitCodes"/>).</returns>
    public static Task<int> RunAsync(
        string databasePath, AnalysisSettings analysis, string outDir, TextWriter stdout, CancellationToken cancellationToken) =>
        throw new NotImplementedException("the report is not built yet");
}
