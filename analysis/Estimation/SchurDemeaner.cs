using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Warehouse.Analysis.Data;

namespace Warehouse.Analysis.Estimation;

/// <summary>Partials out two or more fixed effects by eliminating the one with the most levels exactly and solving
/// the remaining ones by preconditioned conjugate gradient on the Schur complement D_B'·M_A·D_B·β = D_B'·M_A·x.</summary>
/// <remarks>
/// <para>The largest FE (workers, individuals, provinces) is handled by exact within-group demeaning, so the
/// iterative part only sees the smaller FEs (firms, years): fewer unknowns and a much better conditioned system
/// than alternating projections or plain CG over all FEs.</para>
/// <para>Rows are visited grouped by that FE (a counting-sort permutation, undone on output), so each group's rows
/// are contiguous: one pass per iteration computes u = D_B·p per row, removes the group mean on the fly and scatters
/// the result back, with good cache locality. Columns share the pass; each has its own CG scalars, a Jacobi
/// preconditioner (level counts) and the per-element convergence test on β: |Δ| &gt; tol &amp;&amp; |Δ|/(0.1+|β|) &gt; tol.</para>
/// <para>When Jacobi CG is still going after <see cref="SwitchToBlocksAfter"/> iterations the design is hard (a
/// worker–firm chain): CG restarts with each FE's Schur block factorised exactly (<see cref="SkylinePreconditioner"/>,
/// banded in breadth-first order) or, when that envelope is too big, with dense blocks of
/// <see cref="BlockSize"/> neighbouring levels (<see cref="BlockPreconditioner"/>).</para>
/// <para>Three columns are padded with a zero fourth so each row is one 256-bit register in the hot passes
/// (<c>…Wide</c> kernels); other counts use the general kernels built on <see cref="RowVector"/>.</para>
/// <para>The demeaned columns x̃ = M_A x are never stored whole: each group's rows are gathered into a buffer of the
/// largest group's size when they are needed (for the first residual sums and for the final residual), so the only
/// N-row arrays the demeaning allocates are its results.</para>
/// </remarks>
internal sealed class SchurDemeaner
{
    private readonly int rows;
    private readonly int[]? order;         // row visited at position i (null when already grouped)
    private readonly int[] groupStart;      // start position of each level of A (length levelsA + 1)
    private readonly int[][] codesB;        // codes of the other FEs, in visiting order (the caller's arrays when already grouped)
    private readonly int[] offB;            // where each of those FEs starts in the flat β (in levels)
    private readonly int levelsB;
    private readonly double[] invDiag;
    private readonly int[] chunkStart;      // chunk boundaries on group boundaries
    private readonly int maxGroup;          // rows in the largest group of the eliminated FE
    private readonly int[] levelsPerFe;
    private readonly bool allowSkyline;
    private ISchurPreconditioner? blocks;   // built only when Jacobi CG turns out slow (see Demean)

    /// <summary>Jacobi CG iterations after which the block preconditioner is built and CG restarted with it.</summary>
    internal const int SwitchToBlocksAfter = 10;

    /// <summary>Levels per block of the block preconditioner.</summary>
    internal const int BlockSize = 256;

    /// <param name="fixedEffects">Two or more fixed effects.</param>
    /// <param name="chunks">Row chunks processed in parallel.</param>
    /// <param name="allowSkyline">When Jacobi CG is slow, try the exact per-FE envelope factor first and fall back to
    /// fixed-size blocks only when its envelope is too big (false: always fixed-size blocks; tests use it).</param>
    public SchurDemeaner(IReadOnlyList<Factor> fixedEffects, int chunks, bool allowSkyline = true)
    {
        this.allowSkyline = allowSkyline;
        rows = fixedEffects[0].Codes.Length;
        var a = Enumerable.Range(0, fixedEffects.Count).MaxBy(q => fixedEffects[q].Levels);
        var fa = fixedEffects[a];
        var others = fixedEffects.Where((_, q) => q != a).ToArray();

        // Counting sort by A.
        var counts = fa.Counts();
        maxGroup = counts.Length == 0 ? 0 : counts.Max();
        groupStart = new int[fa.Levels + 1];
        for (var g = 0; g < fa.Levels; g++) groupStart[g + 1] = groupStart[g] + counts[g];
        var sorted = true;
        for (var i = 1; i < rows && sorted; i++) sorted = fa.Codes[i] >= fa.Codes[i - 1];
        if (sorted)
        {
            order = null;
        }
        else
        {
            order = new int[rows];
            var next = (int[])groupStart.Clone();
            for (var i = 0; i < rows; i++) order[next[fa.Codes[i]]++] = i;
        }

        var offset = 0;
        codesB = new int[others.Length][];
        offB = new int[others.Length];
        for (var q = 0; q < others.Length; q++)
        {
            var src = others[q].Codes;
            if (order is null)
            {
                codesB[q] = src; // already grouped: no copy (memory matters at 10^7 rows)
            }
            else
            {
                var dst = new int[rows];
                for (var i = 0; i < rows; i++) dst[i] = src[order[i]];
                codesB[q] = dst;
            }
            offB[q] = offset;
            offset += others[q].Levels;
        }
        levelsB = offset;
        levelsPerFe = others.Select(f => f.Levels).ToArray();
        invDiag = SchurDiagonal();
        chunkStart = ChunkBoundaries(chunks);
    }

