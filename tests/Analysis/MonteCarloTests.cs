using Warehouse.Analysis.Data;
using Warehouse.Analysis.Estimation;
using Warehouse.Analysis.Inference;
using Warehouse.Bench.Estimation;

namespace Warehouse.Tests.Analysis;

/// <summary>Monte-Carlo properties with fixed seeds. Tolerances are derived from the simulation's own standard error
/// (a few Monte-Carlo SEs), so a correct estimator passes and a biased one or a wrong variance fails.</summary>
[TestFixture]
public sealed class MonteCarloTests
{
    private const double TrueX1 = 1.5;

    [TestCase(1.0, TestName = "Balanced panel: unbiased, clustered 95% intervals cover about 95%")]
    [TestCase(0.7, TestName = "Unbalanced panel: unbiased, clustered 95% intervals cover about 95%")]
    public void Two_way_fe_is_unbiased_and_clustered_intervals_cover(double keepShare)
    {
        const int reps = 400;
        var rng = new Random(2024);
        var estimates = new double[reps];
        var covered = 0;
        for (var r = 0; r < reps; r++)
        {
            var data = SimPanels.Panel(rng, units: 50, periods: 8, keepShare: keepShare, clusterShock: 0.8);
            var c = Feols.Fit(data).Coefficients[0];
            estimates[r] = c.Estimate;
            if (c.CiLow <= TrueX1 && TrueX1 <= c.CiHigh) covered++;
        }
        var mean = estimates.Average();
        var sd = Math.Sqrt(estimates.Sum(e => (e - mean) * (e - mean)) / (reps - 1));
        Assert.That(mean, Is.EqualTo(TrueX1).Within(4 * sd / Math.Sqrt(reps)), "bias beyond 4 Monte-Carlo SEs");
        var coverage = (double)covered / reps;
        var mcSe = Math.Sqrt(0.95 * 0.05 / reps);
        Assert.That(coverage, Is.EqualTo(0.95).Within(4 * mcSe), "coverage of the clustered 95% interval");
    }

    [Test]
    public void Iid_errors_give_iid_intervals_their_nominal_coverage()
    {
        const int reps = 400;
        var rng = new Random(77);
        var covered = 0;
        for (var r = 0; r < reps; r++)
        {
            var data = SimPanels.Panel(rng, units: 30, periods: 6, keepShare: 0.85, clusterShock: 0);
            var c = Feols.Fit(data, new FeolsOptions { Vcov = VcovKind.Iid }).Coefficients[0];
            if (c.CiLow <= TrueX1 && TrueX1 <= c.CiHigh) covered++;
        }
        Assert.That((double)covered / reps, Is.EqualTo(0.95).Within(4 * Math.Sqrt(0.95 * 0.05 / reps)));
    }

    /// <summary>9 clusters, only two of them "treated" (the regressor varies within cluster there and nowhere else
    /// much): the textbook case where cluster-robust t-tests over-reject (MacKinnon &amp; Webb 2017) and the WCR
    /// bootstrap does not.</summary>
    [Test]
    public void Wild_bootstrap_keeps_its_size_with_nine_clusters_where_the_cluster_t_test_over_rejects()
    {
        const int reps = 300;
        var rng = new Random(99);
        int conventional = 0, rademacher = 0, webb = 0;
        for (var r = 0; r < reps; r++)
        {
            var data = FewTreatedClusters(rng);
            var fit = Feols.Fit(data);
            if (fit.Coefficients[0].P < 0.05) conventional++;
            var rad = WildBootstrap.Test(fit, "d", new WildBootstrapOptions { Replications = 399, Seed = r, ConfidenceInterval = false });
            var wbb = WildBootstrap.Test(fit, "d", new WildBootstrapOptions { Replications = 399, Seed = r, Weights = BootstrapWeights.Webb, ConfidenceInterval = false });
            if (rad.P < 0.05) rademacher++;
            if (wbb.P < 0.05) webb++;
        }
        var se = Math.Sqrt(0.05 * 0.95 / reps);
        TestContext.Out.WriteLine($"rejection at 5%: cluster t {conventional / (double)reps:F3}, WCR Rademacher {rademacher / (double)reps:F3}, WCR Webb {webb / (double)reps:F3}");
        Assert.That(conventional / (double)reps, Is.GreaterThan(0.05 + (4 * se)), "the conventional test should over-reject here");
        Assert.That(rademacher / (double)reps, Is.LessThan(0.05 + (3 * se)), "WCR Rademacher keeps its size");
        Assert.That(webb / (double)reps, Is.LessThan(0.05 + (3 * se)), "WCR Webb keeps its size");
    }

    private static EstimationData FewTreatedClusters(Random rng)
    {
        const int clusters = 9;
        const int periods = 14;
        var y = new List<double>();
        var d = new List<double>();
        var z = new List<double>();
        var g = new List<int>();
        var t = new List<int>();
        for (var c = 0; c < clusters; c++)
        {
            var treated = c < 2;
            var shock = BenchDesigns.Normal(rng);
            for (var p = 0; p < periods; p++)
            {
                // Treatment switches on half-way in two clusters; the error has a cluster-wide AR-like component.
                var dv = treated && p >= periods / 2 ? 1.0 : 0.0;
                var zv = BenchDesigns.Normal(rng);
                var e = (shock * (p >= periods / 2 ? 1 : -1)) + BenchDesigns.Normal(rng);
                y.Add((0.0 * dv) + (0.5 * zv) + e); // H0 true: the coefficient of d is 0
                d.Add(dv);
                z.Add(zv);
                g.Add(c);
                t.Add(p);
            }
        }
        var cluster = Factor.FromIntegers("g", g.ToArray());
        return new EstimationData("y", y.ToArray(), ["d", "z"], [d.ToArray(), z.ToArray()],
            [cluster, Factor.FromIntegers("t", t.ToArray())], [cluster]);
    }
}
