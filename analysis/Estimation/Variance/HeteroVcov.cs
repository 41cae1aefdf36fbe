namespace Warehouse.Analysis.Estimation.Variance;

/// <summary>Heteroskedasticity-robust HC1: (X'X)⁻¹ (Σ e²xx') (X'X)⁻¹ · N/(N − K) (HC0 without the factor when
/// small-sample corrections are off).</summary>
internal static class HeteroVcov
{
    public static VcovResult Compute(VcovInput input)
    {
        var k = input.Columns;
        var n = input.N;
        DegenerateFit.RequireResidualDf(n, input.KFull);
        var xd = input.Scores;
        var e = input.Residuals;
        var meat = new double[k, k];
        for (var i = 0; i < n; i++)
        {
            var e2 = e[i] * e[i];
            for (var a = 0; a < k; a++)
                for (var b = 0; b <= a; b++) meat[a, b] += xd[a][i] * xd[b][i] * e2;
        }
        SmallMatrix.Symmetrise(meat);
        var adj = input.SmallSample == SmallSampleConvention.Stata ? (double)n / (n - input.KFull) : 1.0;
        return new VcovResult(SmallMatrix.Scale(SmallMatrix.Sandwich(input.Bread, meat), adj), n - input.KFull, 1, []);
    }
}