    /// <summary>Jacobi weights: the level counts (the diagonal of D_B'D_B). The exact Schur diagonal
    /// n_l − Σ_g n_{g,l}²/n_g costs a pass over every group and gave the same iteration counts on both benchmark
    /// designs, so the cheaper one is used; hard designs switch to exact blocks anyway.</summary>
    private double[] SchurDiagonal()
    {
        var d = new double[levelsB];
        for (var q = 0; q < codesB.Length; q++)
            foreach (var c in codesB[q]) d[offB[q] + c]++;
        return d.Select(v => v > 0 ? 1 / v : 0).ToArray();
    }

    private int[] ChunkBoundaries(int chunks)
    {
        var bounds = new List<int> { 0 };
        var target = (rows + chunks - 1) / Math.Max(1, chunks);
        for (var g = 1; g + 1 < groupStart.Length && bounds.Count < chunks; g++)
            if (groupStart[g] >= bounds[^1] + target) bounds.Add(groupStart[g]);
        bounds.Add(rows);
        return bounds.ToArray();
    }

    /// <remarks>With <paramref name="overwrite"/> the residuals go over <paramref name="columns"/>: each group's rows are gathered before any is written, and the groups of the chunks are disjoint.</remarks>
    public DemeanResult Demean(IReadOnlyList<double[]> columns, double tol, int maxIterations, bool overwrite = false)
    {
        // y and two regressors (the benchmark model, and any model with k ≡ 3 mod 4) would take a two-wide and a scalar
        // operation per row; one zero column more makes k = 4 a single four-wide register (see Kernel2Wide). The zero
        // column has a zero residual, so its CG step is zero and it is inactive from the first iteration.
        var kReal = columns.Count;
        var k = kReal == 3 && Vector256.IsHardwareAccelerated ? 4 : kReal;
        var size = levelsB * k;
        // r0 = D_B' x̃ (β0 = 0) with x̃ = M_A x, group by group: each group's rows are gathered into a small buffer
        // and demeaned there, so no N×k copy of the columns is kept (at 10^7 rows that copy was 320 MB of new memory).
        var cols = Enumerable.Range(0, k).Select(j => j < kReal ? columns[j] : null).ToArray();
        var chunkR = new double[chunkStart.Length - 1][];
        ForEachChunk((chunk, start, end) =>
        {
            var acc = chunkR[chunk] = new double[size];
            if (k == 4 && codesB.Length == 2 && Vector256.IsHardwareAccelerated) WithinGroupsWithSumsWide(cols, acc, start, end);
            else WithinGroupsWithSums(cols, acc, k, start, end);
        });
        var r = chunkR[0];
        for (var c = 1; c < chunkR.Length; c++)
        {
            var b = chunkR[c];
            for (var e = 0; e < size; e++) r[e] += b[e];
        }
        var beta = new double[size];
        var z = new double[size];
        Precondition(r, z, k);
        var p = (double[])z.Clone();
        var ap = new double[size];
        var rz = Dots(r, z, k);
        var active = Enumerable.Repeat(true, k).ToArray();
        var buffers = new double[chunkStart.Length - 1][];
        var iterations = 0;
        var converged = false;
        var step = new double[k];
        var moved = new bool[k];
        while (iterations < maxIterations)
        {
            iterations++;
            Multiply(p, ap, k, buffers);
            var pAp = Dots(p, ap, k);
            for (var j = 0; j < k; j++) step[j] = active[j] && pAp[j] > 0 ? rz[j] / pAp[j] : 0;
            Array.Clear(moved);
            for (var l = 0; l < levelsB; l++)
            {
                var o = l * k;
                for (var j = 0; j < k; j++)
                {
                    var d = step[j] * p[o + j];
                    beta[o + j] += d;
                    r[o + j] -= step[j] * ap[o + j];
                    var ad = Math.Abs(d);
                    if (ad > tol && ad / (0.1 + Math.Abs(beta[o + j])) > tol) moved[j] = true;
                }
            }
            converged = true;
            for (var j = 0; j < k; j++)
            {
                if (!moved[j]) active[j] = false;
                converged &= !active[j];
            }
            if (converged) break;
            if (iterations == SwitchToBlocksAfter && blocks is null)
            {
                // Still going: this is a hard design. Build the block preconditioner and restart CG from the current
                // β (r is still b − Sβ); easy designs never pay for it.
                blocks = (this.allowSkyline ? (ISchurPreconditioner?)SkylinePreconditioner.TryBuild(groupStart, codesB, offB, levelsPerFe) : null)
                    ?? new BlockPreconditioner(groupStart, codesB, offB, levelsPerFe, levelsB, BlockSize);
                Precondition(r, z, k);
                Array.Copy(z, p, size);
                rz = Dots(r, z, k);
                continue;
            }
            Precondition(r, z, k);
            var rzNew = Dots(r, z, k);
            for (var l = 0; l < levelsB; l++)
            {
                var o = l * k;
                for (var j = 0; j < k; j++)
                {
                    if (!active[j]) continue;
                    var bj = rz[j] > 0 ? rzNew[j] / rz[j] : 0;
                    p[o + j] = z[o + j] + (bj * p[o + j]);
                }
            }
            rz = rzNew;
        }

        // Residual = x̃ − M_A D_B β, back in the caller's row order; x̃ and D_B β are recomputed per group rather than
        // stored (two N×k arrays less at 10^7 rows).
        var result = new double[kReal][];
        for (var j = 0; j < kReal; j++) result[j] = overwrite ? columns[j] : new double[rows];
        ForEachChunk((_, start, end) =>
        {
            if (k == 4 && codesB.Length == 2 && Vector256.IsHardwareAccelerated) ResidualiseWide(beta, cols, result, start, end);
            else Residualise(beta, cols, result, k, start, end);
        });
        return new DemeanResult(result, iterations, converged);
    }

