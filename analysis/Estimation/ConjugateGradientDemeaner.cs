using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Warehouse.Analysis.Data;

namespace Warehouse.Analysis.Estimation;

/// <summary>Partials out two or more fixed effects by preconditioned conjugate gradient on the normal equations
/// D'D·α = D'x (D the implicit dummy matrix, Jacobi preconditioner = level counts), as reghdfe's CG option does.</summary>
/// <remarks>
/// Alternating projections converge at the rate of the slowest-mixing FE pair; on "chain-like" designs (workers
/// and firms, where the bipartite graph is long and thin) that takes thousands of sweeps, while CG needs roughly
/// the square root of that. One iteration is one pass over the rows (gather Σ_q p_q[code_q], scatter it back into
/// every FE), shared by all columns, each column with its own CG scalars. Convergence uses the same per-element test
/// on the coefficient update as the Irons–Tuck path: |Δ| &gt; tol &amp;&amp; |Δ|/(0.1+|α|) &gt; tol.
/// </remarks>
internal sealed class ConjugateGradientDemeaner
{
    private readonly int[][] codes;
    private readonly int[] offsets; // start of each FE's block in the flat coefficient vector (in levels)
    private readonly double[] invCounts; // flat, per level
    private readonly int levels;
    private readonly int rows;
    private readonly int chunks;

    public ConjugateGradientDemeaner(IReadOnlyList<Factor> fixedEffects, int chunks)
    {
        rows = fixedEffects[0].Codes.Length;
        this.codes = fixedEffects.Select(f => f.Codes).ToArray();
        offsets = new int[fixedEffects.Count];
        var total = 0;
        for (var q = 0; q < fixedEffects.Count; q++)
        {
            offsets[q] = total;
            total += fixedEffects[q].Levels;
        }
        levels = total;
        invCounts = fixedEffects.SelectMany(f => f.Counts().Select(c => c == 0 ? 0.0 : 1.0 / c)).ToArray();
        this.chunks = chunks;
    }

    /// <remarks>With <paramref name="overwrite"/> the residuals go over <paramref name="columns"/> (each row is read before it is written).</remarks>
    public DemeanResult Demean(IReadOnlyList<double[]> columns, double tol, int maxIterations, bool overwrite = false)
    {
        var k = columns.Count;
        var size = levels * k;
        var alpha = new double[size];
        var r = new double[size];
        // r0 = D'x (α0 = 0): group sums of every column.
        for (var q = 0; q < this.codes.Length; q++)
        {
            var codes = this.codes[q];
            var off = offsets[q];
            for (var j = 0; j < k; j++)
            {
                var col = columns[j];
                for (var i = 0; i < rows; i++) r[((off + codes[i]) * k) + j] += col[i];
            }
        }
        var z = new double[size];
        Precondition(r, z, k);
        var p = (double[])z.Clone();
        var ap = new double[size];
        var rz = Dots(r, z, k);
        var active = new bool[k];
        Array.Fill(active, true);
        var buffers = new double[this.chunks][];
        var iterations = 0;
        var converged = false;
        while (iterations < maxIterations)
        {
            iterations++;
            Multiply(p, ap, k, buffers);
            var pAp = Dots(p, ap, k);
            var step = new double[k];
            for (var j = 0; j < k; j++) step[j] = active[j] && pAp[j] > 0 ? rz[j] / pAp[j] : 0;
            var moved = new bool[k];
            for (var e = 0; e < size; e++)
            {
                var j = e % k;
                var d = step[j] * p[e];
                alpha[e] += d;
                r[e] -= step[j] * ap[e];
                var ad = Math.Abs(d);
                if (ad > tol && ad / (0.1 + Math.Abs(alpha[e])) > tol) moved[j] = true;
            }
            converged = true;
            for (var j = 0; j < k; j++)
            {
                if (!moved[j]) active[j] = false;
                converged &= !active[j];
            }
            if (converged) break;
            Precondition(r, z, k);
            var rzNew = Dots(r, z, k);
            for (var e = 0; e < size; e++)
            {
                var j = e % k;
                if (!active[j]) continue;
                var beta = rz[j] > 0 ? rzNew[j] / rz[j] : 0;
                p[e] = z[e] + (beta * p[e]);
            }
            rz = rzNew;
        }
        return new DemeanResult(Residualise(columns, alpha, k, overwrite), iterations, converged);
    }

