using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using Warehouse.Analysis.Estimation.Variance;

namespace Warehouse.Analysis.Estimation;

/// <summary>The first-stage diagnostics of a 2SLS fit that look at all first stages at once: the Kleibergen–Paap
/// rk Wald F (weak identification) and, when over-identified, Sargan's or Hansen's J test.</summary>
/// <remarks>
/// <para>Kleibergen–Paap (2006, J. Econometrics 133:97–126) as Stata's <c>ranktest (X) (Z), wald full</c>, which
/// fixest's <c>kpr</c> and Vcov.jl translate: with Z̃ the excluded instruments and X̃ the endogenous regressors,
/// both partialled of the FEs and the exogenous regressors, Π the L×K first-stage coefficients of Z̃ and V the
/// first-stage residuals, Θ = F Π G⁻¹ (F'F = Z̃'Z̃, G'G = V'V), the rk statistic is λ'(Σ_λ)⁻¹λ with λ = (B⊥ ⊗ A⊥')vec Θ
/// from the singular value decomposition Θ = U S V' (A⊥ from U's last L − K + 1 columns, B⊥ = V's K-th column,
/// sign-normalised) and Σ_λ = (B⊥ ⊗ A⊥') Var(vec Θ) (B⊥ ⊗ A⊥')'. The F reported is rk / L; its p-value is the rank
/// test's, rk against χ²(L − K + 1). B⊥ is the K-th right singular vector, V's column; Vcov.jl and fixest index the
/// transposed matrix (V's K-th row), which is the same for K ≤ 2 in the cases tested but not in general: with three
/// endogenous regressors only the column gives the Cragg–Donald value under iid errors (tests/Analysis/IvDiagnosticsTests).</para>
/// <para>Small-sample convention (where fixest and ivreg2 differ from each other): Var(vec Θ) is the joint variance of
/// the first stages' instrument coefficients with the model's variance type <em>and its small-sample rule</em>
/// (HC1's N/(N − K), the cluster rule G/(G − 1)·(N − 1)/(N − K), the panel HAC rules; K that of one first stage), and
/// with iid errors Σ_vv ⊗ (Z̃'Z̃)⁻¹ with Σ_vv = V'V/(N − K). So with one endogenous regressor the F equals
/// <c>ivwald1</c> exactly (and <c>ivf1</c> with iid errors), as fixest's documentation says it should. fixest's
/// <c>kpr</c> scales the robust meat by N/(N − K) only (N − 1 when clustered, no G/(G − 1)) and the iid one by 1/N;
/// ivreg2 reports rk·(N − L)/(N·L) (cluster: ·(G − 1)/G). Multiply accordingly to compare.</para>
/// <para>Over-identification (L &gt; K only): with iid errors Sargan's N·R² of the 2SLS residuals on all instruments
/// (exogenous regressors and excluded instruments, FEs partialled), R² centred as fixest's <c>sargan</c>; otherwise
/// Hansen's J as ivreg2 reports it for robust 2SLS: S the meat of z_i·e_i with the model's variance structure
/// (hetero, clusters, panel HAC) and no small-sample factor, the two-step efficient GMM estimate with weight S⁻¹, and
/// J = (Z'u)'S⁻¹(Z'u) at its residuals u; both against χ²(L − K).</para>
/// </remarks>
internal static class IvDiagnostics
{
    /// <summary>The Kleibergen–Paap rk Wald F of the first stages.</summary>
    /// <param name="instruments">Excluded instruments, FEs and exogenous regressors partialled out (n each).</param>
    /// <param name="pi">Their first-stage coefficients, one array of L per endogenous regressor.</param>
    /// <param name="firstResiduals">The first stages' residuals, one per endogenous regressor.</param>
    /// <param name="kind">The model's variance type.</param>
    /// <param name="template">The model's variance input (FEs, clusters, panel, small-sample rule) with K set to one
    /// first stage's regressors.</param>
    /// <param name="iidDf">N − K of one first stage (the iid variance's divisor).</param>
    /// <returns>NaN statistics when the first stages are degenerate (a singular Gram or variance matrix).</returns>
    public static WeakIdentificationTest KleibergenPaap(
        double[][] instruments, double[][] pi, double[][] firstResiduals, VcovKind kind, VcovInput template, int iidDf)
    {
        var l = instruments.Length;
        var k = pi.Length;
        var df = l - k + 1;
        var nan = new WeakIdentificationTest(double.NaN, double.NaN, double.NaN, df);
        var m = Matrix<double>.Build;
        var z = m.DenseOfColumnArrays(instruments);
        var v = m.DenseOfColumnArrays(firstResiduals);
        var ztz = z.TransposeThisAndMultiply(z);
        var vtv = v.TransposeThisAndMultiply(v);
        if (UpperCholesky(ztz) is not { } f || UpperCholesky(vtv) is not { } g) return nan;
        var piMatrix = m.DenseOfColumnArrays(pi);
        var gInverse = g.Inverse();
        var theta = f * piMatrix * gInverse;

        var svd = theta.Svd(computeVectors: true);
        var u = svd.U;
        var right = svd.VT.Transpose();
        var uSub = u.SubMatrix(k - 1, l - k + 1, k - 1, l - k + 1);
        var aPerp = u.SubMatrix(0, l, k - 1, l - k + 1) * (uSub.Inverse() * SymmetricSqrt(uSub * uSub.Transpose()));
        var vkk = right[k - 1, k - 1];
        var bPerp = right.SubMatrix(0, k, k - 1, 1).Transpose() * (vkk < 0 ? -1.0 : 1.0);
        var kron = bPerp.KroneckerProduct(aPerp.Transpose());
        var lambda = kron * Vector<double>.Build.DenseOfArray(theta.ToColumnMajorArray());

        Matrix<double> varLambda;
        if (kind == VcovKind.Iid)
        {
            // Var(vec Θ) = (G'⁻¹ Σ_vv G⁻¹) ⊗ I with Σ_vv = V'V/df, i.e. I/df.
            varLambda = kron * kron.Transpose() / iidDf;
        }
        else
        {
            var varPi = m.DenseOfArray(JointVariance(instruments, firstResiduals, ztz, kind, template));
            var toTheta = gInverse.Transpose().KroneckerProduct(f);
            varLambda = kron * toTheta * varPi * toTheta.Transpose() * kron.Transpose();
        }
        if (UpperCholesky(varLambda) is not { } root) return nan;
        var whitened = root.Transpose().Solve(lambda);
        var rk = whitened.DotProduct(whitened);
        return new WeakIdentificationTest(rk, rk / l, 1 - ChiSquared.CDF(df, rk), df);
    }