    /// <summary><see cref="Residualise"/> for four columns and two remaining FEs, one register per row.</summary>
    /// <remarks>Compiled at full optimisation on first call (<see cref="MethodImplOptions.AggressiveOptimization"/>):
    /// crossgen2 leaves this one out of the x86-64-v3 ReadyToRun image (the JIT summary of a published binary lists
    /// it), and the tiered JIT would first run this hot loop unoptimised and replace it twice on the stack.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ResidualiseWide(double[] beta, double[]?[] cols, double[][] result, int start, int end)
    {
        var fitted = new double[Math.Max(1, maxGroup * 4)];
        var within = new double[Math.Max(1, maxGroup * 4)];
        ref var ff = ref MemoryMarshal.GetArrayDataReference(fitted);
        ref var ww = ref MemoryMarshal.GetArrayDataReference(within);
        ref var bb = ref MemoryMarshal.GetArrayDataReference(beta);
        var count = result.Length;
        for (var g = FirstGroupAt(start); g + 1 < groupStart.Length && groupStart[g] < end; g++)
        {
            var s = groupStart[g];
            var e = groupStart[g + 1];
            if (e == s) continue;
            var columnMean = GatherColumnsWide(cols, s, e, ref ww);
            var mean = GatherGroupWide(ref bb, s, e, ref ff);
            for (var i = s; i < e; i++)
            {
                var dst = order is null ? i : order[i];
                var x = Vector256.LoadUnsafe(ref ww, (nuint)((i - s) * 4)) - columnMean;
                var r = x - (Vector256.LoadUnsafe(ref ff, (nuint)((i - s) * 4)) - mean);
                for (var j = 0; j < count; j++) result[j][dst] = r.GetElement(j);
            }
        }
    }

