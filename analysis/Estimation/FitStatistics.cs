namespace Warehouse.Analysis.Estimation;

/// <summary>Goodness of fit as fixest reports it (pyfixest's <c>fit_statistics</c>).</summary>
/// <param name="R2">1 − RSS/TSS, TSS around the mean of y.</param>
/// <param name="AdjustedR2">1 − (1 − R²)(N − 1)/(N − K), K counting every FE level.</param>
/// <param name="R2Within">1 − RSS/TSS of the partialled-out y; null without fixed effects.</param>
/// <param name="AdjustedR2Within">1 − (1 − R²w)(N − df_FE)/(N − K); null without fixed effects.</param>
internal sealed record FitStatistics(double R2, double AdjustedR2, double? R2Within, double? AdjustedR2Within)
{
    /// <param name="y">The dependent variable on the estimation sample (not partialled out).</param>
    /// <param name="rss">Residual sum of squares.</param>
    /// <param name="tssWithin">ỹ'ỹ of the partialled-out y.</param>
    /// <param name="kFull">Regressors plus every absorbed FE degree of freedom.</param>
    /// <param name="dfFe">Absorbed FE degrees of freedom.</param>
    /// <param name="hasFixedEffects">Whether within statistics are reported.</param>
    public static FitStatistics Compute(double[] y, double rss, double tssWithin, int kFull, int dfFe, bool hasFixedEffects) =>
        Compute(DependentSpread.Of(y), rss, tssWithin, kFull, dfFe, hasFixedEffects);

    /// <summary>As <see cref="Compute(double[], double, double, int, int, bool)"/>, with y's spread taken already.</summary>
    public static FitStatistics Compute(DependentSpread y, double rss, double tssWithin, int kFull, int dfFe, bool hasFixedEffects)
    {
        var (n, _, tss) = y;
        var r2 = 1 - (rss / tss);
        var adjR2 = 1 - ((1 - r2) * (n - 1) / (n - kFull));
        if (!hasFixedEffects) return new FitStatistics(r2, adjR2, null, null);
        var r2Within = 1 - (rss / tssWithin);
        return new FitStatistics(r2, adjR2, r2Within, 1 - ((1 - r2Within) * (n - dfFe) / (n - kFull)));
    }
}

/// <summary>What the fit statistics need of the dependent variable on the estimation sample (not partialled out), taken
/// before the partialling when that writes over y (<see cref="FeolsOptions.ReuseColumns"/>).</summary>
/// <param name="N">Rows.</param>
/// <param name="Mean">Mean of y.</param>
/// <param name="Tss">Σ(y − ȳ)², the total sum of squares of R².</param>
internal readonly record struct DependentSpread(int N, double Mean, double Tss)
{
    public static DependentSpread Of(double[] y)
    {
        var mean = y.Average();
        double tss = 0;
        foreach (var v in y) tss += (v - mean) * (v - mean);
        return new DependentSpread(y.Length, mean, tss);
    }
}