    private void Precondition(double[] r, double[] z, int k)
    {
        for (var l = 0; l < levels; l++)
        {
            var w = invCounts[l];
            for (var j = 0; j < k; j++) z[(l * k) + j] = r[(l * k) + j] * w;
        }
    }

    private static double[] Dots(double[] a, double[] b, int k)
    {
        var d = new double[k];
        for (var e = 0; e < a.Length; e++) d[e % k] += a[e] * b[e];
        return d;
    }

    /// <summary>output = D'D·v: per row the sum of its coefficients, scattered back to each of its levels.</summary>
    private void Multiply(double[] v, double[] output, int k, double[][] buffers)
    {
        var size = v.Length;
        var chunkSize = (rows + this.chunks - 1) / this.chunks;
        void Work(int chunk)
        {
            var a = buffers[chunk] ??= new double[size];
            Array.Clear(a);
            var start = chunk * chunkSize;
            var end = Math.Min(rows, start + chunkSize);
            if (this.codes.Length == 3 && k <= 8) Kernel3(v, a, k, start, end);
            else KernelAny(v, a, k, start, end);
        }
        if (this.chunks == 1) Work(0);
        else Parallel.For(0, this.chunks, Work);
        Array.Copy(buffers[0], output, size);
        for (var c = 1; c < this.chunks; c++)
        {
            var b = buffers[c];
            for (var e = 0; e < size; e++) output[e] += b[e];
        }
    }

    private void Kernel3(double[] v, double[] a, int k, int start, int end)
    {
        ref var c0 = ref MemoryMarshal.GetArrayDataReference(this.codes[0]);
        ref var c1 = ref MemoryMarshal.GetArrayDataReference(this.codes[1]);
        ref var c2 = ref MemoryMarshal.GetArrayDataReference(this.codes[2]);
        ref var vv = ref MemoryMarshal.GetArrayDataReference(v);
        ref var aa = ref MemoryMarshal.GetArrayDataReference(a);
        var o1 = offsets[1];
        var o2 = offsets[2];
        Span<double> s = stackalloc double[8];
        for (var i = start; i < end; i++)
        {
            var b0 = Unsafe.Add(ref c0, i) * k;
            var b1 = (o1 + Unsafe.Add(ref c1, i)) * k;
            var b2 = (o2 + Unsafe.Add(ref c2, i)) * k;
            for (var j = 0; j < k; j++)
                s[j] = Unsafe.Add(ref vv, b0 + j) + Unsafe.Add(ref vv, b1 + j) + Unsafe.Add(ref vv, b2 + j);
            for (var j = 0; j < k; j++)
            {
                Unsafe.Add(ref aa, b0 + j) += s[j];
                Unsafe.Add(ref aa, b1 + j) += s[j];
                Unsafe.Add(ref aa, b2 + j) += s[j];
            }
        }
    }

    private void KernelAny(double[] v, double[] a, int k, int start, int end)
    {
        var q = this.codes.Length;
        var bases = new int[q];
        var s = new double[k];
        for (var i = start; i < end; i++)
        {
            Array.Clear(s);
            for (var f = 0; f < q; f++)
            {
                var b = (offsets[f] + this.codes[f][i]) * k;
                bases[f] = b;
                for (var j = 0; j < k; j++) s[j] += v[b + j];
            }
            for (var f = 0; f < q; f++)
                for (var j = 0; j < k; j++) a[bases[f] + j] += s[j];
        }
    }

    private double[][] Residualise(IReadOnlyList<double[]> columns, double[] alpha, int k, bool overwrite)
    {
        var result = new double[k][];
        Parallel.For(0, k, new ParallelOptions { MaxDegreeOfParallelism = this.chunks }, j =>
        {
            var src = columns[j];
            var dst = overwrite ? src : new double[rows];
            for (var i = 0; i < rows; i++)
            {
                var v = src[i];
                for (var f = 0; f < this.codes.Length; f++) v -= alpha[((offsets[f] + this.codes[f][i]) * k) + j];
                dst[i] = v;
            }
            result[j] = dst;
        });
        return result;
    }
}