    /// <summary>The group's rows s..e−1 of the (up to four) columns, in visiting order, as four-wide rows into
    /// <paramref name="buffer"/> (a null column is the zero pad), returning their mean. x̃ = row − mean is then the
    /// same number, bit for bit, whenever it is taken.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector256<double> GatherColumnsWide(double[]?[] cols, int s, int e, ref double buffer)
    {
        var x0 = cols[0]!;
        var x1 = cols[1]!;
        var x2 = cols[2]!;
        var x3 = cols[3];
        var mean = Vector256<double>.Zero;
        for (var i = s; i < e; i++)
        {
            var src = order is null ? i : order[i];
            var row = Vector256.Create(x0[src], x1[src], x2[src], x3 is null ? 0.0 : x3[src]);
            row.StoreUnsafe(ref buffer, (nuint)((i - s) * 4));
            mean += row;
        }
        return mean * Vector256.Create(1.0 / (e - s));
    }

    /// <summary>The four-wide rows D_B·v of the group's rows s..e−1 (one register per row: the sum of the two
    /// remaining FEs' rows of <paramref name="table"/>) into <paramref name="buffer"/>, returning their mean. Shared
    /// by the CG product and the final residual.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector256<double> GatherGroupWide(ref double table, int s, int e, ref double buffer)
    {
        ref var c1 = ref MemoryMarshal.GetArrayDataReference(codesB[0]);
        ref var c2 = ref MemoryMarshal.GetArrayDataReference(codesB[1]);
        var o1 = offB[0];
        var o2 = offB[1];
        var mean = Vector256<double>.Zero;
        for (var i = s; i < e; i++)
        {
            var w = Vector256.LoadUnsafe(ref table, (nuint)((o1 + Unsafe.Add(ref c1, i)) * 4))
                + Vector256.LoadUnsafe(ref table, (nuint)((o2 + Unsafe.Add(ref c2, i)) * 4));
            w.StoreUnsafe(ref buffer, (nuint)((i - s) * 4));
            mean += w;
        }
        return mean * Vector256.Create(1.0 / (e - s));
    }

    /// <summary>Adds the four-wide row <paramref name="w"/> of row <paramref name="i"/> into the rows of both
    /// remaining FEs' levels in <paramref name="table"/> (D_B' applied to one row).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ScatterAddWide(ref double table, ref int c1, ref int c2, int o1, int o2, int i, Vector256<double> w)
    {
        var b1 = (nuint)((o1 + Unsafe.Add(ref c1, i)) * 4);
        var b2 = (nuint)((o2 + Unsafe.Add(ref c2, i)) * 4);
        (Vector256.LoadUnsafe(ref table, b1) + w).StoreUnsafe(ref table, b1);
        (Vector256.LoadUnsafe(ref table, b2) + w).StoreUnsafe(ref table, b2);
    }

    /// <summary>result[j][row] = x̃ − (D_B β − its group mean), x̃ and the fitted part computed once per row into
    /// group buffers.</summary>
    private void Residualise(double[] beta, double[]?[] cols, double[][] result, int k, int start, int end)
    {
        var fitted = new double[Math.Max(1, maxGroup * k)];
        var within = new double[Math.Max(1, maxGroup * k)];
        ref var ff = ref MemoryMarshal.GetArrayDataReference(fitted);
        ref var bb = ref MemoryMarshal.GetArrayDataReference(beta);
        Span<double> meanSpan = stackalloc double[k];
        ref var mean = ref MemoryMarshal.GetReference(meanSpan);
        var q = codesB.Length;
        for (var g = FirstGroupAt(start); g + 1 < groupStart.Length && groupStart[g] < end; g++)
        {
            var s = groupStart[g];
            var e = groupStart[g + 1];
            if (e == s) continue;
            WithinGroup(cols, k, s, e, within);
            meanSpan.Clear();
            for (var i = s; i < e; i++)
            {
                ref var fi = ref Unsafe.Add(ref ff, (i - s) * k);
                ref var b0 = ref Unsafe.Add(ref bb, (offB[0] + codesB[0][i]) * k);
                if (q == 1)
                {
                    for (var j = 0; j < k; j++) Unsafe.Add(ref fi, j) = Unsafe.Add(ref b0, j);
                }
                else
                {
                    RowVector.Sum(ref fi, ref b0, ref Unsafe.Add(ref bb, (offB[1] + codesB[1][i]) * k), k);
                    for (var f = 2; f < q; f++) RowVector.Add(ref fi, ref Unsafe.Add(ref bb, (offB[f] + codesB[f][i]) * k), k);
                }
                RowVector.Add(ref mean, ref fi, k);
            }
            RowVector.Scale(ref mean, 1.0 / (e - s), k);
            for (var i = s; i < e; i++)
            {
                var dst = order is null ? i : order[i];
                var b = (i - s) * k;
                for (var j = 0; j < result.Length; j++) result[j][dst] = within[b + j] - (fitted[b + j] - Unsafe.Add(ref mean, j));
            }
        }
    }

