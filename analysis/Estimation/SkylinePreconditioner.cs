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

    /// <summary>FEs with at most this many levels are factorised as one dense block, in their own level order.</summary>
    internal const int DenseLevels = 1024;

    private readonly int[][] levelAt;   // per FE: flat level id at each rank
    private readonly int[][] first;     // per FE: first column of each row of the envelope
    private readonly long[][] rowStart; // per FE: where each row's entries start in values
    private readonly double[][] values; // per FE: row-wise envelope of the lower Cholesky factor

    private SkylinePreconditioner(int[][] levelAt, int[][] first, long[][] rowStart, double[][] values)
    {
        this.levelAt = levelAt;
        this.first = first;
        this.rowStart = rowStart;
        this.values = values;
    }

    /// <summary>The preconditioner, or null when some FE's envelope would exceed <see cref="MaxEnvelope"/>.</summary>
    /// <param name="groupStart">Start of each group of the eliminated FE in visiting order (length groups + 1).</param>
    /// <param name="codesB">Codes of each remaining FE, in visiting order.</param>
    /// <param name="offB">Where each remaining FE starts in the flat level numbering.</param>
    /// <param name="levelsPerFe">Levels of each remaining FE.</param>
    /// <param name="denseLevels">FEs with at most this many levels skip the breadth-first ordering (tests lower it).</param>
    public static SkylinePreconditioner? TryBuild(int[] groupStart, int[][] codesB, int[] offB, int[] levelsPerFe, int denseLevels = DenseLevels)
    {
        var q = codesB.Length;
        var levelAt = new int[q][];
        var firsts = new int[q][];
        var ranksOf = new int[q][];
        var envelopes = new long[q];
        // Each FE's block is independent of the others: order and factorise them on separate cores (the firm block of
        // a worker–firm design is most of the work, the year block's pass over the rows runs beside it).
        Parallel.For(0, q, f =>
        {
            // A small FE (years) is factorised densely: ordering its levels would cost passes over every row for nothing.
            var order = levelsPerFe[f] <= denseLevels
                ? Enumerable.Range(0, levelsPerFe[f]).ToList()
                : BlockPreconditioner.BreadthFirstOrder(groupStart, codesB[f], levelsPerFe[f]);
            var rank = new int[levelsPerFe[f]];
            for (var r = 0; r < order.Count; r++) rank[order[r]] = r;
            var first = Enumerable.Range(0, levelsPerFe[f]).ToArray();
            if (levelsPerFe[f] <= denseLevels) Array.Clear(first);
            else EnvelopeRows(groupStart, codesB[f], rank, first);
            // Fill-in of the factor stays inside the envelope, whose rows are [first[i], i].
            for (var i = 0; i < first.Length; i++) envelopes[f] += i - first[i] + 1;
            levelAt[f] = order.Select(l => offB[f] + l).ToArray();
            firsts[f] = first;
            ranksOf[f] = rank;
        });
        if (envelopes.Sum() > MaxEnvelope) return null;

        var rowStarts = new long[q][];
        var values = new double[q][];
        Parallel.For(0, q, f =>
        {
            var first = firsts[f];
            var rank = ranksOf[f];
            var start = new long[first.Length + 1];
            for (var i = 0; i < first.Length; i++) start[i + 1] = start[i] + (i - first[i] + 1);
            var a = new double[start[^1]];
            // S_qq = D_q'D_q − Σ_g c_g c_g' / n_g (c_g: counts of the FE's levels among group g's rows).
            foreach (var c in codesB[f]) a[start[rank[c]] + rank[c] - first[rank[c]]] += 1;
            SubtractGroupOuterProducts(groupStart, codesB[f], rank, first, start, a);
            Factorise(a, first, start);
            rowStarts[f] = start;
            values[f] = a;
        });
        return new SkylinePreconditioner(levelAt, firsts, rowStarts, values);
    }

    /// <summary>first[r] = lowest rank sharing a group with rank r (the envelope of row r starts there).</summary>
    private static void EnvelopeRows(int[] groupStart, int[] codes, int[] rank, int[] first)
    {
        for (var g = 0; g + 1 < groupStart.Length; g++)
        {
            var s = groupStart[g];
            var e = groupStart[g + 1];
            if (e == s) continue;
            var min = int.MaxValue;
            for (var i = s; i < e; i++) min = Math.Min(min, rank[codes[i]]);
            for (var i = s; i < e; i++)
            {
                ref var fr = ref first[rank[codes[i]]];
                if (min < fr) fr = min;
            }
        }
    }

    /// <summary>a −= Σ_g c_g c_g' / n_g over the lower envelope (c_g: level counts among the rows of group g).</summary>
    private static void SubtractGroupOuterProducts(int[] groupStart, int[] codes, int[] rank, int[] first, long[] start, double[] a)
    {
        var counts = new int[rank.Length];
        var touched = new int[rank.Length];
        for (var g = 0; g + 1 < groupStart.Length; g++)
        {
            var s = groupStart[g];
            var e = groupStart[g + 1];
            if (e == s) continue;
            var tn = 0;
            for (var i = s; i < e; i++)
            {
                var r = rank[codes[i]];
                if (counts[r]++ == 0) touched[tn++] = r;
            }
            var inv = 1.0 / (e - s);
            for (var x = 0; x < tn; x++)
            {
                var ra = touched[x];
                var ca = counts[ra] * inv;
                var row = start[ra] - first[ra];
                for (var y = 0; y < tn; y++)
                {
                    var rb = touched[y];
                    if (rb <= ra) a[row + rb] -= ca * counts[rb];
                }
            }
            for (var x = 0; x < tn; x++) counts[touched[x]] = 0;
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
        Parallel.For(0, this.levelAt.Length * k, task =>
        {
            var f = task / k;
            var j = task % k;
            var levels = this.levelAt[f];
            var first = this.first[f];
            var start = this.rowStart[f];
            var a = this.values[f];
            var m = levels.Length;
            var y = new double[m];
            // An all-zero column (the zero pad of SchurDemeaner, or a column that has converged to 0) solves to zero.
            var any = false;
            for (var i = 0; i < m && !any; i++) any = r[(levels[i] * k) + j] != 0;
            if (!any)
            {
                for (var i = 0; i < m; i++) z[(levels[i] * k) + j] = 0;
                return;
            }
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
