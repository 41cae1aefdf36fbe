namespace Warehouse.Analysis.Estimation;

/// <summary>Fits whose inference does not exist: a perfect fit, a singular variance matrix, a single cluster.
/// Each is detected here so the fit says so instead of printing numbers made of rounding error.</summary>
internal static class DegenerateFit
{
    /// <summary>Smallest eigenvalue of the correlation form of V, relative to 1, below which V is treated as singular.
    /// Scale-free, so regressors measured in very different units do not trip it.</summary>
    private const double SingularTolerance = 1e-12;

    /// <summary>The error when no row is left to fit: how many rows the data had, how many were dropped for a missing
    /// model value before it and how many singletons were removed, so the user sees which step emptied the sample.</summary>
    public static InvalidOperationException EmptySample(Data.EstimationData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var why = new List<string>();
        if (data.RowsDroppedMissing > 0) why.Add($"{data.RowsDroppedMissing} rows dropped for a missing value in a model column");
        if (data.Rows > 0) why.Add($"all {data.Rows} remaining rows were singletons of a fixed effect");
        return new InvalidOperationException(why.Count == 0
            ? "no observations to estimate on (the data has no rows)"
            : $"no observations left to estimate on: {string.Join("; ", why)}");
    }

    /// <summary>The note R's <c>summary.lm</c> warns with: residual variance below 1e-30 of the fitted values' mean
    /// square, <c>resvar &lt; (mean(f)² + var(f)) · 1e-30</c>, with f = y − e the fitted values — taken here with y's
    /// own mean and variance, known before the partialling (which may overwrite y). Fitted values and residuals of a
    /// least-squares fit are orthogonal, so y's mean square exceeds f's by about e'e/(n − 1): the two thresholds differ by
    /// 1e-30 of the residual variance, which no comparison of doubles can see.</summary>
    /// <returns>The note, or null when the fit is not perfect.</returns>
    public static string? PerfectFitNote(DependentSpread y, double rss, int dfResid)
    {
        var (n, mean, tss) = y;
        if (n < 2 || dfResid <= 0) return null;
        var variance = tss / (n - 1);
        var resvar = rss / dfResid;
        // A mean square beyond the range of doubles (|ȳ| above 1e154) is no yardstick: every residual variance is below
        // infinity, and a fit with an R² of 0.07 would be called perfect.
        var meanSquare = (mean * mean) + variance;
        if (!double.IsFinite(meanSquare)) return null;
        return resvar < meanSquare * 1e-30
            ? "essentially perfect fit: the residuals are zero up to rounding, so standard errors, t, p and F are unreliable (F is left empty)"
            : null;
    }

    /// <summary>True when V (k × k, symmetric) has a zero diagonal or its correlation matrix D^−½VD^−½ has an
    /// eigenvalue below <see cref="SingularTolerance"/> — a Wald F on it would be rounding error.</summary>
    public static bool IsSingular(double[,] v)
    {
        var k = v.GetLength(0);
        var d = new double[k];
        for (var i = 0; i < k; i++)
        {
            if (!(v[i, i] > 0) || double.IsInfinity(v[i, i])) return true;
            d[i] = 1 / Math.Sqrt(v[i, i]);
        }
        var corr = new double[k, k];
        for (var i = 0; i < k; i++)
            for (var j = 0; j < k; j++) corr[i, j] = v[i, j] * d[i] * d[j];
        var (values, _) = SmallMatrix.SymmetricEigen(corr);
        return values.Min() < SingularTolerance;
    }

    /// <summary>Cluster-robust inference needs G ≥ 2 in every cluster variable (the t tests use G − 1 df).</summary>
    /// <exception cref="InvalidOperationException">A cluster variable has a single group in the estimation sample.</exception>
    public static void RequireTwoClusters(IReadOnlyList<Data.Factor> clusters)
    {
        foreach (var c in clusters.Where(c => c.Levels < 2))
        {
            throw new InvalidOperationException(
                $"cluster variable '{c.Name}' has {c.Levels} cluster in the estimation sample; cluster-robust standard errors need at least 2 " +
                "(drop --cluster, use --vcov hetero, or widen the sample)");
        }
    }

    /// <summary>A variance needs more observations than the parameters it divides by (N − K in σ² and in the small-sample
    /// factors); with none left, Student's t has no degrees of freedom and every standard error would be a division
    /// by zero.</summary>
    /// <param name="n">Observations in the estimation sample.</param>
    /// <param name="k">Parameters counted: coefficients and fixed-effect levels (as the variance counts them).</param>
    /// <exception cref="InvalidOperationException"><paramref name="n"/> ≤ <paramref name="k"/>.</exception>
    public static void RequireResidualDf(int n, int k)
    {
        if (n > k) return;
        throw new InvalidOperationException(
            $"no residual degrees of freedom: {n} observations for {k} parameters (coefficients and fixed-effect levels); " +
            "drop regressors or fixed effects, or widen the sample");
    }
}
