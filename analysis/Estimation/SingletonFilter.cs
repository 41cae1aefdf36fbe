using Warehouse.Analysis.Data;

namespace Warehouse.Analysis.Estimation;

/// <summary>Drops observations alone in a fixed-effect level, repeatedly, until none is left (reghdfe/fixest).</summary>
/// <remarks>A singleton is fitted perfectly by its own dummy: it adds nothing to the slopes but inflates the
/// degrees of freedom and so understates standard errors. Dropping one can create another, hence the loop.</remarks>
public static class SingletonFilter
{
    /// <summary>Indices of the rows kept, in order; null when every row is kept (saves an N-array on big data).</summary>
    public static int[]? KeptRows(IReadOnlyList<Factor> fixedEffects, int rows)
    {
        ArgumentNullException.ThrowIfNull(fixedEffects);
        if (fixedEffects.Count == 0) return null;
        var counts = fixedEffects.Select(f => f.Counts()).ToArray();
        if (counts.All(c => Array.IndexOf(c, 1) < 0)) return null; // the common case: nothing to drop, no row pass
        var keep = new bool[rows];
        Array.Fill(keep, true);
        bool changed;
        do
        {
            changed = false;
            for (var f = 0; f < fixedEffects.Count; f++)
            {
                var codes = fixedEffects[f].Codes;
                var cf = counts[f];
                for (var i = 0; i < rows; i++)
                {
                    if (!keep[i] || cf[codes[i]] != 1) continue;
                    keep[i] = false;
                    changed = true;
                    for (var p = 0; p < fixedEffects.Count; p++) counts[p][fixedEffects[p].Codes[i]]--;
                }
            }
        }
        while (changed);
        var count = 0;
        foreach (var k in keep) if (k) count++;
        if (count == rows) return null;
        var kept = new int[count];
        var n = 0;
        for (var i = 0; i < rows; i++) if (keep[i]) kept[n++] = i;
        return kept;
    }

    /// <summary>The data without its singletons (the same object when there are none or <paramref name="drop"/> is
    /// false); factors are compacted to the levels left.</summary>
    public static EstimationData Apply(EstimationData data, bool drop)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!drop || data.FixedEffects.Count == 0) return data;
        var kept = KeptRows(data.FixedEffects, data.Rows);
        if (kept is null) return data;
        return data.Subset(kept);
    }
}
