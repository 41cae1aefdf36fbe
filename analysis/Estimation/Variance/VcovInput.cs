using Warehouse.Analysis.Data;

namespace Warehouse.Analysis.Estimation.Variance;

/// <summary>What every variance estimator of a fit reads: the sandwich pieces and the counts its small-sample
/// rules use.</summary>
internal sealed record VcovInput
{
    /// <summary>The partialled-out regressors whose products with the residuals are the scores (for 2SLS the fitted
    /// first-stage values), column-major, in coefficient order.</summary>
    public required double[][] Scores { get; init; }

    /// <summary>e = y − Xβ on the estimation sample (for 2SLS with the actual, not the fitted, regressors).</summary>
    public required double[] Residuals { get; init; }

    /// <summary>(X'X)⁻¹ of the scores' design.</summary>
    public required double[,] Bread { get; init; }

    public required double Rss { get; init; }

    /// <summary>The absorbed FEs on the estimation sample and the degrees of freedom each absorbs.</summary>
    public required IReadOnlyList<Factor> FixedEffects { get; init; }
    public required int[] FixedEffectDf { get; init; }

    /// <summary>Level-specific slopes of each FE (aligned with <see cref="FixedEffects"/>); empty without slopes.</summary>
    public IReadOnlyList<VaryingSlope?> Slopes { get; init; } = [];

    public required IReadOnlyList<Factor> Clusters { get; init; }

    public required SmallSampleConvention SmallSample { get; init; }

    /// <summary>Panel unit and time (codes in time order) for the panel HAC estimators; null otherwise.</summary>
    public Factor? PanelUnit { get; init; }
    public Factor? PanelTime { get; init; }

    /// <summary>HAC lag asked for; null = the estimator's default.</summary>
    public int? Lag { get; init; }

    public int N => Residuals.Length;

    /// <summary>The input of a fit on <paramref name="sample"/> whose scores are <paramref name="scores"/>.</summary>
    /// <param name="sample">The estimation sample (FEs, slopes, clusters, panel identifiers).</param>
    /// <param name="options">The fit's options (small-sample rule, HAC lag).</param>
    /// <param name="feDf">Degrees of freedom absorbed by each FE.</param>
    /// <param name="scores">The partialled-out regressors of the scores.</param>
    /// <param name="solution">The solve whose residuals and bread the sandwich uses.</param>
    public static VcovInput Of(EstimationData sample, FeolsOptions options, int[] feDf, double[][] scores, LeastSquares.Solution solution) => new()
    {
        Scores = scores, Residuals = solution.Residuals, Bread = solution.Bread, Rss = solution.Rss,
        FixedEffects = sample.FixedEffects, FixedEffectDf = feDf, Clusters = sample.Clusters, SmallSample = options.SmallSample,
        PanelUnit = sample.PanelUnit, PanelTime = sample.PanelTime, Lag = options.HacLag, Slopes = sample.Slopes,
    };

    /// <summary>Regressors estimated (after collinear ones were dropped), as the small-sample rules count them: the
    /// bread's size unless <see cref="CountedRegressors"/> says otherwise.</summary>
    public int K => CountedRegressors ?? Bread.GetLength(0);

    /// <summary>Regressors of one equation when the scores stack several equations (the joint variance of every
    /// first stage's instrument coefficients that the Kleibergen–Paap statistic needs); null = the bread's size.</summary>
    public int? CountedRegressors { get; init; }

    /// <summary>Number of score columns (the size of the meat).</summary>
    public int Columns => Scores.Length;

    /// <summary>K plus every absorbed FE degree of freedom (what iid and hetero divide by).</summary>
    public int KFull => K + FixedEffectDf.Sum();
}

/// <summary>A variance matrix with the degrees of freedom of its t and F tests.</summary>
/// <param name="Vcov">Variance of the coefficients, in coefficient order.</param>
/// <param name="DfResid">Degrees of freedom of the t and F tests.</param>
/// <param name="ClusterDfFactor">(N−1)/(N−K) part of a cluster small-sample factor (1 when not applied); the wild
/// bootstrap reuses it.</param>
/// <param name="Notes">Remarks the reader must see (e.g. a clipped multiway matrix).</param>
internal sealed record VcovResult(double[,] Vcov, int DfResid, double ClusterDfFactor, IReadOnlyList<string> Notes)
{
    /// <summary>The HAC lag used (panel HAC estimators only).</summary>
    public int? Lag { get; init; }
}
