using Warehouse.Analysis.Threshold;

namespace Warehouse.Tests.Analysis.Threshold;

/// <summary>Hansen's grid of candidates, by hand: quantiles of the distinct values, the strict q &lt; γ cut and the
/// windows around thresholds already found.</summary>
[TestFixture]
public sealed class ThresholdGridTests
{
    [Test]
    public void Candidates_are_quantiles_of_the_distinct_values()
    {
        // Values 1..10, value v repeated v times: 10 distinct values, 55 rows.
        var q = Enumerable.Range(1, 10).SelectMany(v => Enumerable.Repeat((double)v, v)).ToArray();
        // qn = 10, trim 0.1: s = 0.1, 0.2, …, 0.9, candidates dd[floor(10 s)] = 1..9 (quantiles of all 55 rows would
        // crowd to the large values instead).
        var grid = ThresholdGrid.Build(q, 10, 0.1);
        Assert.That(grid.Values, Is.EqualTo(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }));
        Assert.That(grid.Distinct, Is.EqualTo(10));
        // Strict rule: rows with q < γ; γ = 3 leaves 1 + 2 = 3 rows below.
        Assert.That(grid.Cuts[2], Is.EqualTo(3));
        Assert.That(grid.Cuts[0], Is.Zero);
    }

    [Test]
    public void Windows_around_a_found_threshold_follow_Hansens_rule()
    {
        var q = Enumerable.Range(1, 100).Select(v => (double)v).ToArray();
        var grid = ThresholdGrid.Build(q, 100, 0.05); // candidates 5..95
        Assert.That(grid.Values[0], Is.EqualTo(5));
        Assert.That(grid.Count, Is.EqualTo(91));
        var found = Array.IndexOf(grid.Values, 50.0);
        // nn = 45 candidates below 50; qn·trim = 5: 1-based i with 40 <= i < 50 excluded, i.e. values 44..53.
        var excluded = grid.Excluded([found], 0.05);
        var values = grid.Values.Where((_, g) => excluded[g]).ToArray();
        Assert.That(values, Is.EqualTo(Enumerable.Range(44, 10).Select(v => (double)v).ToArray()));
    }

    [Test]
    public void Settings_out_of_range_are_refused()
    {
        double[] q = [1, 2, 3];
        Assert.Throws<ArgumentException>(() => ThresholdGrid.Build(q, 10, 0.5));
        Assert.Throws<ArgumentException>(() => ThresholdGrid.Build(q, 1, 0.1));
        Assert.Throws<InvalidOperationException>(() => ThresholdGrid.Build([2, 2, 2], 10, 0.1));
    }
}
