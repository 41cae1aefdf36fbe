using System.Diagnostics;
using Warehouse.Analysis.Data;

namespace Warehouse.Analysis.Threshold;

/// <summary>Hansen's bootstrap of the threshold-effect F test.</summary>
/// <remarks>Under the null (the model with the thresholds already found), fitted values ŷ and residuals ê are
/// kept; each replication draws n units with replacement and gives unit i the residual vector of the drawn unit,
/// period by period: y* = ŷ + ê*. The regressors and q stay fixed. On y* the thresholds are re-estimated
/// sequentially from scratch (single, then the next given it, …, without refinement, as his program) and
/// F* = n(T−1)·(SSR*_{k−1}/SSR*_k − 1). Needs a balanced panel (residual vectors of equal length).</remarks>
internal sealed class ThresholdBootstrapper
{
    private readonly ThresholdSearch search;
    private readonly int[][] unitRows;
    private readonly int scale;
    private readonly ParallelOptions parallel;

    /// <summary>Resamples whole units of <paramref name="search"/>'s panel.</summary>
    /// <param name="search">The search on the original data (its demeaning and grid are reused by every replication).</param>
    /// <param name="unit">The unit factor (rows of a unit are resampled together).</param>
    /// <param name="time">Period of each row, to line the donors' residuals up; null = row order.</param>
    /// <param name="scale">n(T−1), Hansen's F scale.</param>
    /// <param name="balanced">Whether every unit has the same number of periods (required).</param>
    /// <param name="threads">Replications run at once; null = all cores (the statistics do not depend on it).</param>
    public ThresholdBootstrapper(ThresholdSearch search, Factor unit, double[]? time, int scale, bool balanced, int? threads)
    {
        if (!balanced)
            throw new InvalidOperationException($"the threshold bootstrap resamples whole units and needs a balanced panel ({unit.Name} has units with different numbers of periods)");
        this.search = search;
        this.scale = scale;
        this.parallel = new ParallelOptions { MaxDegreeOfParallelism = threads ?? -1 };
        var rows = Enumerable.Range(0, unit.Levels).Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < unit.Codes.Length; i++) rows[unit.Codes[i]].Add(i);
        unitRows = rows.Select(r => (time is null ? r.ToArray() : r.OrderBy(i => time[i]).ToArray())).ToArray();
    }

    public ThresholdBootstrap Test(IReadOnlyList<int> found, double trim, double f, int replications, int seed)
    {
        var clock = Stopwatch.StartNew();
        var nullFit = this.search.FitFixed(this.search.Y, found);
        var fitted = new double[this.search.Rows];
        for (var i = 0; i < fitted.Length; i++) fitted[i] = this.search.Y[i] - nullFit.Residuals[i];
        var n = unitRows.Length;
        // The donors are drawn up front in the serial order of one seeded generator, so the replications can run on
        // every core and still give the same statistics, bit for bit, as one after another.
        var rng = new Random(seed);
        var donors = new int[replications][];
        for (var b = 0; b < replications; b++)
        {
            donors[b] = new int[n];
            for (var i = 0; i < n; i++) donors[b][i] = rng.Next(n);
        }
        var stats = new double[replications];
        Parallel.For(0, replications, this.parallel, b => stats[b] = Replicate(donors[b], fitted, nullFit.Residuals, found, trim));
        var p = stats.Count(s => s > f) / (double)replications;
        Array.Sort(stats);
        double Crit(double level) => stats[Math.Max(0, (int)Math.Ceiling(level * replications) - 1)];
        return new ThresholdBootstrap(replications, seed, p, Crit(0.90), Crit(0.95), Crit(0.99), clock.Elapsed.TotalSeconds);
    }

    /// <summary>F* of one replication: y* from the donors' residual vectors, thresholds re-estimated sequentially.</summary>
    private double Replicate(int[] donors, double[] fitted, double[] residuals, IReadOnlyList<int> found, double trim)
    {
        var yb = new double[this.search.Rows];
        for (var i = 0; i < donors.Length; i++)
        {
            var donor = unitRows[donors[i]];
            var target = unitRows[i];
            for (var t = 0; t < target.Length; t++) yb[target[t]] = fitted[target[t]] + residuals[donor[t]];
        }
        // Hansen's transformation: y* is built in the transformed space, as his program. Within: with one FE y* is
        // already demeaned (a no-op pass); with several the donor's residuals are not orthogonal to the others.
        var w = this.search.DeletesRows ? yb : this.search.Demean([yb])[0];
        var s = this.search.Search(w, [], null);
        var ssr0 = s.NullSsr;
        var ssr1 = s.BestSsr;
        List<int> got = [s.Best];
        for (var k = 0; k < found.Count; k++)
        {
            ssr0 = ssr1;
            var next = this.search.Search(w, got, this.search.Grid.Excluded(got, trim));
            ssr1 = next.BestSsr;
            got.Add(next.Best);
        }
        return ((ssr0 / ssr1) - 1) * this.scale;
    }
}