    /// <summary>Sargan (iid) or Hansen's J (any other variance type); null when exactly identified.</summary>
    /// <param name="y">The partialled-out dependent variable.</param>
    /// <param name="regressors">The partialled-out endogenous then exogenous regressors (the 2SLS design).</param>
    /// <param name="instruments">All instruments: exogenous regressors then excluded instruments, partialled out.</param>
    /// <param name="residuals">The 2SLS residuals.</param>
    /// <param name="kind">The model's variance type.</param>
    /// <param name="template">The model's variance input (FEs, clusters, panel).</param>
    public static OveridentificationTest? Overidentification(
        double[] y, double[][] regressors, double[][] instruments, double[] residuals, VcovKind kind, VcovInput template)
    {
        var df = instruments.Length - regressors.Length;
        if (df <= 0) return null;
        var n = residuals.Length;
        var m = Matrix<double>.Build;
        var z = m.DenseOfColumnArrays(instruments);
        var e = Vector<double>.Build.DenseOfArray(residuals);
        if (kind == VcovKind.Iid)
        {
            var fitted = z * z.TransposeThisAndMultiply(z).Solve(z.TransposeThisAndMultiply(e));
            var rss = (e - fitted).DotProduct(e - fitted);
            var mean = e.Sum() / n;
            var tss = e.Subtract(mean).DotProduct(e.Subtract(mean));
            var sargan = n * (1 - (rss / tss));
            return new OveridentificationTest("Sargan", sargan, 1 - ChiSquared.CDF(df, sargan), df);
        }

        var identity = m.DenseIdentity(instruments.Length).ToArray();
        var meat = VarianceEstimator.Compute(kind, template with
        {
            Scores = instruments, Residuals = residuals, Bread = identity, Rss = e.DotProduct(e),
            SmallSample = SmallSampleConvention.None, CountedRegressors = null,
        }).Vcov;
        var weight = m.DenseOfArray(meat).Inverse();
        var x = m.DenseOfColumnArrays(regressors);
        var yv = Vector<double>.Build.DenseOfArray(y);
        var zx = z.TransposeThisAndMultiply(x);
        var beta = (zx.Transpose() * weight * zx).Solve(zx.Transpose() * weight * z.TransposeThisAndMultiply(yv));
        var g = z.TransposeThisAndMultiply(yv - (x * beta));
        var j = g * weight * g;
        return new OveridentificationTest("Hansen J", j, 1 - ChiSquared.CDF(df, j), df);
    }

