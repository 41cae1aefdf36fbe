namespace Warehouse.Analysis.Threshold;

/// <summary>The candidate thresholds of Hansen's program: quantiles of the sorted <em>distinct</em> values of the
/// threshold variable, <c>dd[floor(s · #dd)]</c> (1-based) for s = trim, trim + 1/qn, …, 1 − trim.</summary>
/// <remarks>Because the quantiles are taken over distinct values, a threshold variable with many ties gets a
/// different grid here than in packages that take quantiles of all N observations. Candidates may repeat when
/// there are fewer distinct values than quantiles (the search then simply meets them twice, as Hansen's does).</remarks>
internal sealed class ThresholdGrid
{
    private ThresholdGrid(double[] values, int[] cuts, int distinct, int quantiles)
    {
        Values = values;
        Cuts = cuts;
        Distinct = distinct;
        Quantiles = quantiles;
    }

    /// <summary>Candidate thresholds, ascending.</summary>
    public double[] Values { get; }

    /// <summary>For each candidate γ, the number of observations with q &lt; γ (the lower regime, strict rule).</summary>
    public int[] Cuts { get; }

    public int Distinct { get; }

    /// <summary>Hansen's qn.</summary>
    public int Quantiles { get; }

    public int Count => Values.Length;

    /// <param name="sortedQ">The threshold variable sorted ascending (all rows).</param>
    /// <param name="quantiles">Hansen's qn.</param>
    /// <param name="trim">Hansen's trim_1.</param>
    public static ThresholdGrid Build(double[] sortedQ, int quantiles, double trim)
    {
        ArgumentNullException.ThrowIfNull(sortedQ);
        if (quantiles < 2) throw new ArgumentException($"the grid needs at least 2 quantiles (got {quantiles})");
        if (trim is <= 0 or >= 0.5) throw new ArgumentException($"the trimming share must lie in (0, 0.5) (got {trim})");
        var distinct = new List<double>();
        foreach (var v in sortedQ)
            if (distinct.Count == 0 || v != distinct[^1]) distinct.Add(v);
        var nd = distinct.Count;
        if (nd < 2) throw new InvalidOperationException("the threshold variable takes a single value: there is nothing to split");

        // R's seq(trim, trim + (1/qn)·(qn − 2·qn·trim), by = 1/qn), computed as R computes it.
        var by = 1.0 / quantiles;
        var from = trim;
        var to = trim + (by * (quantiles - (2 * quantiles * trim)));
        var steps = (int)Math.Floor(((to - from) / by) + 1e-10);
        var values = new List<double>();
        for (var i = 0; i <= steps; i++)
        {
            var s = Math.Min(from + (i * by), to);
            var index = (int)Math.Floor(s * nd); // 1-based; R drops index 0
            if (index < 1) continue;
            values.Add(distinct[Math.Min(index, nd) - 1]);
        }
        if (values.Count == 0) throw new InvalidOperationException("the trimmed grid of threshold candidates is empty");
        var cuts = values.Select(g => LowerBound(sortedQ, g)).ToArray();
        return new ThresholdGrid([.. values], cuts, nd, quantiles);
    }

    /// <summary>Hansen's exclusion rule around thresholds already found: with nn the number of candidates below a
    /// found threshold, the 1-based candidates i with nn − qn·trim ≤ i &lt; nn + qn·trim are not searched.</summary>
    public bool[] Excluded(IReadOnlyList<int> found, double trim)
    {
        ArgumentNullException.ThrowIfNull(found);
        var excluded = new bool[Count];
        var half = Quantiles * trim;
        foreach (var f in found)
        {
            var gamma = Values[f];
            var nn = Values.Count(v => v < gamma);
            for (var g = 0; g < Count; g++)
            {
                var i = g + 1;
                if (i < nn + half && !(i < nn - half)) excluded[g] = true;
            }
        }
        return excluded;
    }

    private static int LowerBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
