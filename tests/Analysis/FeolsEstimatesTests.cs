using Warehouse.Analysis.Data;
using Warehouse.Analysis.Estimation;

namespace Warehouse.Tests.Analysis;

/// <summary><see cref="Feols.Estimates"/> (the coefficients alone, as the mediation bootstrap reads them) gives the
/// same names and the same numbers, bit for bit, as <see cref="Feols.Fit"/> on one-, two- and three-way FE panels,
/// unbalanced ones with singletons, a collinear column and no FE at all.</summary>
[TestFixture]
public sealed class FeolsEstimatesTests
{
    private static void Same(EstimationData data, FeolsOptions options)
    {
        var fit = Feols.Fit(data, options);
        var (names, beta) = Feols.Estimates(data, options);
        Assert.That(names, Is.EqualTo(fit.Coefficients.Select(c => c.Name).ToArray()));
        Assert.That(beta, Is.EqualTo(fit.Coefficients.Select(c => c.Estimate).ToArray()), "bit-identical estimates");
    }

    [TestCase(40, 10, 1.0, 0)]
    [TestCase(60, 8, 0.7, 0)]
    [TestCase(50, 12, 0.8, 15)]
    public void Estimates_are_the_fits_coefficients_to_the_last_bit(int units, int periods, double keep, int firms)
    {
        var data = SimPanels.Panel(new Random(units + periods), units, periods, keep, firms);
        Same(data, new FeolsOptions());
        Same(data, new FeolsOptions { Vcov = VcovKind.Iid, DropSingletons = false });
        Same(new EstimationData(data.YName, data.Y, data.XNames, data.X, [data.FixedEffects[0]], data.Clusters), new FeolsOptions());
        Same(new EstimationData(data.YName, data.Y, data.XNames, data.X, [], []), new FeolsOptions());
    }

    [Test]
    public void A_collinear_column_is_dropped_by_both()
    {
        var data = SimPanels.Panel(new Random(3), 30, 6);
        var twice = data.X[0].Select(v => 2 * v).ToArray();
        var collinear = new EstimationData(data.YName, data.Y, [.. data.XNames, "x1_twice"], [.. data.X, twice], data.FixedEffects, data.Clusters);
        Same(collinear, new FeolsOptions());
        Assert.That(Feols.Estimates(collinear).Names, Does.Not.Contain("x1_twice"));
    }
}
