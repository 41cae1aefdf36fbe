using MathNet.Numerics.Distributions;
using Warehouse.Analysis.Estimation;

namespace Warehouse.Analysis.Inference;

/// <summary>Turning point of a quadratic term and the Lind–Mehlum (2010) test for a U or inverted U.</summary>
/// <remarks><c>TurningPoint</c> = −b₁/(2b₂) with a delta-method interval; <c>UTest</c>: the slopes b₁+2b₂x at the
/// ends of the data range [<c>XMin</c>, <c>XMax</c>] must have opposite signs (negative then positive for a U);
/// the statistic is the smaller of the two one-sided t statistics and <c>UTestP</c> its one-sided p-value (t with
/// the fit's df). A p-value above 0.5 means the slopes do not even have the right signs.</remarks>
public sealed record NonlinearityResult(
    string Linear, string Squared, string Shape, double TurningPoint, double TurningPointSe, double CiLow, double CiHigh,
    double XMin, double XMax, double SlopeAtMin, double TAtMin, double SlopeAtMax, double TAtMax, double UTest, double UTestP)
{
    /// <summary>True when the turning point lies inside the observed range.</summary>
    public bool InsideRange => TurningPoint >= XMin && TurningPoint <= XMax;
}

public static class Nonlinearity
{
    public static NonlinearityResult Analyse(FitResult fit, string linear, string squared, double xMin, double xMax, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var names = fit.Coefficients.Select(c => c.Name).ToList();
        var i1 = names.IndexOf(linear);
        var i2 = names.IndexOf(squared);
        if (i1 < 0 || i2 < 0) throw new ArgumentException($"the fit has no {(i1 < 0 ? linear : squared)} coefficient (dropped as collinear?)");
        var b1 = fit.Coefficients[i1].Estimate;
        var b2 = fit.Coefficients[i2].Estimate;
        var v11 = fit.Vcov[i1, i1];
        var v22 = fit.Vcov[i2, i2];
        var v12 = fit.Vcov[i1, i2];

        var theta = -b1 / (2 * b2);
        var g1 = -1 / (2 * b2);
        var g2 = b1 / (2 * b2 * b2);
        var se = Math.Sqrt((g1 * g1 * v11) + (g2 * g2 * v22) + (2 * g1 * g2 * v12));
        var tCrit = StudentT.InvCDF(0, 1, fit.DfResid, 0.5 + (confidence / 2));

        double Slope(double x) => b1 + (2 * b2 * x);
        double SlopeSe(double x) => Math.Sqrt(v11 + (4 * x * x * v22) + (4 * x * v12));
        var tMin = Slope(xMin) / SlopeSe(xMin);
        var tMax = Slope(xMax) / SlopeSe(xMax);
        var uShape = b2 > 0;
        var stat = uShape ? Math.Min(-tMin, tMax) : Math.Min(tMin, -tMax);
        var p = 1 - StudentT.CDF(0, 1, fit.DfResid, stat);
        return new NonlinearityResult(linear, squared, uShape ? "U" : "inverted U", theta, se, theta - (tCrit * se), theta + (tCrit * se),
            xMin, xMax, Slope(xMin), tMin, Slope(xMax), tMax, stat, p);
    }
}
