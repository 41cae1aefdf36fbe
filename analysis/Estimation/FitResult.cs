namespace Warehouse.Analysis.Estimation;

/// <summary>One coefficient with its inference.</summary>
public sealed record Coefficient(string Name, double Estimate, double StdError, double T, double P, double CiLow, double CiHigh);

/// <summary>Everything a fit reports. <see cref="State"/> keeps the partialled-out data for the bootstrap and the
/// nonlinearity tests.</summary>
public sealed class FitResult
{
    public required string Dependent { get; init; }
    public required int N { get; init; }
    public required int SingletonsDropped { get; init; }
    public required IReadOnlyList<string> FixedEffects { get; init; }
    public required IReadOnlyList<int> FixedEffectLevels { get; init; }
    public required VcovKind VcovType { get; init; }
    public required IReadOnlyList<string> ClusterNames { get; init; }
    public required IReadOnlyList<int> ClusterGroups { get; init; }
    public required IReadOnlyList<Coefficient> Coefficients { get; init; }

    /// <summary>Lag of a panel HAC variance (Driscoll–Kraay, Newey–West); null otherwise.</summary>
    public int? VcovLag { get; init; }

    /// <summary>Variance matrix of <see cref="Coefficients"/>, same order.</summary>
    public required double[,] Vcov { get; init; }

    public required double R2 { get; init; }
    public required double AdjustedR2 { get; init; }

    /// <summary>Null without fixed effects.</summary>
    public double? R2Within { get; init; }
    public double? AdjustedR2Within { get; init; }

    /// <summary>Degrees of freedom of the t and F tests (N−K, or G_min−1 when clustered with the Stata rule).</summary>
    public required int DfResid { get; init; }

    /// <summary>Wald F test that all slopes are zero, with its p-value.</summary>
    public required double FStat { get; init; }
    public required double FP { get; init; }

    public required bool Converged { get; init; }
    public required int Iterations { get; init; }

    /// <summary>Regressors dropped as collinear, and other remarks a reader must see.</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    public required double Rss { get; init; }

    /// <summary>Seconds spent per phase of the fit (singletons, demean, solve, vcov, inference), for the bench.</summary>
    public IReadOnlyList<(string Phase, double Seconds)> Phases { get; init; } = [];

    /// <summary>First stages and diagnostics of an IV fit; null for plain least squares.</summary>
    public IvResult? Iv { get; init; }

    internal FitState State { get; init; } = null!;

    public Coefficient this[string name] => Coefficients.Single(c => c.Name == name);
}

/// <summary>The partialled-out design the fit ended with (for the bootstrap, the delta method and plots).</summary>
internal sealed class FitState
{
    public required double[] Y { get; init; }
    public required double[][] X { get; init; }
    public required double[] Residuals { get; init; }
    public required double[] Beta { get; init; }
    public required double[,] Bread { get; init; }
    public required IReadOnlyList<Data.Factor> Clusters { get; init; }

    /// <summary>The absorbed FEs on the estimation sample (the bootstrap re-partials its residual pieces by them).</summary>
    public required IReadOnlyList<Data.Factor> FixedEffects { get; init; }

    /// <summary>(N−1)/(N−K) part of the cluster small-sample factor (1 when not applied).</summary>
    public required double ClusterDfFactor { get; init; }
    public required SmallSampleConvention SmallSample { get; init; }
}
