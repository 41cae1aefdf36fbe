namespace Warehouse.Analysis.Data;

/// <summary>Which columns of a relation a regression needs, and which rows.</summary>
/// <param name="Y">Dependent variable.</param>
/// <param name="X">Regressors, in order.</param>
/// <param name="FixedEffects">Fixed-effect terms in fixest's syntax (<see cref="FixedEffectTerm"/>): identifier
/// columns of any type, read as text and factorised; slope variables read as numbers.</param>
/// <param name="Clusters">Cluster identifiers (any type; read as text and factorised).</param>
/// <param name="Where">SQL predicate applied in DuckDB before anything is read; null = all rows.</param>
public sealed record PanelRequest(
    string Y,
    IReadOnlyList<string> X,
    IReadOnlyList<string> FixedEffects,
    IReadOnlyList<string> Clusters,
    string? Where = null)
{
    /// <summary>Extra numeric columns carried along (not part of the model; missing values there drop nothing).</summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyList<string> Extra { get; init; } = [];

    /// <summary>Columns whose previous-period value within <see cref="Unit"/> (ordered by <see cref="Time"/>) is
    /// exposed as <c>&lt;name&gt;_lag1</c>; the lag is taken before <see cref="Where"/> filters rows.</summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyList<string> Lags { get; init; } = [];

    /// <summary>Endogenous regressors of an IV model.</summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyList<string> Endogenous { get; init; } = [];

    /// <summary>Excluded instruments of an IV model.</summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyList<string> Instruments { get; init; } = [];

    /// <summary>[unit, time] of the panel HAC estimators; empty when not needed. Time is read as a number.</summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyList<string> PanelId { get; init; } = [];

    /// <value>The default value is <c>province_code</c>.</value>
    public string Unit { get; init; } = "province_code";

    /// <value>The default value is <c>year</c>.</value>
    public string Time { get; init; } = "year";
}