    /// <summary>x̃ of the group's rows s..e−1: the columns' rows in visiting order (a null column is zeros), minus
    /// their group mean, into <paramref name="buffer"/> (row-major, <paramref name="k"/> wide).</summary>
    private void WithinGroup(double[]?[] cols, int k, int s, int e, double[] buffer)
    {
        Span<double> meanSpan = stackalloc double[k];
        ref var mean = ref MemoryMarshal.GetReference(meanSpan);
        ref var dd = ref MemoryMarshal.GetArrayDataReference(buffer);
        for (var i = s; i < e; i++)
        {
            var src = order is null ? i : order[i];
            for (var j = 0; j < k; j++)
            {
                var v = cols[j] is { } col ? col[src] : 0.0;
                buffer[((i - s) * k) + j] = v;
                Unsafe.Add(ref mean, j) += v;
            }
        }
        RowVector.Scale(ref mean, 1.0 / (e - s), k);
        for (var i = s; i < e; i++) RowVector.Subtract(ref Unsafe.Add(ref dd, (i - s) * k), ref mean, k);
    }

    /// <summary>Runs <paramref name="work"/>(chunk, start, end) on each row chunk (chunks end on group boundaries), in
    /// parallel.</summary>
    private void ForEachChunk(Action<int, int, int> work)
    {
        var chunks = chunkStart.Length - 1;
        if (chunks == 1) work(0, 0, rows);
        else Parallel.For(0, chunks, c => work(c, chunkStart[c], chunkStart[c + 1]));
    }

    /// <summary><see cref="WithinGroupsWithSums"/> for four columns (the last may be the zero pad) and two remaining
    /// FEs: one register per row, the group mean kept in a register.</summary>
    /// <remarks>Precompiled in the published binary (ReadyToRun for x86-64-v3), so a fresh process runs it without
    /// JIT compilation.</remarks>
    private void WithinGroupsWithSumsWide(double[]?[] cols, double[] sums, int start, int end)
    {
        var within = new double[Math.Max(1, maxGroup * 4)];
        ref var ww = ref MemoryMarshal.GetArrayDataReference(within);
        ref var ss = ref MemoryMarshal.GetArrayDataReference(sums);
        ref var c1 = ref MemoryMarshal.GetArrayDataReference(codesB[0]);
        ref var c2 = ref MemoryMarshal.GetArrayDataReference(codesB[1]);
        var o1 = offB[0];
        var o2 = offB[1];
        for (var g = FirstGroupAt(start); g + 1 < groupStart.Length && groupStart[g] < end; g++)
        {
            var s = groupStart[g];
            var e = groupStart[g + 1];
            if (e == s) continue;
            var mean = GatherColumnsWide(cols, s, e, ref ww);
            for (var i = s; i < e; i++)
                ScatterAddWide(ref ss, ref c1, ref c2, o1, o2, i, Vector256.LoadUnsafe(ref ww, (nuint)((i - s) * 4)) - mean);
        }
    }

    /// <summary>Adds each group's demeaned rows (x̃, <see cref="WithinGroup"/>) into <paramref name="sums"/> = D_B' x̃,
    /// one group at a time.</summary>
    private void WithinGroupsWithSums(double[]?[] cols, double[] sums, int k, int start, int end)
    {
        var within = new double[Math.Max(1, maxGroup * k)];
        ref var ww = ref MemoryMarshal.GetArrayDataReference(within);
        ref var ss = ref MemoryMarshal.GetArrayDataReference(sums);
        for (var g = FirstGroupAt(start); g + 1 < groupStart.Length && groupStart[g] < end; g++)
        {
            var s = groupStart[g];
            var e = groupStart[g + 1];
            if (e == s) continue;
            WithinGroup(cols, k, s, e, within);
            for (var i = s; i < e; i++)
            {
                ref var row = ref Unsafe.Add(ref ww, (i - s) * k);
                for (var q = 0; q < codesB.Length; q++)
                    RowVector.Add(ref Unsafe.Add(ref ss, (offB[q] + codesB[q][i]) * k), ref row, k);
            }
        }
    }

