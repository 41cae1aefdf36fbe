using Warehouse.Analysis.Data;

namespace Warehouse.Analysis.Estimation.Variance;

/// <summary>Cluster-robust variance, one-way or multiway (Cameron–Gelbach–Miller), with the Stata/fixest
/// small-sample rule: G_min/(G_min − 1) · (N − 1)/(N − K), FEs nested in a cluster not counted in K (the constant
/// is), t tests on G_min − 1 degrees of freedom.</summary>
internal static class ClusterVcov
{
    public static VcovResult Compute(VcovInput input)
    {
        var clusters = input.Clusters;
        if (clusters.Count == 0) throw new ArgumentException("cluster-robust variance needs at least one cluster variable");
        var n = input.N;
        var kCluster = KForCluster(input);
        DegenerateFit.RequireTwoClusters(clusters);
        DegenerateFit.RequireResidualDf(n, input.SmallSample == SmallSampleConvention.Stata ? kCluster : input.KFull);
        var gMin = clusters.Min(c => c.Levels);
        var dfFactor = input.SmallSample == SmallSampleConvention.Stata ? (n - 1.0) / (n - kCluster) : 1.0;
        var gFactor = input.SmallSample == SmallSampleConvention.None ? 1.0 : gMin / (gMin - 1.0);
        var meat = MultiwayMeat(clusters, input.Scores, input.Residuals);
        var v = SmallMatrix.Scale(SmallMatrix.Sandwich(input.Bread, meat), gFactor * dfFactor);
        var notes = new List<string>();
        if (clusters.Count > 1)
        {
            v = SmallMatrix.ClipToPsd(v, out var clipped);
            if (clipped) notes.Add("multiway cluster variance was not positive semi-definite; negative eigenvalues set to zero");
        }
        var df = input.SmallSample == SmallSampleConvention.Stata ? gMin - 1 : n - input.KFull;
        return new VcovResult(v, df, dfFactor, notes);
    }

    /// <summary>K of the cluster correction, fixest's "nested" rule: the regressors plus the degrees of freedom of the
    /// FEs not nested in any cluster variable counted among themselves (the first of them with all its levels, so it
    /// stands for the constant), plus the slopes of nested FEs (level-specific slopes always count).</summary>
    internal static int KForCluster(VcovInput input) =>
        input.K + FixedEffectK(input.FixedEffects, input.FixedEffectDf, input.Clusters, input.Slopes);

    /// <summary>The fixed effects' part of <see cref="KForCluster"/> (0 without FEs).</summary>
    internal static int FixedEffectK(IReadOnlyList<Factor> fe, int[] fixedEffectDf, IReadOnlyList<Factor> clusters, IReadOnlyList<VaryingSlope?> slopeList)
    {
        if (fe.Count == 0) return 0;
        var nested = fe.Select(f => clusters.Any(f.IsNestedIn)).ToArray();
        if (!nested.Any(b => b)) return fixedEffectDf.Sum();
        var open = Enumerable.Range(0, fe.Count).Where(q => !nested[q]).ToArray();
        var slopes = slopeList.Count == 0 ? new VaryingSlope?[fe.Count] : slopeList.ToArray();
        var k = FixedEffectDegrees.PerEffect(open.Select(q => fe[q]).ToArray(), open.Select(q => slopes[q]).ToArray()).Sum();
        // With every FE nested the constant is still estimated (absorbed by them), so it counts once.
        if (open.Length == 0) k++;
        for (var q = 0; q < fe.Count; q++)
            if (nested[q] && slopes[q] is { } s) k += FixedEffectDegrees.SlopeCoefficients(fe[q], s);
        return k;
    }

    /// <summary>Σ over non-empty subsets S of the cluster variables of (−1)^{|S|+1} · meat(intersection of S).</summary>
    private static double[,] MultiwayMeat(IReadOnlyList<Factor> clusters, double[][] xd, double[] e)
    {
        var k = xd.Length;
        var total = new double[k, k];
        var c = clusters.Count;
        for (var mask = 1; mask < (1 << c); mask++)
        {
            Factor? f = null;
            var size = 0;
            for (var b = 0; b < c; b++)
            {
                if ((mask & (1 << b)) == 0) continue;
                f = f is null ? clusters[b] : Factor.Intersect(f, clusters[b]);
                size++;
            }
            var sign = size % 2 == 1 ? 1.0 : -1.0;
            var meat = Meat(f!, xd, e);
            for (var a = 0; a < k; a++)
                for (var b = 0; b < k; b++) total[a, b] += sign * meat[a, b];
        }
        return total;
    }

    /// <summary>Σ_g s_g s_g' with s_g = Σ_{i∈g} x_i e_i, all k scores in one pass over the rows.</summary>
    internal static double[,] Meat(Factor cluster, double[][] xd, double[] e)
    {
        var k = xd.Length;
        var scores = new double[cluster.Levels * k];
        var codes = cluster.Codes;
        for (var i = 0; i < e.Length; i++)
        {
            var b = codes[i] * k;
            var ei = e[i];
            for (var j = 0; j < k; j++) scores[b + j] += xd[j][i] * ei;
        }
        var meat = new double[k, k];
        for (var g = 0; g < cluster.Levels; g++)
        {
            for (var a = 0; a < k; a++)
                for (var b = 0; b <= a; b++) meat[a, b] += scores[(g * k) + a] * scores[(g * k) + b];
        }

        SmallMatrix.Symmetrise(meat);
        return meat;
    }
}
