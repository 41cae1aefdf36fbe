namespace Warehouse.Analysis.Data;

/// <summary>A categorical column (fixed effect or cluster id) as dense integer codes 0..Levels-1.</summary>
/// <remarks>Dense codes let the estimator keep per-level sums in flat arrays: no dictionaries, no dummies.</remarks>
public sealed class Factor
{
    private int[]? counts;

    public Factor(string name, int[] codes, int levels, IReadOnlyList<string>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(codes);
        Name = name;
        Codes = codes;
        Levels = levels;
        Labels = labels;
    }

    public string Name { get; }

    /// <summary>Code of each row, in 0..<see cref="Levels"/>-1.</summary>
    public int[] Codes { get; }

    public int Levels { get; }

    /// <summary>Original value of each code, when known (for tables and plots).</summary>
    public IReadOnlyList<string>? Labels { get; }

    /// <summary>Factorises arbitrary keys (strings, numbers) in order of first appearance.</summary>
    public static Factor FromKeys<T>(string name, IReadOnlyList<T> keys)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(keys);
        var map = new Dictionary<T, int>();
        var labels = new List<string>();
        var codes = new int[keys.Count];
        for (var i = 0; i < codes.Length; i++)
        {
            if (!map.TryGetValue(keys[i], out var code))
            {
                code = map.Count;
                map.Add(keys[i], code);
                labels.Add(Convert.ToString(keys[i], System.Globalization.CultureInfo.InvariantCulture) ?? "");
            }
            codes[i] = code;
        }
        return new Factor(name, codes, map.Count, labels);
    }

    /// <summary>Factorises codes that are already small non-negative integers (e.g. generated ids), compacting
    /// away unused values.</summary>
    public static Factor FromIntegers(string name, int[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var max = 0;
        foreach (var v in values)
        {
            if (v < 0) throw new ArgumentException($"{name}: negative id {v}", nameof(values));
            if (v > max) max = v;
        }
        var remap = new int[max + 1];
        Array.Fill(remap, -1);
        var levels = 0;
        var codes = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            ref var slot = ref remap[values[i]];
            if (slot < 0) slot = levels++;
            codes[i] = slot;
        }
        return new Factor(name, codes, levels);
    }

    /// <summary>The factor restricted to <paramref name="keep"/>, with codes compacted (levels that lose every row
    /// disappear).</summary>
    public Factor Subset(int[] keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        var remap = new int[Levels];
        Array.Fill(remap, -1);
        var levels = 0;
        var codes = new int[keep.Length];
        List<string>? labels = Labels is null ? null : [];
        for (var i = 0; i < keep.Length; i++)
        {
            var old = Codes[keep[i]];
            ref var slot = ref remap[old];
            if (slot < 0)
            {
                slot = levels++;
                labels?.Add(Labels![old]);
            }
            codes[i] = slot;
        }
        return new Factor(Name, codes, levels, labels);
    }

    /// <summary>Row counts per level (a new array the caller may change).</summary>
    /// <remarks>The pass over the rows is made once per factor and remembered: the singleton filter, the demeaning and
    /// the degrees of freedom each ask, and at 10^7 rows each pass is 40 MB read. Codes are never changed after a
    /// factor is made.</remarks>
    public int[] Counts()
    {
        if (this.counts is null)
        {
            var counted = new int[Levels];
            foreach (var c in Codes) counted[c]++;
            this.counts = counted;
        }

        return (int[])this.counts.Clone();
    }

    /// <summary>The factor whose levels are the observed combinations of two factors (for multiway clustering).</summary>
    public static Factor Intersect(Factor a, Factor b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var keys = new long[a.Codes.Length];
        for (var i = 0; i < keys.Length; i++) keys[i] = ((long)a.Codes[i] * b.Levels) + b.Codes[i];
        var f = FromKeys($"{a.Name}#{b.Name}", keys);
        return new Factor(f.Name, f.Codes, f.Levels);
    }

    /// <summary>True when every level of this factor sits inside a single level of <paramref name="outer"/>.</summary>
    public bool IsNestedIn(Factor outer)
    {
        ArgumentNullException.ThrowIfNull(outer);
        // The same codes (an FE that is also the cluster variable, the usual case) are nested without a pass.
        if (ReferenceEquals(Codes, outer.Codes)) return true;
        var owner = new int[Levels];
        Array.Fill(owner, -1);
        for (var i = 0; i < Codes.Length; i++)
        {
            ref var o = ref owner[Codes[i]];
            if (o < 0) o = outer.Codes[i];
            else if (o != outer.Codes[i]) return false;
        }
        return true;
    }

    /// <summary>A factor whose codes follow the numeric order of <paramref name="values"/> (panel time: code t−1 is
    /// the period before t among the periods observed).</summary>
    public static Factor Ordered(string name, double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var distinct = values.Distinct().Order().ToArray();
        var rank = new Dictionary<double, int>(distinct.Length);
        for (var r = 0; r < distinct.Length; r++) rank[distinct[r]] = r;
        var codes = new int[values.Length];
        for (var i = 0; i < codes.Length; i++) codes[i] = rank[values[i]];
        return new Factor(name, codes, distinct.Length, distinct.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).ToArray());
    }

    /// <summary><see cref="Subset"/> keeping the codes' order (levels that lose every row disappear, the rest keep
    /// their relative order).</summary>
    public Factor SubsetOrdered(int[] keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        var used = new bool[Levels];
        foreach (var i in keep) used[Codes[i]] = true;
        var remap = new int[Levels];
        var levels = 0;
        for (var l = 0; l < Levels; l++) remap[l] = used[l] ? levels++ : -1;
        var codes = new int[keep.Length];
        for (var i = 0; i < keep.Length; i++) codes[i] = remap[Codes[keep[i]]];
        return new Factor(Name, codes, levels, Labels is null ? null : Enumerable.Range(0, Levels).Where(l => used[l]).Select(l => Labels[l]).ToArray());
    }
}
