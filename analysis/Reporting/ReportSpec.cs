namespace Warehouse.Analysis.Reporting;

/// <summary>One regression of the report (the analysis-side twin of the config's model spec, so this library
/// never references the ETL project).</summary>
public sealed record ReportSpec
{
    public required string Name { get; init; }

    /// <summary><c>table1</c>, <c>table2</c>, <c>nonlinear</c> or <c>robustness</c>.</summary>
    public required string Table { get; init; }

    public required string Column { get; init; }

    /// <value>The default value is <c>panel</c>.</value>
    public string View { get; init; } = "panel";

    public required string Y { get; init; }
    public required IReadOnlyList<string> X { get; init; }
    public IReadOnlyList<string> Fe { get; init; } = [];
    public IReadOnlyList<string> Cluster { get; init; } = [];

    /// <summary><c>iid</c>, <c>hetero</c> or <c>cluster</c>; null = cluster when clustered, else iid.</summary>
    public string? Vcov { get; init; }

    public string? Where { get; init; }

    /// <summary>Wild cluster bootstrap p-values for the first regressor.</summary>
    public bool Bootstrap { get; init; }

    /// <summary>[linear, squared] term names when the spec is quadratic.</summary>
    public IReadOnlyList<string>? TurningPoint { get; init; }

    /// <summary>Share winsorised at each tail of y (within the estimation sample), e.g. 0.01.</summary>
    public double? WinsorizeY { get; init; }

    /// <summary>Columns whose previous-year value (within unit) is made available as <c>&lt;name&gt;_lag1</c>.</summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyList<string> Lag { get; init; } = [];
}

/// <summary>Report-wide settings.</summary>
public sealed record ReportSettings
{
    /// <value>The default value is 9 999.</value>
    public int Replications { get; init; } = 9999;

    /// <value>The default value is 20240601.</value>
    public int Seed { get; init; } = 20240601;

    /// <value>The default value is Rademacher and Webb.</value>
    public IReadOnlyList<Inference.BootstrapWeights> Weights { get; init; } = [Inference.BootstrapWeights.Rademacher, Inference.BootstrapWeights.Webb];

    /// <summary>Unit and time columns of the panel (for lags and the plots).</summary>
    /// <value>The default value is <c>province_code</c>.</value>
    public string Unit { get; init; } = "province_code";

    /// <value>The default value is <c>year</c>.</value>
    public string Time { get; init; } = "year";
}
