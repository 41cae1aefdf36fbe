using Warehouse.Analysis.Threshold;

namespace Warehouse.Analysis.Specs;

/// <summary>A panel threshold model (Hansen 1999) in place of one regression: the spec's <c>x</c> are the
/// regime-independent regressors, its first <c>fe</c> the unit (pipelines.yml key <c>threshold</c>).</summary>
public sealed record ThresholdSpec
{
    /// <summary>The threshold variable q.</summary>
    public required string Variable { get; init; }

    /// <summary>Regressors whose coefficient changes across regimes.</summary>
    public required IReadOnlyList<string> RegimeX { get; init; }

    /// <summary>1, 2 or 3.</summary>
    /// <value>The default value is 1.</value>
    public int Thresholds { get; init; } = 1;

    /// <summary>Trimming share per search; null = Hansen's 0.01, 0.01, 0.05.</summary>
    public IReadOnlyList<double>? Trim { get; init; }

    /// <summary>Quantiles of the distinct values of q in the grid.</summary>
    /// <value>The default value is 400.</value>
    public int Grid { get; init; } = new ThresholdOptions().Grid;

    /// <summary>Bootstrap replications per threshold test (seeded by the run's seed).</summary>
    /// <value>The default value is 0.</value>
    public int Bootstrap { get; init; }

    /// <summary>What the search regresses on: <c>hansen</c> (his transformation) or <c>within</c> (the plain FE
    /// regression), the words of <see cref="OptionNames.ThresholdSearch"/>.</summary>
    /// <value>The default value is <see cref="ThresholdTransform.Hansen"/>.</value>
    public ThresholdTransform Search { get; init; } = new ThresholdOptions().Transform;

    /// <summary>The estimator's options for this spec.</summary>
    public ThresholdOptions Options(ModelSettings settings, Estimation.FeolsOptions fit)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new ThresholdOptions
        {
            Thresholds = Thresholds,
            Trim = Trim ?? new ThresholdOptions().Trim,
            Grid = Grid,
            Bootstrap = Bootstrap,
            Seed = settings.Seed,
            Transform = Search,
            Fit = fit,
        };
    }
}

/// <summary>A mediation (mechanism) analysis in place of one regression: the spec's first <c>x</c> is the
/// treatment, the others controls (pipelines.yml key <c>mediation</c>).</summary>
public sealed record MediationSpec
{
    /// <summary>The mediator M.</summary>
    public required string Mediator { get; init; }

    /// <summary>Cluster-bootstrap draws of a·b (seeded by the run's seed).</summary>
    /// <value>The default value is 999.</value>
    public int Bootstrap { get; init; } = new Mediation.MediationOptions().Bootstrap;
}
