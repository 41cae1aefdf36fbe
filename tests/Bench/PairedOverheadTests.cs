using Warehouse.Bench.Parsing;

namespace Warehouse.Tests.Bench;

/// <summary>bench parse's overhead figure: each run's ratio to the floor's run beside it, not a ratio of two medians.</summary>
[TestFixture]
public sealed class PairedOverheadTests
{
    [Test]
    public void A_load_change_between_runs_cancels_out_of_every_ratio()
    {
        // The machine slows down threefold halfway; ours always takes 25 % more than the floor run beside it.
        double[] floor = [1.0, 1.0, 1.0, 3.0, 3.0];
        var ours = floor.Select(f => f * 1.25).ToArray();
        var overhead = PairedOverhead.Of(ours, floor);
        Assert.That((overhead.Median, overhead.Min, overhead.Max), Is.EqualTo((0.25, 0.25, 0.25)).Within(1e-12));
    }

    [Test]
    public void Median_min_and_max_are_over_the_runs_ratios()
    {
        var overhead = PairedOverhead.Of([1.2, 2.2, 1.5, 1.0], [1.0, 2.0, 1.0, 1.0]);
        Assert.That(overhead.Median, Is.EqualTo(0.15).Within(1e-12)); // ratios 0.2, 0.1, 0.5, 0
        Assert.That(overhead.Min, Is.EqualTo(0.0).Within(1e-12));
        Assert.That(overhead.Max, Is.EqualTo(0.5).Within(1e-12));
    }

    [Test]
    public void Runs_that_do_not_pair_up_are_refused()
    {
        Assert.Throws<ArgumentException>(() => PairedOverhead.Of([1.0, 2.0], [1.0]));
        Assert.Throws<ArgumentException>(() => PairedOverhead.Of([], []));
    }
}
