using Warehouse.Analysis.Data;
using Warehouse.Analysis.Estimation;

namespace Warehouse.Tests.Analysis;

/// <summary><see cref="Feols.Estimates(EstimationData, FeolsOptions?)"/> (the coefficients alone) gives the
/// same names and the same numbers, bit for bit, as <see cref="Feols.Fit"/> on one-, two- and three-way FE panels,
/// unbalanced ones with singletons, a collinear column and no FE at all; and so does each model of several fitted on one
/// shared sample (the mediation bootstrap's two equations per draw) against the same model fitted alone.</summary>
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

    /// <summary>Each model of a shared sample against its own data, fitted alone.</summary>
    private static void SameAsAlone(EstimationData pool, IReadOnlyList<(string Y, IReadOnlyList<string> X)> models, FeolsOptions options)
    {
        var shared = Feols.Estimates(pool, models, options);
        Assert.That(shared, Has.Count.EqualTo(models.Count));
        List<string> names = [pool.YName, .. pool.XNames];
        List<double[]> columns = [pool.Y, .. pool.X];
        double[] Column(string name) => columns[names.IndexOf(name)];
        for (var m = 0; m < models.Count; m++)
        {
            var (y, x) = models[m];
            var own = new EstimationData(y, Column(y), x, x.Select(Column).ToArray(), pool.FixedEffects, pool.Clusters) { Slopes = pool.Slopes };
            var (alone, beta) = Feols.Estimates(own, options);
            Assert.That(shared[m].Names, Is.EqualTo(alone), $"model {m}: names");
            Assert.That(shared[m].Beta, Is.EqualTo(beta), $"model {m}: bit-identical estimates");
        }
    }

    [TestCase(40, 10, 1.0, 0)]
    [TestCase(60, 8, 0.7, 0)]
    [TestCase(50, 12, 0.8, 15)]
    public void Models_sharing_a_sample_get_their_own_estimates_to_the_last_bit(int units, int periods, double keep, int firms)
    {
        var data = SimPanels.Panel(new Random(units + periods), units, periods, keep, firms);
        var rng = new Random(7);
        var m = data.X[0].Select(v => (0.5 * v) + rng.NextDouble()).ToArray();
        // A mediation's equations: M on the regressors, y on the first, M and the rest; and one the size of the pool.
        var pool = new EstimationData(data.YName, data.Y, ["m", .. data.XNames], [m, .. data.X], data.FixedEffects, data.Clusters);
        List<(string, IReadOnlyList<string>)> models =
        [
            ("m", data.XNames),
            (data.YName, [data.XNames[0], "m", .. data.XNames.Skip(1)]),
            (data.YName, [data.XNames[^1]]),
        ];
        SameAsAlone(pool, models, new FeolsOptions());
        SameAsAlone(pool, models, new FeolsOptions { Vcov = VcovKind.Iid, DropSingletons = false });
        SameAsAlone(new EstimationData(pool.YName, pool.Y, pool.XNames, pool.X, [pool.FixedEffects[0]], pool.Clusters), models, new FeolsOptions());
        SameAsAlone(new EstimationData(pool.YName, pool.Y, pool.XNames, pool.X, [], []), models, new FeolsOptions());
    }

    [Test]
    public void A_collinear_column_is_dropped_from_the_models_that_have_it()
    {
        var data = SimPanels.Panel(new Random(3), 30, 6);
        var twice = data.X[0].Select(v => 2 * v).ToArray();
        var pool = new EstimationData(data.YName, data.Y, [.. data.XNames, "x1_twice"], [.. data.X, twice], data.FixedEffects, data.Clusters);
        List<(string, IReadOnlyList<string>)> models = [(data.YName, [.. data.XNames, "x1_twice"]), (data.YName, data.XNames)];
        SameAsAlone(pool, models, new FeolsOptions());
        Assert.That(Feols.Estimates(pool, models)[0].Names, Does.Not.Contain("x1_twice"));
    }

    [Test]
    public void A_name_that_is_not_a_column_is_refused()
    {
        var data = SimPanels.Panel(new Random(4), 20, 5);
        Assert.That(() => Feols.Estimates(data, [(data.YName, ["nope"])]), Throws.ArgumentException.With.Message.Contains("no column named nope"));
    }
}
