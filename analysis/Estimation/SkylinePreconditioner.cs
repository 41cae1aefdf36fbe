namespace Warehouse.Analysis.Estimation;

/// <summary>Exact block-diagonal preconditioner for the Schur complement S = D_B'·M_A·D_B: each remaining FE's whole
/// diagonal block S_qq is factorised, in breadth-first (Cuthill–McKee) level order, by an envelope ("skyline")
/// Cholesky. Built only when the envelope is small, i.e. when the FE's levels form a long thin chain.</summary>
/// <remarks>On worker–firm designs the firms are linked by workers only to nearby firms; in breadth-first order the
/// firm block is banded, so its exact factor costs about levels × bandwidth² once and levels × bandwidth per
/// application, and CG is left with only the coupling between different FEs (firm–year). Fixed-size blocks
/// (<see cref="BlockPreconditioner"/>) instead leave the chain cut into pieces, and information crosses one
/// block boundary per iteration. Each S_qq is singular along the constant (D_q·1 = 1 lies in the span of the
/// eliminated FE); the same small ridge as the block preconditioner keeps the factor finite, and the caller
/// projects that direction out.</remarks>
internal sealed class SkylinePreconditioner : ISchurPreconditioner
{
    /// <summary>Largest envelope (stored factor entries over all FEs) worth building; above it the design is not
    /// chain-like and the fixed-size blocks are used. 10⁷ entries = 80 MB.</summary>
    internal const long MaxEnvelope = 10_000_000;

    private readonly int[][] _levelAt;   // per FE: flat level id at each rank
    private readonly int[][] _first;     // per FE: first column of each row of the envelope
    private readonly long[][] _rowStart; // per FE: where each row's entries start in _values
    private readonly double[][] _values; // per FE: row-wise envelope of the lower Cholesky factor

    private SkylinePreconditioner(int[][] levelAt, int[][] first, long[][] rowStart, double[][] values)
    {
        _levelAt = levelAt;
        _first = first;
        _rowStart = rowStart;
        _values = values;
    }

    /// <summary>The preconditioner, or null when some FE's envelope would exceed <see cref="MaxEnvelope"/>.</summary>
    public static SkylinePreconditioner? TryBuild(int[] groupStart, int[][] codesB, int[] offB, int[] levelsPerFe)
    {
        var q = codesB.Length;
        var levelAt = new int[q][];
        var firsts = new int[q][];
        var ranksOf = new int[q][];
        long envelope = 0;
        for (var f = 0; f < q; f++)
        {
            var order = BlockPreconditioner.BreadthFirstOrder(groupStart, codesB[f], levelsPerFe[f]);
            var rank = new int[levelsPerFe[f]];
            for (var r = 0; r < order.Count; r++) rank[order[r]] = r;
            var first = Enumerable.Range(0, levelsPerFe[f]).ToArray();
            ForEachGroupLevels(groupStart, codesB[f], rank, (touched, _) =>
            {
                var min = int.MaxValue;
                foreach (var r in touched) min = Math.Min(min, r);
                foreach (var r in touched) first[r] = Math.Min(first[r], min);
            });
            // Fill-in of the factor stays inside the envelope, whose rows are [first[i], i].
            for (var i = 0; i < first.Length; i++) envelope += i - first[i] + 1;
            if (envelope > MaxEnvelope) return null;
            levelAt[f] = order.Select(l => offB[f] + l).ToArray();
            firsts[f] = first;
            ranksOf[f] = rank;
        }

        var rowStarts = new long[q][];
        var values = new double[q][];
        for (var f = 0; f < q; f++)
        {
            var first = firsts[f];
            var rank = ranksOf[f];
            var start = new long[first.Length + 1];
            for (var i = 0; i < first.Length; i++) start[i + 1] = start[i] + (i - first[i] + 1);
            var a = new double[start[^1]];
            // S_qq = D_q'D_q − Σ_g c_g c_g' / n_g (c_g: counts of the FE's levels among group g's rows).
            foreach (var c in codesB[f]) a[start[rank[c]] + rank[c] - first[rank[c]]] += 1;
            ForEachGroupLevels(groupStart, codesB[f], rank, (touched, counts) =>
            {
                var n = 0.0;
                foreach (var r in touched) n += counts[r];
                foreach (var ra in touched)
                    foreach (var rb in touched)
                        if (rb <= ra) a[start[ra] + rb - first[ra]] -= counts[ra] * (double)counts[rb] / n;
            });
            Factorise(a, first, start);
            rowStarts[f] = start;
            values[f] = a;
        }
        return new SkylinePreconditioner(levelAt, firsts, rowStarts, values);
    }

    /// <summary>Calls <paramref name="visit"/> with the distinct ranks present in each group and their counts.</summary>
    private static void ForEachGroupLevels(int[] groupStart, int[] codes, int[] rank, Action<List<int>, int[]> visit)
    {
        var counts = new int[rank.Length];
        var touched = new List<int>();
        for (var g = 0; g + 1 < groupStart.Length; g++)
        {
            touched.Clear();
            for (var i = groupStart[g]; i < groupStart[g + 1]; i++)
            {
                var r = rank[codes[i]];
                if (counts[r]++ == 0) touched.Add(r);
            }
            if (touched.Count > 0) visit(touched, counts);
            foreach (var r in touched) counts[r] = 0;
        }
    }

    /// <summary>In-place envelope Cholesky A = L·L' (row-wise storage), with the ridge of
    /// <see cref="BlockPreconditioner"/> against the singular constant direction.</summary>
    private static void Factorise(double[] a, int[] first, long[] start)
    {
        var m = first.Length;
        double maxDiag = 0;
        for (var i = 0; i < m; i++) maxDiag = Math.Max(maxDiag, a[start[i] + i - first[i]]);
        var ridge = 1e-7 * Math.Max(maxDiag, 1e-300);
        for (var i = 0; i < m; i++)
        {
            var si = start[i] - first[i]; // a[si + j] = entry (i, j)
            for (var j = first[i]; j <= i; j++)
            {
                var sj = start[j] - first[j];
                var s = a[si + j] + (i == j ? ridge : 0);
                for (var p = Math.Max(first[i], first[j]); p < j; p++) s -= a[si + p] * a[sj + p];
                if (i == j) a[si + i] = Math.Sqrt(Math.Max(s, ridge));
                else a[si + j] = s / a[sj + j];
            }
        }
    }

    /// <inheritdoc/>
    public void Apply(double[] r, double[] z, int k)
    {
        Parallel.For(0, _levelAt.Length * k, task =>
        {
            var f = task / k;
            var j = task % k;
            var levels = _levelAt[f];
            var first = _first[f];
            var start = _rowStart[f];
            var a = _values[f];
            var m = levels.Length;
            var y = new double[m];
            for (var i = 0; i < m; i++)
            {
                var si = start[i] - first[i];
                var s = r[(levels[i] * k) + j];
                for (var p = first[i]; p < i; p++) s -= a[si + p] * y[p];
                y[i] = s / a[si + i];
            }
            for (var i = m - 1; i >= 0; i--)
            {
                var si = start[i] - first[i];
                y[i] /= a[si + i];
                var yi = y[i];
                for (var p = first[i]; p < i; p++) y[p] -= a[si + p] * yi;
            }
            for (var i = 0; i < m; i++) z[(levels[i] * k) + j] = y[i];
        });
    }
}
