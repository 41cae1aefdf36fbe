using Warehouse.Analysis.Data;
using Warehouse.Analysis.Estimation;

namespace Warehouse.Tests.Analysis;

/// <summary><see cref="FeolsOptions.ReuseColumns"/>: the partialled values go over the data's own y and regressor
/// arrays (no second copy), and every reported number is the same, bit for bit, as a fit that leaves the data alone —
/// for each demeaning algorithm, one to three fixed effects, the four-wide and the general Schur kernels, and a sample
/// whose singletons are dropped (the sample's columns are then copies and the data stay as they were).</summary>
[TestFixture]
public sealed class ReuseColumnsTests
{
    private static EstimationData Copy(EstimationData d, int fixedEffects, int regressors) =>
        new(d.YName, (double[])d.Y.Clone(), d.XNames.Take(regressors).ToList(), d.X.Take(regressors).Select(x => (double[])x.Clone()).ToArray(),
            d.FixedEffects.Take(fixedEffects).ToArray(), d.Clusters);

    private static void SameFit(FitResult reused, FitResult kept)
    {
        Assert.That(reused.Coefficients.Select(c => (c.Name, c.Estimate, c.StdError, c.T, c.P)),
            Is.EqualTo(kept.Coefficients.Select(c => (c.Name, c.Estimate, c.StdError, c.T, c.P))), "coefficients and their inference");
        Assert.That(reused.Vcov, Is.EqualTo(kept.Vcov), "vcov");
        Assert.That((reused.R2, reused.AdjustedR2, reused.R2Within, reused.AdjustedR2Within, reused.Rss, reused.FStat, reused.DfResid),
            Is.EqualTo((kept.R2, kept.AdjustedR2, kept.R2Within, kept.AdjustedR2Within, kept.Rss, kept.FStat, kept.DfResid)), "fit statistics");
        Assert.That(reused.Notes, Is.EqualTo(kept.Notes), "notes");
    }

    [TestCase(DemeanAlgorithm.Schur, 3, 2)]
    [TestCase(DemeanAlgorithm.Schur, 3, 1)]
    [TestCase(DemeanAlgorithm.Schur, 2, 2)]
    [TestCase(DemeanAlgorithm.ConjugateGradient, 3, 2)]
    [TestCase(DemeanAlgorithm.IronsTuck, 3, 2)]
    [TestCase(DemeanAlgorithm.IronsTuck, 1, 2)]
    public void A_fit_that_reuses_its_columns_reports_the_same_numbers_and_keeps_no_copy(DemeanAlgorithm algorithm, int fixedEffects, int regressors)
    {
        // Balanced, every unit, period and firm seen more than once: no singleton, so the sample is the data itself.
        var panel = SimPanels.Panel(new Random(11), 60, 9, 1.0, 12);
        var options = new FeolsOptions { Algorithm = algorithm };
        var kept = Feols.Fit(Copy(panel, fixedEffects, regressors), options);
        var data = Copy(panel, fixedEffects, regressors);
        var rawX = (double[])data.X[0].Clone();
        var reused = Feols.Fit(data, options with { ReuseColumns = true });

        SameFit(reused, kept);
        Assert.That(reused.SingletonsDropped, Is.Zero);
        Assert.That(reused.State.X[0], Is.SameAs(data.X[0]), "the partialled regressor is the data's own array");
        Assert.That(reused.State.Y, Is.SameAs(data.Y), "and so is the partialled y");
        Assert.That(data.X[0], Is.Not.EqualTo(rawX), "which now hold the partialled values");
        Assert.That(data.X[0], Is.EqualTo(kept.State.X[0]), "the same values a copy gets");
    }

    [Test]
    public void A_sample_with_singletons_dropped_is_partialled_over_its_own_copy_and_the_data_stay()
    {
        var panel = SimPanels.Panel(new Random(5), 50, 12, 0.8, 300);
        var kept = Feols.Fit(Copy(panel, 3, 2), new FeolsOptions());
        var data = Copy(panel, 3, 2);
        var raw = data.X.Select(x => (double[])x.Clone()).Prepend((double[])data.Y.Clone()).ToArray();
        var reused = Feols.Fit(data, new FeolsOptions { ReuseColumns = true });

        Assert.That(kept.SingletonsDropped, Is.GreaterThan(0), "the design has singletons");
        SameFit(reused, kept);
        Assert.That(new[] { data.Y }.Concat(data.X), Is.EqualTo(raw), "the data's columns are untouched");
    }

    [Test]
    public void Without_fixed_effects_the_columns_are_left_as_they_are()
    {
        var panel = SimPanels.Panel(new Random(8), 30, 6);
        var kept = Feols.Fit(Copy(panel, 0, 2), new FeolsOptions());
        var data = Copy(panel, 0, 2);
        var rawY = (double[])data.Y.Clone();
        var reused = Feols.Fit(data, new FeolsOptions { ReuseColumns = true });

        SameFit(reused, kept);
        Assert.That(data.Y, Is.EqualTo(rawY));
    }
}
