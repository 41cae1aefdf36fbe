namespace Warehouse.Analysis.Estimation;

/// <summary>Which variance estimator.</summary>
public enum VcovKind
{
    /// <summary>Homoskedastic: σ²(X'X)⁻¹.</summary>
    Iid,

    /// <summary>Heteroskedasticity-robust HC1 (HC0 times N/(N−K)).</summary>
    Hetero,

    /// <summary>Cluster-robust, one-way or multiway (Cameron–Gelbach–Miller).</summary>
    Cluster,

    /// <summary>Driscoll–Kraay: robust to cross-sectional and serial correlation over a panel's periods.</summary>
    DriscollKraay,

    /// <summary>Panel Newey–West: robust to serial correlation within each unit.</summary>
    NeweyWest,
}

/// <summary>Small-sample corrections of the variance, to reproduce other packages.</summary>
public enum SmallSampleConvention
{
    /// <summary>Stata xtreg/reghdfe and fixest defaults: G/(G−1)·(N−1)/(N−K), FEs nested in a cluster not counted in
    /// K (the constant is), multiway with G_min, t with G_min−1 df.</summary>
    Stata,

    /// <summary>No cluster correction at all: R plm's <c>vcovHC(type = "HC0", cluster = "group")</c> and the
    /// linearmodels default (<c>debiased=False, group_debias=False</c>). iid still uses N−K.</summary>
    None,

    /// <summary>Only G/(G−1): linearmodels with <c>group_debias=True</c>.</summary>
    ClusterOnly,
}

/// <summary>The defaults of <see cref="FeolsOptions"/>, written once (the demeaner and the CLI read them too).</summary>
public static class FeolsDefaults
{
    /// <summary>Per-element convergence tolerance of the demeaning iterations.</summary>
    public const double Tolerance = 1e-8;

    /// <summary>Demeaning algorithm for two or more fixed effects.</summary>
    public const DemeanAlgorithm Algorithm = DemeanAlgorithm.Schur;

    /// <summary>Cap on demeaning iterations.</summary>
    public const int MaxIterations = 10_000;

    /// <summary>Share of a regressor's own variation below which it is dropped as collinear.</summary>
    public const double CollinearityTolerance = 1e-9;

    /// <summary>Confidence level of the reported intervals.</summary>
    public const double ConfidenceLevel = 0.95;
}

/// <summary>Options of one fixed-effects least-squares fit.</summary>
public sealed record FeolsOptions
{
    /// <summary>Variance estimator; null means cluster when cluster ids are given, else iid.</summary>
    /// <value>The default value is null.</value>
    public VcovKind? Vcov { get; init; }

    /// <summary>With instruments: also estimate the reduced form (y on the exogenous regressors and instruments).</summary>
    /// <value>The default value is false.</value>
    public bool ReducedForm { get; init; }

    /// <summary>Lag of the panel HAC estimators; null = fixest's ⌊T^¼⌋.</summary>
    /// <value>The default value is null.</value>
    public int? HacLag { get; init; }

    /// <value>The default value is <see cref="SmallSampleConvention.Stata"/>.</value>
    public SmallSampleConvention SmallSample { get; init; } = SmallSampleConvention.Stata;

    /// <summary>Drop observations alone in a fixed-effect level, iteratively.</summary>
    /// <value>The default value is true.</value>
    public bool DropSingletons { get; init; } = true;

    /// <summary>Per-element convergence tolerance of the demeaning iterations.</summary>
    /// <value>The default value is 1e-8.</value>
    public double Tolerance { get; init; } = FeolsDefaults.Tolerance;

    /// <summary>Algorithm for two or more fixed effects (one FE is always exact).</summary>
    /// <value>The default value is <see cref="DemeanAlgorithm.Schur"/>.</value>
    public DemeanAlgorithm Algorithm { get; init; } = FeolsDefaults.Algorithm;

    /// <value>The default value is 10 000.</value>
    public int MaxIterations { get; init; } = FeolsDefaults.MaxIterations;

    /// <summary>A regressor is collinear (and dropped with a note) when its sum of squares left after partialling
    /// out the fixed effects and the earlier regressors is below this share of its own centred sum of squares.</summary>
    /// <value>The default value is 1e-9.</value>
    public double CollinearityTolerance { get; init; } = FeolsDefaults.CollinearityTolerance;

    /// <summary>Confidence level of the reported intervals.</summary>
    /// <value>The default value is 0.95.</value>
    public double ConfidenceLevel { get; init; } = FeolsDefaults.ConfidenceLevel;

    /// <summary>The fit may write the partialled-out values over the data's y and regressor columns instead of into new
    /// arrays: for a caller that fits its data once and reads those columns no more (the <c>estimate</c> verb). It saves
    /// a copy of y and X — at 10^7 rows and two regressors 240 MB of new memory, which a fresh process pays for page by
    /// page. The estimates are the same to the bit.</summary>
    /// <value>The default value is false.</value>
    public bool ReuseColumns { get; init; }

    /// <summary>Threads for the demeaning passes and the threshold bootstrap's replications; null = all cores (the
    /// results do not depend on it).</summary>
    /// <value>The default value is null.</value>
    public int? Threads { get; init; }
}