    private void Precondition(double[] r, double[] z, int k)
    {
        if (blocks is not null)
        {
            blocks.Apply(r, z, k);
            // D_q·1 = 1 lies in the span of the eliminated FE, so each FE's constant is a null vector of S. The
            // residuals are orthogonal to it; keep the preconditioned direction orthogonal too, or the (ridged, nearly
            // singular) blocks amplify rounding along it and β drifts without changing the fit.
            for (var q = 0; q < levelsPerFe.Length; q++)
            {
                var lo = offB[q];
                var hi = lo + levelsPerFe[q];
                for (var j = 0; j < k; j++)
                {
                    double mean = 0;
                    for (var l = lo; l < hi; l++) mean += z[(l * k) + j];
                    mean /= hi - lo;
                    for (var l = lo; l < hi; l++) z[(l * k) + j] -= mean;
                }
            }
            return;
        }
        for (var l = 0; l < levelsB; l++)
        {
            var w = invDiag[l];
            for (var j = 0; j < k; j++) z[(l * k) + j] = r[(l * k) + j] * w;
        }
    }

    private double[] Dots(double[] a, double[] b, int k)
    {
        var d = new double[k];
        for (var l = 0; l < levelsB; l++)
            for (var j = 0; j < k; j++) d[j] += a[(l * k) + j] * b[(l * k) + j];
        return d;
    }

    /// <summary>output = D_B' M_A D_B v, one pass over the rows, group by group.</summary>
    private void Multiply(double[] v, double[] output, int k, double[][] buffers)
    {
        var size = v.Length;
        var chunks = chunkStart.Length - 1;
        void Work(int chunk)
        {
            var acc = buffers[chunk] ??= new double[size];
            Array.Clear(acc);
            if (codesB.Length == 1) Kernel1(v, acc, k, chunkStart[chunk], chunkStart[chunk + 1]);
            else if (codesB.Length == 2 && k == 4 && Vector256.IsHardwareAccelerated) Kernel2Wide(v, acc, chunkStart[chunk], chunkStart[chunk + 1]);
            else if (codesB.Length == 2) Kernel2(v, acc, k, chunkStart[chunk], chunkStart[chunk + 1]);
            else KernelAny(v, acc, k, chunkStart[chunk], chunkStart[chunk + 1]);
        }
        if (chunks == 1) Work(0);
        else Parallel.For(0, chunks, Work);
        Array.Copy(buffers[0], output, size);
        for (var c = 1; c < chunks; c++)
        {
            var b = buffers[c];
            for (var e = 0; e < size; e++) output[e] += b[e];
        }
    }

    private int FirstGroupAt(int row)
    {
        var g = Array.BinarySearch(groupStart, row);
        if (g < 0) g = ~g - 1;
        while (g + 1 < groupStart.Length && groupStart[g + 1] == row && groupStart[g] == row) g++;
        return g;
    }

    /// <summary><see cref="Kernel2"/> for exactly four columns: each row's four values are one register and the group
    /// mean stays in a register, so a row costs two gathers, one store and two scatter-adds.</summary>
    /// <remarks>Precompiled in the published binary (ReadyToRun for x86-64-v3).</remarks>
    private void Kernel2Wide(double[] v, double[] acc, int start, int end)
    {
        ref var c1 = ref MemoryMarshal.GetArrayDataReference(codesB[0]);
        ref var c2 = ref MemoryMarshal.GetArrayDataReference(codesB[1]);
        var o1 = offB[0];
        var o2 = offB[1];
        ref var vv = ref MemoryMarshal.GetArrayDataReference(v);
        ref var aa = ref MemoryMarshal.GetArrayDataReference(acc);
        var u = new double[Math.Max(1, maxGroup * 4)];
        ref var uu = ref MemoryMarshal.GetArrayDataReference(u);
        for (var g = FirstGroupAt(start); g + 1 < groupStart.Length && groupStart[g] < end; g++)
        {
            var s = groupStart[g];
            var e = groupStart[g + 1];
            if (e == s) continue;
            var mean = GatherGroupWide(ref vv, s, e, ref uu);
            for (var i = s; i < e; i++)
                ScatterAddWide(ref aa, ref c1, ref c2, o1, o2, i, Vector256.LoadUnsafe(ref uu, (nuint)((i - s) * 4)) - mean);
        }
    }

