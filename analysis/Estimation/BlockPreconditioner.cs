namespace Warehouse.Analysis.Estimation;

/// <summary>Block-Jacobi preconditioner for the Schur complement S = D_B'·M_A·D_B: levels of each remaining FE are
/// ordered by first appearance in the A-grouped rows (levels that share A-groups end up close), cut into blocks of
/// consecutive levels, and each block's part of S is factorised exactly (dense Cholesky).</summary>
/// <remarks>Jacobi (one level at a time) lets information travel one level per CG iteration, which is what makes
/// worker–firm designs with long chains of firms slow; exact blocks of neighbouring firms move it a block at a time.
/// A small ridge keeps blocks that contain a redundant direction (e.g. all years) invertible; that direction is
/// orthogonal to every CG residual anyway.</remarks>
internal sealed class BlockPreconditioner : ISchurPreconditioner
{
    private readonly int[][] blockLevels; // flat level ids of each block
    private readonly double[][] chol;     // lower Cholesky factor of each block, row-major m×m

    public BlockPreconditioner(int[] groupStart, int[][] codesB, int[] offB, int[] levelsPerFe, int levelsB, int blockSize)
    {
        var rows = codesB[0].Length;
        var blockOf = new int[levelsB];
        var pos = new int[levelsB];
        var blocks = new List<List<int>>();
        for (var q = 0; q < codesB.Length; q++)
        {
            var first = blocks.Count;
            var rank = 0;
            foreach (var level in BreadthFirstOrder(groupStart, codesB[q], levelsPerFe[q]))
            {
                var b = first + (rank / blockSize);
                if (b == blocks.Count) blocks.Add([]);
                var flat = offB[q] + level;
                blockOf[flat] = b;
                pos[flat] = blocks[b].Count;
                blocks[b].Add(flat);
                rank++;
            }
        }
        blockLevels = blocks.Select(b => b.ToArray()).ToArray();
        var dense = blockLevels.Select(b => new double[b.Length * b.Length]).ToArray();
        foreach (var codes in codesB.Select((c, q) => (c, q)))
        {
            foreach (var c in codes.c)
            {
                var flat = offB[codes.q] + c;
                var m = blockLevels[blockOf[flat]].Length;
                dense[blockOf[flat]][(pos[flat] * m) + pos[flat]] += 1;
            }
        }

        var inGroup = new int[levelsB];
        var touched = new List<int>();
        for (var g = 0; g + 1 < groupStart.Length; g++)
        {
            var s = groupStart[g];
            var e = groupStart[g + 1];
            if (e == s) continue;
            touched.Clear();
            for (var q = 0; q < codesB.Length; q++)
            {
                for (var i = s; i < e; i++)
                {
                    var l = offB[q] + codesB[q][i];
                    if (inGroup[l]++ == 0) touched.Add(l);
                }
            }

            touched.Sort((a, b) => blockOf[a].CompareTo(blockOf[b]));
            var n = (double)(e - s);
            var runStart = 0;
            while (runStart < touched.Count)
            {
                var block = blockOf[touched[runStart]];
                var runEnd = runStart;
                while (runEnd < touched.Count && blockOf[touched[runEnd]] == block) runEnd++;
                var d = dense[block];
                var m = blockLevels[block].Length;
                for (var a = runStart; a < runEnd; a++)
                {
                    var la = touched[a];
                    for (var b = runStart; b < runEnd; b++)
                    {
                        var lb = touched[b];
                        d[(pos[la] * m) + pos[lb]] -= inGroup[la] * inGroup[lb] / n;
                    }
                }
                runStart = runEnd;
            }
            foreach (var l in touched) inGroup[l] = 0;
        }
        chol = dense.Select((d, b) => Cholesky(d, blockLevels[b].Length)).ToArray();
    }

    /// <summary>Levels in breadth-first order over the bipartite graph level — A-group (Cuthill–McKee style), so levels
    /// that share groups, and their neighbours, get consecutive ranks: blocks of consecutive ranks are local.</summary>
    internal static List<int> BreadthFirstOrder(int[] groupStart, int[] codes, int levels)
    {
        var rows = codes.Length;
        var rowGroup = new int[rows];
        for (var g = 0; g + 1 < groupStart.Length; g++)
            for (var i = groupStart[g]; i < groupStart[g + 1]; i++) rowGroup[i] = g;
        // Rows of each level (CSR).
        var start = new int[levels + 1];
        foreach (var c in codes) start[c + 1]++;
        for (var l = 0; l < levels; l++) start[l + 1] += start[l];
        var next = (int[])start.Clone();
        var byLevel = new int[rows];
        for (var i = 0; i < rows; i++) byLevel[next[codes[i]]++] = i;

        var order = new List<int>(levels);
        var seen = new bool[levels];
        var groupSeen = new bool[groupStart.Length - 1];
        var queue = new Queue<int>();
        for (var root = 0; root < levels; root++)
        {
            if (seen[root]) continue;
            seen[root] = true;
            queue.Enqueue(root);
            while (queue.Count > 0)
            {
                var l = queue.Dequeue();
                order.Add(l);
                for (var p = start[l]; p < start[l + 1]; p++)
                {
                    var g = rowGroup[byLevel[p]];
                    if (groupSeen[g]) continue;
                    groupSeen[g] = true;
                    for (var i = groupStart[g]; i < groupStart[g + 1]; i++)
                    {
                        var c = codes[i];
                        if (seen[c]) continue;
                        seen[c] = true;
                        queue.Enqueue(c);
                    }
                }
            }
        }
        return order;
    }

    private static double[] Cholesky(double[] a, int m)
    {
        double maxDiag = 0;
        for (var i = 0; i < m; i++) maxDiag = Math.Max(maxDiag, a[(i * m) + i]);
        var ridge = 1e-7 * Math.Max(maxDiag, 1e-300);
        var l = new double[m * m];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var s = a[(i * m) + j] + (i == j ? ridge : 0);
                for (var p = 0; p < j; p++) s -= l[(i * m) + p] * l[(j * m) + p];
                if (i == j) l[(i * m) + i] = Math.Sqrt(Math.Max(s, ridge));
                else l[(i * m) + j] = s / l[(j * m) + j];
            }
        }
        return l;
    }

    /// <inheritdoc/>
    public void Apply(double[] r, double[] z, int k)
    {
        Parallel.For(0, blockLevels.Length, b =>
        {
            var levels = blockLevels[b];
            var m = levels.Length;
            var l = chol[b];
            var y = new double[m];
            for (var j = 0; j < k; j++)
            {
                for (var i = 0; i < m; i++)
                {
                    var s = r[(levels[i] * k) + j];
                    for (var p = 0; p < i; p++) s -= l[(i * m) + p] * y[p];
                    y[i] = s / l[(i * m) + i];
                }
                for (var i = m - 1; i >= 0; i--)
                {
                    var s = y[i];
                    for (var p = i + 1; p < m; p++) s -= l[(p * m) + i] * y[p];
                    y[i] = s / l[(i * m) + i];
                }
                for (var i = 0; i < m; i++) z[(levels[i] * k) + j] = y[i];
            }
        });
    }
}
