namespace Warehouse.Analysis.Estimation.Variance;

/// <summary>Homoskedastic variance σ²(X'X)⁻¹ with σ² = e'e/(N − K), K counting every FE level.</summary>
internal static class IidVcov
{
    public static VcovResult Compute(VcovInput input)
    {
        DegenerateFit.RequireResidualDf(input.N, input.KFull);
        var df = input.N - input.KFull;
        return new VcovResult(SmallMatrix.Scale(input.Bread, input.Rss / df), df, 1, []);
    }
}
