using Warehouse.Analysis.Estimation;
using Warehouse.Analysis.Inference;

namespace Warehouse.Analysis.Specs;

/// <summary>One regression: what <c>estimate</c> runs from its options and what pipelines.yml lists under
/// <c>analysis.specs</c> (the config binds to this type; keys are its names in snake_case).</summary>
public sealed record ModelSpec
{
    public required string Name { get; init; }

    /// <summary><c>table1</c>, <c>table2</c>, <c>nonlinear</c> or <c>robustness</c>: the printed table of the report
    /// the column belongs to.</summary>
    public required string Table { get; init; }

    /// <summary>Column header in that table.</summary>
    public required string Column { get; init; }

    /// <summary>Relation to read.</summary>
    /// <value>The default value is <c>panel</c>.</value>
    public string View { get; init; } = ModelDefaults.View;

    public required string Y { get; init; }
    public required IReadOnlyList<string> X { get; init; }
    public IReadOnlyList<string> Fe { get; init; } = [];
    public IReadOnlyList<string> Cluster { get; init; } = [];

    /// <summary>Variance estimator; null = cluster when <see cref="Cluster"/> is set, else iid.</summary>
    public VcovKind? Vcov { get; init; }

    /// <summary>IV part as fixest writes it, <c>endo1 + endo2 ~ inst1 + inst2</c>; null = least squares.</summary>
    public string? Iv { get; init; }

    /// <summary>With <see cref="Iv"/>: also report the reduced form.</summary>
    public bool ReducedForm { get; init; }

    /// <summary>[unit, time] columns of the panel for <c>vcov: dk</c> / <c>nw</c>.</summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyList<string> PanelId { get; init; } = [];

    /// <summary>Lag of the panel HAC variance; null = fixest's ⌊T^¼⌋.</summary>
    public int? HacLag { get; init; }

    /// <summary>SQL predicate applied in DuckDB before estimation; null = all rows.</summary>
    public string? Where { get; init; }

    /// <summary>Wild cluster bootstrap p-values (for the first regressor in the report, every coefficient in
    /// <c>estimate</c>; see <see cref="ModelSettings.BootstrapEveryCoefficient"/>).</summary>
    public bool Bootstrap { get; init; }

    /// <summary>[linear, squared] term names when the spec is quadratic.</summary>
    public IReadOnlyList<string>? TurningPoint { get; init; }

    /// <summary>Share winsorised at each tail of y (within the estimation sample), e.g. 0.01.</summary>
    public double? WinsorizeY { get; init; }

    /// <summary>Columns whose previous-period value within the unit is made available as <c>&lt;name&gt;_lag1</c>
    /// (taken on the whole relation before <see cref="Where"/>).</summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyList<string> Lag { get; init; } = [];

    /// <summary>Estimate a panel threshold model (Hansen 1999) instead of one regression; null = none.</summary>
    public ThresholdSpec? Threshold { get; init; }

    /// <summary>Run the three-equation mediation analysis instead of one regression; null = none.</summary>
    public MediationSpec? Mediation { get; init; }
}

/// <summary>Settings shared by every spec of a run: the bootstrap, the panel's unit and time columns, the fit options.</summary>
public sealed record ModelSettings
{
    /// <value>The default value is 9 999.</value>
    public int Replications { get; init; } = WildBootstrapDefaults.Replications;

    /// <value>The default value is 20240601.</value>
    public int Seed { get; init; } = WildBootstrapDefaults.Seed;

    /// <summary>One bootstrap test per weight type.</summary>
    /// <value>The default value is Rademacher and Webb.</value>
    public IReadOnlyList<BootstrapWeights> Weights { get; init; } = ModelDefaults.Weights;

    /// <summary>Bootstrap every coefficient (<c>estimate</c>) instead of only the first regressor (the report).</summary>
    /// <value>The default value is false.</value>
    public bool BootstrapEveryCoefficient { get; init; }

    /// <summary>Unit and time columns of the panel (for lags and the plots).</summary>
    /// <value>The default value is <c>province_code</c>.</value>
    public string Unit { get; init; } = ModelDefaults.Unit;

    /// <value>The default value is <c>year</c>.</value>
    public string Time { get; init; } = ModelDefaults.Time;

    /// <summary>Fit options other than the variance type (which each spec picks).</summary>
    /// <value>The default value is <c>new FeolsOptions()</c>.</value>
    public FeolsOptions Fit { get; init; } = new();
}

/// <summary>Defaults of <see cref="ModelSpec"/> and <see cref="ModelSettings"/>, written once.</summary>
public static class ModelDefaults
{
    public const string View = "panel";
    public const string Unit = "province_code";
    public const string Time = "year";

    /// <summary>The bootstrap weight types tested, one p-value each.</summary>
    public static readonly IReadOnlyList<BootstrapWeights> Weights = [BootstrapWeights.Rademacher, BootstrapWeights.Webb];
}
