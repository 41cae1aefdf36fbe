using Warehouse.Analysis.Estimation;

namespace Warehouse.Analysis.Mediation;

/// <summary>The seeded cluster (pairs) bootstrap of the indirect effect: whole clusters drawn with replacement,
/// the mediator and outcome equations re-estimated on each draw (a copy of a cluster is its own FE level when the
/// FE is nested in the cluster), the percentile interval of a·b (quantiles of type 7).</summary>
/// <param name="Replications">Draws asked for.</param>
/// <param name="Seed">Seed of the draws.</param>
/// <param name="Cluster">Resampled unit: the first cluster variable, else the first fixed effect, else the row.</param>
/// <param name="Groups">Number of resampled units.</param>
/// <param name="CiLow">Lower percentile bound of a·b.</param>
/// <param name="CiHigh">Upper percentile bound of a·b.</param>
/// <param name="StdError">Standard deviation of the bootstrap a·b.</param>
/// <param name="Failed">Draws where a or b could not be estimated (e.g. the treatment collinear); left out.</param>
/// <param name="Seconds">Wall time.</param>
public sealed record MediationBootstrap(int Replications, int Seed, string Cluster, int Groups, double CiLow, double CiHigh, double StdError,
    int Failed, double Seconds);

/// <summary>Three fixed-effects regressions on one sample with one variance — (1) y on x, (2) M on x, (3) y on x and
/// M, controls and fixed effects in all three — and the indirect effect a·b (a = x in (2), b = M in (3)).</summary>
public sealed class MediationResult
{
    public required string Treatment { get; init; }
    public required string Mediator { get; init; }

    /// <summary>(1) y on x: the total effect c.</summary>
    public required FitResult Total { get; init; }

    /// <summary>(2) M on x: a.</summary>
    public required FitResult MediatorEquation { get; init; }

    /// <summary>(3) y on x and M: the direct effect c' and b.</summary>
    public required FitResult Outcome { get; init; }

    public Coefficient A => MediatorEquation[Treatment];
    public Coefficient B => Outcome[Mediator];
    public Coefficient C => Total[Treatment];
    public Coefficient CPrime => Outcome[Treatment];

    /// <summary>a·b.</summary>
    public double Indirect => A.Estimate * B.Estimate;

    /// <summary>Sobel (first-order delta method): √(b²·se(a)² + a²·se(b)²), the two equations' variances as fitted.</summary>
    public required double SobelSe { get; init; }

    public double SobelZ => Indirect / SobelSe;

    /// <summary>Two-sided normal p-value of <see cref="SobelZ"/>.</summary>
    public required double SobelP { get; init; }

    /// <summary>a·b / c (undefined when c = 0).</summary>
    public double ShareMediated => Indirect / C.Estimate;

    public MediationBootstrap? Bootstrap { get; init; }
}
