using Warehouse.Analysis.Estimation;

namespace Warehouse.Analysis.Threshold;

/// <summary>One estimated threshold with its likelihood-ratio confidence interval: the smallest and largest searched
/// candidate whose LR(γ) = n(T−1)·(SSR(γ)/SSR(γ̂) − 1) is below −2 ln(1 − √level).</summary>
/// <param name="Name"><c>Th-1</c> (single model), <c>Th-21</c>/<c>Th-22</c> (double: the refined first and the
/// second threshold), <c>Th-3</c> (triple: the third), as Stata xthreg labels them.</param>
/// <param name="Value">The estimate: a value of the threshold variable.</param>
/// <param name="CiLow">Lower end of the LR confidence interval.</param>
/// <param name="CiHigh">Upper end of the LR confidence interval.</param>
public sealed record ThresholdEstimate(string Name, double Value, double CiLow, double CiHigh);

/// <summary>Hansen's bootstrap of the F test: fixed regressors, residual vectors of whole units resampled with
/// replacement under the null of one threshold fewer, every threshold re-estimated in each replication.</summary>
/// <param name="Replications">Bootstrap samples drawn.</param>
/// <param name="Seed">Seed of the draws (reproducible).</param>
/// <param name="P">Share of bootstrap F statistics above the sample's.</param>
/// <param name="Crit10">Bootstrap critical values (10%, 5%, 1%): the sorted statistics at ceil(0.90·B), ceil(0.95·B),
/// ceil(0.99·B).</param>
/// <param name="Crit5">5% critical value.</param>
/// <param name="Crit1">1% critical value.</param>
/// <param name="Seconds">Wall time of the replications.</param>
public sealed record ThresholdBootstrap(int Replications, int Seed, double P, double Crit10, double Crit5, double Crit1, double Seconds);

/// <summary>The model with k thresholds against the one with one fewer.</summary>
/// <param name="Thresholds">k.</param>
/// <param name="Estimates">The thresholds this step estimated (the double model also lists its refined first one).</param>
/// <param name="Ssr">SSR at this model's thresholds (after the refinement for the double model).</param>
/// <param name="SsrNull">SSR of the model with one threshold fewer.</param>
/// <param name="F">Hansen's F = n(T−1)·(SSR_null / SSR_k − 1), SSR_k at the estimate of the sequential search
/// (before any refinement, as his program).</param>
/// <param name="Trim">Trimming share of this search.</param>
/// <param name="Bootstrap">Null when no replications were asked for.</param>
public sealed record ThresholdModel(int Thresholds, IReadOnlyList<ThresholdEstimate> Estimates, double Ssr, double SsrNull, double F,
    double Trim, ThresholdBootstrap? Bootstrap);

/// <summary>A regime of the final model: lower ≤ q &lt; upper (null = unbounded).</summary>
public sealed record ThresholdRegime(int Index, double? Lower, double? Upper, int Rows);

/// <summary>Everything a panel threshold regression reports.</summary>
public sealed class ThresholdResult
{
    public required string Variable { get; init; }

    /// <summary>What the search regressed on.</summary>
    public required ThresholdTransform Transform { get; init; }
    public required IReadOnlyList<string> RegimeX { get; init; }

    /// <summary>Levels of the unit (first fixed effect) in the sample.</summary>
    public required int Units { get; init; }

    /// <summary>Periods per unit when the panel is balanced, else null.</summary>
    public int? Periods { get; init; }

    /// <summary>n(T−1) (N − units when unbalanced): Hansen's scale of the LR and F statistics.</summary>
    public required int Scale { get; init; }

    /// <summary>Hansen's qn.</summary>
    public required int Quantiles { get; init; }

    /// <summary>Candidates in the trimmed grid.</summary>
    public required int GridPoints { get; init; }

    /// <summary>Distinct values of the threshold variable.</summary>
    public required int DistinctValues { get; init; }

    public required double ConfidenceLevel { get; init; }

    /// <summary>−2 ln(1 − √level), the LR critical value.</summary>
    public required double LrCritical { get; init; }

    /// <summary>SSR of the linear (no-threshold) fixed-effects model.</summary>
    public required double SsrLinear { get; init; }

    /// <summary>Single, double, triple: as many as were asked for.</summary>
    public required IReadOnlyList<ThresholdModel> Models { get; init; }

    /// <summary>Thresholds of the final model, ascending.</summary>
    public required IReadOnlyList<double> Thresholds { get; init; }

    public required IReadOnlyList<ThresholdRegime> Regimes { get; init; }

    /// <summary>SSR of the final model from the grid search (with <see cref="ThresholdTransform.Within"/> it equals
    /// <see cref="FitResult.Rss"/> of <see cref="Fit"/>).</summary>
    public required double Ssr { get; init; }

    /// <summary>The fixed-effects regression of the final model with the regime-dependent coefficients (columns
    /// named <c>x[q&lt;γ1]</c>, <c>x[γ1&lt;=q&lt;γ2]</c>, <c>x[q&gt;=γk]</c>) and their standard errors.</summary>
    public required FitResult Fit { get; init; }
}
