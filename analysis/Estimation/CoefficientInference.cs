using MathNet.Numerics.Distributions;

namespace Warehouse.Analysis.Estimation;

/// <summary>t tests, confidence intervals and the joint Wald F test from the coefficients and their variance.</summary>
internal static class CoefficientInference
{
    /// <summary>One <see cref="Coefficient"/> per estimate: t = β/se, two-sided p and the interval from Student's t
    /// with <paramref name="df"/> degrees of freedom.</summary>
    public static Coefficient[] Table(IReadOnlyList<string> names, double[] beta, double[,] vcov, int df, double confidenceLevel)
    {
        var tCrit = StudentT.InvCDF(0, 1, df, 0.5 + (confidenceLevel / 2));
        var coefficients = new Coefficient[beta.Length];
        for (var j = 0; j < beta.Length; j++)
        {
            var se = Math.Sqrt(vcov[j, j]);
            var t = beta[j] / se;
            var p = 2 * StudentT.CDF(0, 1, df, -Math.Abs(t));
            coefficients[j] = new Coefficient(names[j], beta[j], se, t, p, beta[j] - (tCrit * se), beta[j] + (tCrit * se));
        }
        return coefficients;
    }

    /// <summary>Wald F that all coefficients except the intercept are zero: β'V⁻¹β / q against F(q, df); NaN when
    /// there is nothing to test or V is singular.</summary>
    public static (double F, double P) WaldF(double[] beta, double[,] vcov, IReadOnlyList<string> names, int df)
    {
        var idx = Enumerable.Range(0, beta.Length).Where(j => names[j] != Feols.Intercept).ToArray();
        return Wald(beta, vcov, idx, df);
    }

    /// <summary>Wald F that the coefficients <paramref name="idx"/> are jointly zero: β'V⁻¹β / q against F(q, df).</summary>
    public static (double F, double P) Wald(double[] beta, double[,] vcov, int[] idx, int df)
    {
        if (idx.Length == 0 || df <= 0) return (double.NaN, double.NaN);
        var v = new double[idx.Length, idx.Length];
        for (var a = 0; a < idx.Length; a++)
            for (var b = 0; b < idx.Length; b++) v[a, b] = vcov[idx[a], idx[b]];
        double[,] inv;
        try { inv = SmallMatrix.InverseSpd(v); }
        catch (InvalidOperationException) { return (double.NaN, double.NaN); }
        var bsub = idx.Select(j => beta[j]).ToArray();
        var w = SmallMatrix.Multiply(inv, bsub);
        double f = 0;
        for (var a = 0; a < idx.Length; a++) f += bsub[a] * w[a];
        f /= idx.Length;
        return (f, 1 - FisherSnedecor.CDF(idx.Length, df, f));
    }
}
