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

    /// <summary>Connected components of the bipartite graph linking levels of <paramref name="a"/> and
    /// <paramref name="b"/> that share an observation (union–find).</summary>
    public static int ConnectedComponents(Factor a, Factor b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
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