    private void Kernel2(double[] v, double[] acc, int k, int start, int end)
    {
        ref var c1 = ref MemoryMarshal.GetArrayDataReference(codesB[0]);
        ref var c2 = ref MemoryMarshal.GetArrayDataReference(codesB[1]);
        var o1 = offB[0];
        var o2 = offB[1];
        ref var vv = ref MemoryMarshal.GetArrayDataReference(v);
        ref var aa = ref MemoryMarshal.GetArrayDataReference(acc);
        Span<double> meanSpan = stackalloc double[k];
        ref var mean = ref MemoryMarshal.GetReference(meanSpan);
        // u = D_B·v of the group's rows, kept so the second loop does not gather again.
        var u = new double[Math.Max(1, maxGroup * k)];
        ref var uu = ref MemoryMarshal.GetArrayDataReference(u);
        for (var g = FirstGroupAt(start); g + 1 < groupStart.Length && groupStart[g] < end; g++)
        {
            var s = groupStart[g];
            var e = groupStart[g + 1];
            if (e == s) continue;
            meanSpan.Clear();
            for (var i = s; i < e; i++)
            {
                ref var ui = ref Unsafe.Add(ref uu, (i - s) * k);
                RowVector.Sum(ref ui, ref Unsafe.Add(ref vv, (o1 + Unsafe.Add(ref c1, i)) * k), ref Unsafe.Add(ref vv, (o2 + Unsafe.Add(ref c2, i)) * k), k);
                RowVector.Add(ref mean, ref ui, k);
            }
            RowVector.Scale(ref mean, 1.0 / (e - s), k);
            for (var i = s; i < e; i++)
            {
                ref var ui = ref Unsafe.Add(ref uu, (i - s) * k);
                RowVector.Subtract(ref ui, ref mean, k);
                RowVector.Add(ref Unsafe.Add(ref aa, (o1 + Unsafe.Add(ref c1, i)) * k), ref ui, k);
                RowVector.Add(ref Unsafe.Add(ref aa, (o2 + Unsafe.Add(ref c2, i)) * k), ref ui, k);
            }
        }
    }

    private void Kernel1(double[] v, double[] acc, int k, int start, int end)
    {
        ref var c1 = ref MemoryMarshal.GetArrayDataReference(codesB[0]);
        ref var vv = ref MemoryMarshal.GetArrayDataReference(v);
        ref var aa = ref MemoryMarshal.GetArrayDataReference(acc);
        Span<double> mean = stackalloc double[k];
        for (var g = FirstGroupAt(start); g + 1 < groupStart.Length && groupStart[g] < end; g++)
        {
            var s = groupStart[g];
            var e = groupStart[g + 1];
            if (e == s) continue;
            mean.Clear();
            for (var i = s; i < e; i++)
            {
                var b1 = Unsafe.Add(ref c1, i) * k; // the single other FE starts at offset 0
                for (var j = 0; j < k; j++) mean[j] += Unsafe.Add(ref vv, b1 + j);
            }
            var inv = 1.0 / (e - s);
            for (var j = 0; j < k; j++) mean[j] *= inv;
            for (var i = s; i < e; i++)
            {
                var b1 = Unsafe.Add(ref c1, i) * k;
                for (var j = 0; j < k; j++) Unsafe.Add(ref aa, b1 + j) += Unsafe.Add(ref vv, b1 + j) - mean[j];
            }
        }
    }

    private void KernelAny(double[] v, double[] acc, int k, int start, int end)
    {
        var mean = new double[k];
        var q = codesB.Length;
        for (var g = FirstGroupAt(start); g + 1 < groupStart.Length && groupStart[g] < end; g++)
        {
            var s = groupStart[g];
            var e = groupStart[g + 1];
            if (e == s) continue;
            Array.Clear(mean);
            for (var i = s; i < e; i++)
            {
                for (var f = 0; f < q; f++)
                    for (var j = 0; j < k; j++) mean[j] += v[((offB[f] + codesB[f][i]) * k) + j];
            }

            for (var j = 0; j < k; j++) mean[j] /= e - s;
            for (var i = s; i < e; i++)
            {
                for (var j = 0; j < k; j++)
                {
                    var w = -mean[j];
                    for (var f = 0; f < q; f++) w += v[((offB[f] + codesB[f][i]) * k) + j];
                    for (var f = 0; f < q; f++) acc[((offB[f] + codesB[f][i]) * k) + j] += w;
                }
            }
        }
    }
}
