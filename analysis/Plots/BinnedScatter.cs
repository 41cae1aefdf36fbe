using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using Warehouse.Analysis.Data;
using Warehouse.Analysis.Estimation;
using Warehouse.Analysis.Inference;

namespace Warehouse.Analysis.Plots;

/// <summary>One bin of a binned scatter: the mean partialled x and y of its rows (means added back) and how many rows.</summary>
public sealed record ScatterBin(double X, double Y, int Rows);

/// <summary>The quadratic a fit estimated, drawn over a binned scatter: <c>y = Level + b₁x + b₂x²</c> with a pointwise
/// confidence band for its shape and the turning point.</summary>
/// <param name="B1">Coefficient of x in the fit.</param>
/// <param name="B2">Coefficient of x² in the fit.</param>
/// <param name="Level">Chosen so the curve's mean over the plotted rows equals their mean y (the FE model identifies
/// the curve's shape, not its level).</param>
/// <param name="MeanX">Mean of the plotted x.</param>
/// <param name="MeanX2">Mean of the plotted x².</param>
/// <param name="Vcov">Variance of (b₁, b₂) from the fit (its own variance estimator).</param>
/// <param name="TCritical">Two-sided 95% critical value of t with the fit's residual degrees of freedom.</param>
/// <param name="Nonlinearity">The turning point and its delta-method interval.</param>
public sealed record FittedQuadratic(double B1, double B2, double Level, double MeanX, double MeanX2, double[,] Vcov, double TCritical,
    NonlinearityResult Nonlinearity)
{
    /// <summary>The curve at <paramref name="x"/>.</summary>
    public double At(double x) => Level + (B1 * x) + (B2 * x * x);

    /// <summary>Half-width of the 95% band at <paramref name="x"/>: delta method on (b₁, b₂) for the curve relative to its
    /// level, i.e. the gradient (x − mean x, x² − mean x²).</summary>
    public double HalfWidth(double x)
    {
        var g1 = x - MeanX;
        var g2 = (x * x) - MeanX2;
        var variance = (g1 * g1 * Vcov[0, 0]) + (g2 * g2 * Vcov[1, 1]) + (2 * g1 * g2 * Vcov[0, 1]);
        return TCritical * Math.Sqrt(Math.Max(0, variance));
    }
}

/// <summary>A binned scatter in the binscatter convention (Stata <c>binscatter y x, controls() absorb()</c>): y and x are
/// each residualised on the fixed effects and the controls (Frisch–Waugh–Lovell), their sample means added back, the
/// rows sorted by the residualised x and cut into <see cref="DefaultBins"/> bins of equal count (row r of N sorted rows
/// goes to bin ⌊r·bins/N⌋), and each bin drawn at its mean x and mean y.</summary>
public sealed record BinnedScatter(string YName, string XName, IReadOnlyList<ScatterBin> Bins, int Rows, FittedQuadratic? Quadratic)
{
    /// <summary>binscatter's default number of quantile bins.</summary>
    public const int DefaultBins = 20;

    /// <summary>Partials the fixed effects of <paramref name="data"/> and every regressor except <paramref name="x"/> and
    /// <paramref name="squared"/> out of y and x, on the rows the fit used (singletons dropped as <see cref="Feols"/> does
    /// by default), and bins the result. With a fit and its turning point, the fitted quadratic comes along.</summary>
    /// <exception cref="ArgumentException"><paramref name="x"/> is not a regressor of <paramref name="data"/>.</exception>
    public static BinnedScatter Compute(EstimationData data, string x, string? squared, FitResult? fit = null, NonlinearityResult? nonlinearity = null,
        int bins = DefaultBins, bool dropSingletons = true)
    {
        ArgumentNullException.ThrowIfNull(data);
        var sample = SingletonFilter.Apply(data, dropSingletons);
        var xIndex = IndexOf(sample, x);
        var controls = Enumerable.Range(0, sample.XNames.Count)
            .Where(j => j != xIndex && sample.XNames[j] != squared)
            .Select(j => sample.X[j])
            .ToList();
        var (yRes, xRes) = Partial(sample, sample.Y, sample.X[xIndex], controls);
        var yMean = sample.Y.Average();
        var xMean = sample.X[xIndex].Average();
        var plotted = Enumerable.Range(0, sample.Rows).Select(i => (X: xRes[i] + xMean, Y: yRes[i] + yMean)).ToList();

        var order = Enumerable.Range(0, plotted.Count).OrderBy(i => plotted[i].X).ToArray();
        var count = Math.Min(bins, plotted.Count);
        var result = new List<ScatterBin>(count);
        for (var b = 0; b < count; b++)
        {
            var members = order.Where((_, rank) => (long)rank * count / plotted.Count == b).Select(i => plotted[i]).ToList();
            result.Add(new ScatterBin(members.Average(p => p.X), members.Average(p => p.Y), members.Count));
        }

        FittedQuadratic? quadratic = null;
        if (fit is not null && nonlinearity is not null)
        {
            var names = fit.Coefficients.Select(c => c.Name).ToList();
            var (i1, i2) = (names.IndexOf(nonlinearity.Linear), names.IndexOf(nonlinearity.Squared));
            var (b1, b2) = (fit.Coefficients[i1].Estimate, fit.Coefficients[i2].Estimate);
            var meanX = plotted.Average(p => p.X);
            var meanX2 = plotted.Average(p => p.X * p.X);
            var level = plotted.Average(p => p.Y) - (b1 * meanX) - (b2 * meanX2);
            var vcov = new[,] { { fit.Vcov[i1, i1], fit.Vcov[i1, i2] }, { fit.Vcov[i2, i1], fit.Vcov[i2, i2] } };
            quadratic = new FittedQuadratic(b1, b2, level, meanX, meanX2, vcov, StudentT.InvCDF(0, 1, fit.DfResid, 0.975), nonlinearity);
        }
        return new BinnedScatter(sample.YName, x, result, plotted.Count, quadratic);
    }

    private static int IndexOf(EstimationData data, string name)
    {
        for (var j = 0; j < data.XNames.Count; j++)
            if (data.XNames[j] == name) return j;
        throw new ArgumentException($"binned scatter: {name} is not a regressor of the model ({string.Join(", ", data.XNames)})");
    }

    /// <summary>Residuals of y and x after the fixed effects (or the intercept without any) and the controls.</summary>
    private static (double[] Y, double[] X) Partial(EstimationData data, double[] y, double[] x, IReadOnlyList<double[]> controls)
    {
        var columns = new List<double[]> { y, x };
        columns.AddRange(controls);
        var demeaned = data.FixedEffects.Count > 0
            ? new Demeaner(data.FixedEffects).Demean(columns).Columns
            : columns.Select(c => { var m = c.Average(); return c.Select(v => v - m).ToArray(); }).ToArray();
        if (controls.Count == 0) return (demeaned[0], demeaned[1]);
        var z = Matrix<double>.Build.DenseOfColumnArrays(demeaned.Skip(2));
        var qr = z.QR();
        double[] Residual(double[] v)
        {
            var target = Vector<double>.Build.DenseOfArray(v);
            return (target - (z * qr.Solve(target))).ToArray();
        }
        return (Residual(demeaned[0]), Residual(demeaned[1]));
    }
}
