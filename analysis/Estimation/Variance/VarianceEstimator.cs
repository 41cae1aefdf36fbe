namespace Warehouse.Analysis.Estimation.Variance;

/// <summary>Picks the variance estimator of a fit (fixest's <c>vcov_related</c>, pyfixest's <c>vcov_utils</c>).</summary>
internal static class VarianceEstimator
{
    public static VcovResult Compute(VcovKind kind, VcovInput input) => kind switch
    {
        VcovKind.Iid => IidVcov.Compute(input),
        VcovKind.Hetero => HeteroVcov.Compute(input),
        VcovKind.Cluster => ClusterVcov.Compute(input),
        VcovKind.DriscollKraay => DriscollKraayVcov.Compute(input, input.Lag),
        VcovKind.NeweyWest => NeweyWestVcov.Compute(input, input.Lag),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown variance estimator"),
    };
}