    /// <summary>The joint variance of every first stage's instrument coefficients, in vec(Π) order (first stage by
    /// first stage): the sandwich with bread I ⊗ (Z̃'Z̃)⁻¹ and scores z̃_i·v_ij, scaled by the model's rule.</summary>
    private static double[,] JointVariance(double[][] z, double[][] v, Matrix<double> ztz, VcovKind kind, VcovInput template)
    {
        var l = z.Length;
        var k = v.Length;
        var n = v[0].Length;
        var scores = new double[k * l][];
        for (var j = 0; j < k; j++)
            for (var a = 0; a < l; a++)
            {
                var s = new double[n];
                for (var i = 0; i < n; i++) s[i] = z[a][i] * v[j][i];
                scores[(j * l) + a] = s;
            }
        var ones = new double[n];
        Array.Fill(ones, 1.0);
        var bread = Matrix<double>.Build.DenseIdentity(k).KroneckerProduct(ztz.Inverse()).ToArray();
        return VarianceEstimator.Compute(kind, template with { Scores = scores, Residuals = ones, Bread = bread }).Vcov;
    }

    /// <summary>R with R'R = <paramref name="a"/>; null when <paramref name="a"/> is not positive definite.</summary>
    private static Matrix<double>? UpperCholesky(Matrix<double> a)
    {
        try
        {
            return a.Cholesky().Factor.Transpose();
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The symmetric square root of a symmetric positive semi-definite matrix.</summary>
    private static Matrix<double> SymmetricSqrt(Matrix<double> a)
    {
        var evd = a.Evd(Symmetricity.Symmetric);
        var root = Matrix<double>.Build.DenseOfDiagonalVector(evd.EigenValues.Map(c => Math.Sqrt(Math.Max(c.Real, 0))));
        return evd.EigenVectors * root * evd.EigenVectors.Transpose();
    }
}

/// <summary>The Kleibergen–Paap rk Wald test of weak identification.</summary>
/// <param name="RkWald">The rk Wald statistic.</param>
/// <param name="F">rk / L, the "Kleibergen–Paap rk Wald F" compared with Stock–Yogo critical values.</param>
/// <param name="P">p-value of the rank test, rk against χ²(<paramref name="Df"/>).</param>
/// <param name="Df">L − K + 1.</param>
public sealed record WeakIdentificationTest(double RkWald, double F, double P, int Df);

/// <summary>A test of the over-identifying restrictions.</summary>
/// <param name="Name">"Sargan" (iid) or "Hansen J" (robust, cluster, panel HAC).</param>
/// <param name="Statistic">The statistic, χ²(<paramref name="Df"/>) under the null that the instruments are valid.</param>
/// <param name="P">Its p-value.</param>
/// <param name="Df">Instruments minus regressors (L − K).</param>
public sealed record OveridentificationTest(string Name, double Statistic, double P, int Df);
