namespace Warehouse.Analysis.Inference;

/// <summary>Auxiliary weights of the wild bootstrap.</summary>
public enum BootstrapWeights
{
    /// <summary>±1 with probability ½.</summary>
    Rademacher,

    /// <summary>Webb's six points ±√1.5, ±1, ±√0.5, each 1/6 (better with fewer than ~12 clusters).</summary>
    Webb,
}

/// <summary>Wild cluster restricted bootstrap test of one coefficient = 0, and the interval from inverting it.</summary>
/// <remarks><c>T</c> is the conventional one-way cluster-robust t statistic the bootstrap distribution is compared
/// with; <c>P</c> the symmetric bootstrap p-value (share of |t*| ≥ |t|); <c>CiLow</c>/<c>CiHigh</c> the null values
/// not rejected at the fit's confidence level (NaN when not found in the search bracket); <c>Replications</c> the
/// draws actually used (2^G when Rademacher signs were enumerated).</remarks>
public sealed record BootstrapResult(
    string Coefficient, BootstrapWeights Weights, int Replications, int Seed, string Cluster, int Groups,
    double T, double P, double CiLow, double CiHigh, double Seconds);
