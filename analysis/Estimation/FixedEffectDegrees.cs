using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Warehouse.Analysis.Data;

namespace Warehouse.Analysis.Estimation;

/// <summary>Degrees of freedom absorbed by the fixed effects, with redundant levels removed.</summary>
/// <remarks>The first FE counts all its levels. The second loses one level per connected component of the
/// bipartite graph of the first two (exact). Each further FE loses one level (the usual conservative rule,
/// as in reghdfe without pairwise checks). An FE nested in a cluster variable counts 0 for the
/// cluster-robust small-sample factor, and then the constant is counted instead (docs/architecture.md#estimation-conventions).</remarks>
public static class FixedEffectDegrees
{
    /// <summary>Per-FE absorbed degrees of freedom (levels minus redundant levels), in FE order.</summary>
    public static int[] PerEffect(IReadOnlyList<Factor> fe)
    {
        ArgumentNullException.ThrowIfNull(fe);
        var df = new int[fe.Count];
        for (var f = 0; f < fe.Count; f++) df[f] = fe[f].Levels - (f == 0 ? 0 : 1);
        if (fe.Count >= 2) df[1] = fe[1].Levels - ConnectedComponents(fe[0], fe[1]);
        return df;
    }

    /// <summary>Per-FE absorbed degrees of freedom with level-specific slopes: the level intercepts as
    /// <see cref="PerEffect(IReadOnlyList{Factor})"/> counts them among the effects that have intercepts (a slopes-only
    /// effect has none), plus one slope per level whose slope variable varies within the level (for <c>a[[x]]</c>:
    /// is not all zero).</summary>
    public static int[] PerEffect(IReadOnlyList<Factor> fe, IReadOnlyList<VaryingSlope?> slopes)
    {
        ArgumentNullException.ThrowIfNull(fe);
        ArgumentNullException.ThrowIfNull(slopes);
        if (slopes.All(s => s is null)) return PerEffect(fe);
        var withLevels = Enumerable.Range(0, fe.Count).Where(q => slopes[q] is not { SlopeOnly: true }).ToArray();
        var levelDf = PerEffect(withLevels.Select(q => fe[q]).ToArray());
        var df = new int[fe.Count];
        for (var a = 0; a < withLevels.Length; a++) df[withLevels[a]] = levelDf[a];
        for (var q = 0; q < fe.Count; q++)
            if (slopes[q] is { } s) df[q] += SlopeCoefficients(fe[q], s);
        return df;
    }

    /// <summary>Slopes a varying-slope effect estimates: levels where the variable varies (or, slopes only, is not
    /// identically zero).</summary>
    public static int SlopeCoefficients(Factor fe, VaryingSlope slope)
    {
        ArgumentNullException.ThrowIfNull(fe);
        ArgumentNullException.ThrowIfNull(slope);
        var n = new double[fe.Levels];
        var mean = new double[fe.Levels];
        for (var i = 0; i < fe.Codes.Length; i++)
        {
            n[fe.Codes[i]]++;
            mean[fe.Codes[i]] += slope.Values[i];
        }
        for (var g = 0; g < fe.Levels; g++) mean[g] = slope.SlopeOnly || n[g] == 0 ? 0 : mean[g] / n[g];
        var ss = new double[fe.Levels];
        var size = new double[fe.Levels];
        for (var i = 0; i < fe.Codes.Length; i++)
        {
            var g = fe.Codes[i];
            var d = slope.Values[i] - mean[g];
            ss[g] += d * d;
            size[g] += slope.Values[i] * slope.Values[i];
        }
        var k = 0;
        for (var g = 0; g < fe.Levels; g++)
            if (ss[g] > 1e-12 * Math.Max(1, size[g])) k++;
        return k;
    }

    /// <summary>Connected components of the bipartite graph linking levels of <paramref name="a"/> and
    /// <paramref name="b"/> that share an observation (union–find), remembered per pair of code arrays.</summary>
    /// <remarks>A fit counts components for its FE degrees of freedom and again for fixest's nested-cluster K, and
    /// repeated fits of the same data (bench, bootstrap, threshold grids, report specs) would redo the same pass over
    /// every row; the answer depends only on the two code arrays, which are never changed after a factor is made.</remarks>
    public static int ConnectedComponents(Factor a, Factor b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var known = Components.GetValue(a.Codes, _ => new ConcurrentDictionary<int[], int>(ReferenceEqualityComparer.Instance));
        return known.GetOrAdd(b.Codes, _ => CountComponents(a, b));
    }

    private static readonly ConditionalWeakTable<int[], ConcurrentDictionary<int[], int>> Components = new();

    private static int CountComponents(Factor a, Factor b)
    {
        var parent = new int[a.Levels + b.Levels];
        for (var i = 0; i < parent.Length; i++) parent[i] = i;
        int Find(int x)
        {
            while (parent[x] != x)
            {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            return x;
        }
        var components = parent.Length;
        for (var i = 0; i < a.Codes.Length; i++)
        {
            var ra = Find(a.Codes[i]);
            var rb = Find(a.Levels + b.Codes[i]);
            if (ra == rb) continue;
            parent[ra] = rb;
            components--;
        }
        return components;
    }
}
