using Warehouse.Analysis.Data;
using Warehouse.Analysis.Estimation.Variance;

namespace Warehouse.Analysis.Estimation;

/// <summary>What a least-squares fit (OLS in <see cref="Feols"/>, 2SLS in <see cref="TwoStageLeastSquares"/>) hands
/// over once solved: the coefficients' names and solution, the design the variance used, and the bookkeeping.</summary>
/// <param name="Names">Coefficient names, in solution order.</param>
/// <param name="Solution">β, the bread, the residuals and their sum of squares.</param>
/// <param name="Y">The partialled-out dependent variable.</param>
/// <param name="Scores">The partialled-out regressors of the scores (2SLS: the fitted first-stage values).</param>
/// <param name="Kind">The variance type used.</param>
/// <param name="Variance">The variance and its degrees of freedom.</param>
/// <param name="Statistics">R² and friends.</param>
/// <param name="Wald">The joint Wald F of the slopes and its p-value (NaN when not available).</param>
/// <param name="Demeaning">Iterations of the demeaning and whether it converged.</param>
/// <param name="Notes">Remarks the reader must see.</param>
/// <param name="Phases">Seconds per phase.</param>
internal sealed record FitPieces(
    IReadOnlyList<string> Names, LeastSquares.Solution Solution, double[] Y, double[][] Scores, VcovKind Kind, VcovResult Variance,
    FitStatistics Statistics, (double F, double P) Wald, (int Iterations, bool Converged) Demeaning, IReadOnlyList<string> Notes,
    IReadOnlyList<(string Phase, double Seconds)> Phases)
{
    /// <summary>First stages and diagnostics of a 2SLS fit; null for OLS.</summary>
    public IvResult? Iv { get; init; }
}

/// <summary>The one place a <see cref="FitResult"/> is put together, so OLS and 2SLS report the same fields the same
/// way.</summary>
internal static class FitAssembly
{
    /// <param name="data">The rows as given (for the dependent's name and the singletons dropped).</param>
    /// <param name="sample">The estimation sample (its FEs and clusters).</param>
    /// <param name="pieces">The solved fit.</param>
    /// <param name="options">The fit's options (confidence level, small-sample rule).</param>
    public static FitResult Build(EstimationData data, EstimationData sample, FitPieces pieces, FeolsOptions options)
    {
        var fe = sample.FixedEffects;
        var clusters = sample.Clusters;
        var clustered = pieces.Kind == VcovKind.Cluster;
        var (solution, variance, stats) = (pieces.Solution, pieces.Variance, pieces.Statistics);
        return new FitResult
        {
            Dependent = data.YName,
            N = sample.Rows,
            SingletonsDropped = data.Rows - sample.Rows,
            FixedEffects = fe.Select(f => f.Name).ToArray(),
            FixedEffectLevels = fe.Select(f => f.Levels).ToArray(),
            VcovType = pieces.Kind,
            VcovLag = variance.Lag,
            ClusterNames = clustered ? clusters.Select(c => c.Name).ToArray() : [],
            ClusterGroups = clustered ? clusters.Select(c => c.Levels).ToArray() : [],
            Coefficients = CoefficientInference.Table(pieces.Names, solution.Beta, variance.Vcov, variance.DfResid, options.ConfidenceLevel),
            Vcov = variance.Vcov,
            R2 = stats.R2,
            AdjustedR2 = stats.AdjustedR2,
            R2Within = stats.R2Within,
            AdjustedR2Within = stats.AdjustedR2Within,
            DfResid = variance.DfResid,
            FStat = pieces.Wald.F,
            FP = pieces.Wald.P,
            Converged = pieces.Demeaning.Converged,
            Iterations = pieces.Demeaning.Iterations,
            Notes = pieces.Notes,
            Rss = solution.Rss,
            Phases = pieces.Phases,
            Iv = pieces.Iv,
            State = new FitState
            {
                Y = pieces.Y, X = pieces.Scores, Residuals = solution.Residuals, Beta = solution.Beta, Bread = solution.Bread,
                Clusters = clusters, FixedEffects = fe, ClusterDfFactor = variance.ClusterDfFactor, SmallSample = options.SmallSample,
            },
        };
    }
}
