using Warehouse.Analysis.Data;
using Warehouse.Analysis.Estimation;
using Warehouse.Analysis.Inference;

namespace Warehouse.Tests.Analysis;

[TestFixture]
public sealed class NonlinearityTests
{
    private static (FitResult Fit, double Min, double Max) Quadratic(double b2, int seed)
    {
        var rng = new Random(seed);
        var n = 400;
        var x = Enumerable.Range(0, n).Select(_ => 4 * rng.NextDouble()).ToArray();
        var y = x.Select(v => (2.0 * v) + (b2 * v * v) + (0.3 * Warehouse.Bench.Estimation.BenchDesigns.Normal(rng))).ToArray();
        var g = Factor.FromIntegers("g", Enumerable.Range(0, n).Select(i => i % 40).ToArray());
        var data = new EstimationData("y", y, ["x", "x_sq"], [x, x.Select(v => v * v).ToArray()], [g], [g]);
        return (Feols.Fit(data), x.Min(), x.Max());
    }

    [Test]
    public void Turning_point_and_delta_method_standard_error()
    {
        var (fit, min, max) = Quadratic(-0.4, 1);
        var r = Nonlinearity.Analyse(fit, "x", "x_sq", min, max);
        var b1 = fit["x"].Estimate;
        var b2 = fit["x_sq"].Estimate;
        Assert.That(r.TurningPoint, Is.EqualTo(-b1 / (2 * b2)).Within(1e-12));
        Assert.That(r.TurningPoint, Is.EqualTo(2.5).Within(0.1), "true turning point 2/(2·0.4)");
        // Delta method by hand: g = (−1/(2b2), b1/(2b2²)).
        var g1 = -1 / (2 * b2);
        var g2 = b1 / (2 * b2 * b2);
        var v = fit.Vcov;
        Assert.That(r.TurningPointSe, Is.EqualTo(Math.Sqrt((g1 * g1 * v[0, 0]) + (g2 * g2 * v[1, 1]) + (2 * g1 * g2 * v[0, 1]))).Within(1e-14));
        Assert.That(r.CiLow, Is.LessThan(2.5).And.LessThan(r.TurningPoint));
        Assert.That(r.CiHigh, Is.GreaterThan(r.TurningPoint));
        Assert.That(r.Shape, Is.EqualTo("inverted U"));
        Assert.That(r.InsideRange, Is.True);
        Assert.That(r.UTestP, Is.LessThan(0.001));
    }

    [Test]
    public void U_test_does_not_confirm_a_monotone_relation()
    {
        // y = 2x − 0.1x² on [0, 4]: concave but still increasing at x = 4 (turning point 10 outside the range).
        var (fit, min, max) = Quadratic(-0.1, 2);
        var r = Nonlinearity.Analyse(fit, "x", "x_sq", min, max);
        Assert.That(r.InsideRange, Is.False);
        Assert.That(r.UTestP, Is.GreaterThan(0.5), "slope at the top of the range has the wrong sign for an inverted U");
    }
}
