using Warehouse.Analysis.Estimation;

namespace Warehouse.Analysis.Mediation;

/// <summary>Settings of a mediation (mechanism) analysis.</summary>
public sealed record MediationOptions
{
    /// <summary>Cluster-bootstrap replications of the indirect effect (0 = none).</summary>
    /// <value>The default value is 999.</value>
    public int Bootstrap { get; init; } = 999;

    /// <value>The default value is 20240601.</value>
    public int Seed { get; init; } = 20240601;

    /// <summary>Level of the percentile interval.</summary>
    /// <value>The default value is 0.95.</value>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>Options of the three fixed-effects fits (all three use the same variance).</summary>
    /// <value>The default value is the estimator's defaults.</value>
    public FeolsOptions Fit { get; init; } = new();
}

/// <summary>The data of a mediation analysis.</summary>
/// <param name="Data">y, the regressors (the first is the treatment, the rest controls), fixed effects and clusters;
/// rows with a missing mediator must already be gone, so the three regressions share one sample.</param>
/// <param name="Mediator">Name of the mediator M.</param>
/// <param name="M">The mediator, one value per row of <paramref name="Data"/>.</param>
public sealed record MediationInput(Data.EstimationData Data, string Mediator, double[] M);
