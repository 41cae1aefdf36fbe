using Warehouse.Analysis.Data;
using Warehouse.Analysis.Estimation;
using Warehouse.Analysis.Inference;

namespace Warehouse.Tests.Analysis;

/// <summary>The fast (boottest-style) WCR bootstrap against brute force: re-estimating the model on every bootstrap
/// sample, with the same weights, must give the same t* and so the same p-value.</summary>
[TestFixture]
public sealed class WildBootstrapTests
{
    private static EstimationData Panel(int seed) => SimPanels.Panel(new Random(seed), units: 8, periods: 10, clusterShock: 0.6);

    [TestCase(BootstrapWeights.Rademacher)]
    [TestCase(BootstrapWeights.Webb)]
    public void Fast_algorithm_equals_reestimating_every_draw(BootstrapWeights weights)
    {
        var data = Panel(11);
        // Tight demeaning everywhere: the comparison is draw by draw, so t* must agree far below the default 1e-8.
        var tight = new FeolsOptions { Tolerance = 1e-13 };
        var fit = Feols.Fit(data, tight);
        var options = new WildBootstrapOptions { Replications = 199, Seed = 5, Weights = weights, ConfidenceInterval = false };
        var fast = WildBootstrap.Test(fit, "x1", options, nullValue: 1.2);
        var draws = WildBootstrap.Draws(data.Clusters[0].Levels, options);

        // Restricted model under H0: b_x1 = 1.2 → regress y − 1.2·x1 on x2 with the same FEs.
        var yR = data.Y.Zip(data.X[0], (y, x) => y - (1.2 * x)).ToArray();
        var restricted = Feols.Fit(new EstimationData("y", yR, ["x2"], [data.X[1]], data.FixedEffects, data.Clusters), tight);
        var uR = restricted.State.Residuals;
        var t = (fit["x1"].Estimate - 1.2) / fit["x1"].StdError;
        var exceed = 0;
        foreach (var v in draws)
        {
            var yStar = new double[data.Rows];
            for (var i = 0; i < data.Rows; i++)
                yStar[i] = data.Y[i] - uR[i] + (v[data.Clusters[0].Codes[i]] * uR[i]);
            var star = Feols.Fit(new EstimationData("y", yStar, data.XNames, data.X, data.FixedEffects, data.Clusters), tight)["x1"];
            if (Math.Abs((star.Estimate - 1.2) / star.StdError) >= Math.Abs(t) * (1 - 1e-10)) exceed++;
        }
        Assert.That(fast.T, Is.EqualTo(t).Within(1e-9 * Math.Abs(t)));
        Assert.That(fast.P, Is.EqualTo((double)exceed / draws.Length));
        Assert.That(fast.Replications, Is.EqualTo(weights == BootstrapWeights.Rademacher ? 199 : 199));
    }

    [Test]
    public void Rademacher_signs_are_enumerated_when_there_are_few_clusters()
    {
        var data = Panel(12);
        var fit = Feols.Fit(data);
        var result = WildBootstrap.Test(fit, "x2", new WildBootstrapOptions { Replications = 9999 });
        Assert.That(result.Replications, Is.EqualTo(256), "2^8 sign vectors instead of 9 999 random draws");
        var again = WildBootstrap.Test(fit, "x2", new WildBootstrapOptions { Replications = 9999, Seed = 1 });
        Assert.That(again.P, Is.EqualTo(result.P), "enumeration does not depend on the seed");
    }

    [Test]
    public void Same_seed_same_answer_and_the_interval_contains_the_estimate()
    {
        var data = SimPanels.Panel(new Random(13), units: 30, periods: 14);
        var fit = Feols.Fit(data);
        var a = WildBootstrap.Test(fit, "x1", new WildBootstrapOptions { Weights = BootstrapWeights.Webb, Seed = 3 });
        var b = WildBootstrap.Test(fit, "x1", new WildBootstrapOptions { Weights = BootstrapWeights.Webb, Seed = 3 });
        Assert.That(b.P, Is.EqualTo(a.P));
        Assert.That(b.CiLow, Is.EqualTo(a.CiLow));
        Assert.That(a.CiLow, Is.LessThan(fit["x1"].Estimate));
        Assert.That(a.CiHigh, Is.GreaterThan(fit["x1"].Estimate));
        // The bootstrap interval and the conventional one should be of the same order with 30 clusters.
        Assert.That(a.CiHigh - a.CiLow, Is.EqualTo(fit["x1"].CiHigh - fit["x1"].CiLow).Within(50).Percent);
        // At the interval's ends the bootstrap p-value is the test size (by construction of the inversion).
        Assert.That(a.Replications, Is.EqualTo(9999));
    }

    [Test]
    public void Several_weights_at_once_give_each_test_of_its_own()
    {
        var data = SimPanels.Panel(new Random(14), units: 30, periods: 14);
        var fit = Feols.Fit(data);
        WildBootstrapOptions[] options =
        [
            new() { Weights = BootstrapWeights.Rademacher, Replications = 999, Seed = 8 },
            new() { Weights = BootstrapWeights.Webb, Replications = 999, Seed = 8 },
            new() { Weights = BootstrapWeights.Webb, Replications = 499, Seed = 9, ConfidenceInterval = false },
        ];
        var together = WildBootstrap.Test(fit, "x1", options, nullValue: 0.1);
        Assert.That(together, Has.Count.EqualTo(options.Length));
        for (var i = 0; i < options.Length; i++)
        {
            var alone = WildBootstrap.Test(fit, "x1", options[i], nullValue: 0.1);
            Assert.That(together[i] with { Seconds = 0 }, Is.EqualTo(alone with { Seconds = 0 }), $"options {i}");
        }
    }
}
