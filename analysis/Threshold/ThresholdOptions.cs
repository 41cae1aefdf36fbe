using Warehouse.Analysis.Estimation;

namespace Warehouse.Analysis.Threshold;

/// <summary>The data the threshold search regresses on.</summary>
public enum ThresholdTransform
{
    /// <summary>Hansen's program: demean within unit, then delete each unit's last period (his Y*, X*), so the
    /// search runs on n(T−1) rows and its SSR is the OLS SSR on those rows.</summary>
    Hansen,

    /// <summary>The plain within (fixed-effects) regression on every row: the SSR at a candidate is that of
    /// <c>xtreg, fe</c> / <c>feols</c> with the regime split.</summary>
    Within,
}

/// <summary>Settings of a panel threshold regression (Hansen 1999). Defaults are those of Hansen's own program
/// for his investment example.</summary>
public sealed record ThresholdOptions
{
    /// <summary>Number of thresholds, found sequentially: 1, 2 or 3.</summary>
    /// <value>The default value is 1.</value>
    public int Thresholds { get; init; } = 1;

    /// <summary>Trimming share of the 1st, 2nd and 3rd search. The first share also cuts the grid itself (Hansen's
    /// <c>trim_1</c>); every share sets the half-width, <c>grid · trim</c> grid points, of the window excluded around
    /// a threshold already found. One value applies to all searches.</summary>
    /// <value>The default value is 0.01, 0.01, 0.05 (Hansen's trim_1, trim_2, trim_3).</value>
    public IReadOnlyList<double> Trim { get; init; } = [0.01, 0.01, 0.05];

    /// <summary>What the search regresses on; the regime coefficients are always reported from the plain
    /// fixed-effects regression at the thresholds found.</summary>
    /// <value>The default value is <see cref="ThresholdTransform.Hansen"/>.</value>
    public ThresholdTransform Transform { get; init; } = ThresholdTransform.Hansen;

    /// <summary>Number of quantiles of the distinct values of the threshold variable in the grid (Hansen's <c>qn</c>).</summary>
    /// <value>The default value is 400.</value>
    public int Grid { get; init; } = 400;

    /// <summary>Bootstrap replications of each threshold-effect test (0 = no test).</summary>
    /// <value>The default value is 0.</value>
    public int Bootstrap { get; init; }

    /// <value>The default value is 20240601.</value>
    public int Seed { get; init; } = 20240601;

    /// <summary>Level of the likelihood-ratio confidence interval of each threshold.</summary>
    /// <value>The default value is 0.95.</value>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>Options of the fixed-effects fits (variance of the regime coefficients, singletons, demeaning).</summary>
    /// <value>The default value is the estimator's defaults.</value>
    public FeolsOptions Fit { get; init; } = new();

    /// <summary>The trimming share of search number <paramref name="search"/> (0-based).</summary>
    public double TrimOf(int search) => Trim.Count == 0 ? 0.01 : Trim[Math.Min(search, Trim.Count - 1)];
}
