using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Warehouse.Analysis.Data;

namespace Warehouse.Analysis.Estimation;

/// <summary>Alternating projections with Irons–Tuck acceleration, as fixest; exact group demeaning for one FE.</summary>
/// <remarks>
/// More than one fixed effect: alternating projections (Gauss–Seidel over the fixed
/// effects) run in the space of the fixed-effect coefficients, as fixest does, accelerated with Irons–Tuck;
/// each column has its own acceleration step and its own convergence test
/// <c>|Δ| &gt; tol &amp;&amp; |Δ|/(0.1+|a|) &gt; tol</c> on every coefficient. All columns share each pass over the
/// rows (the code arrays are read once per pass), and passes are split over row chunks with per-thread
/// accumulators, so memory stays O(N·k + levels·k·threads).
/// </remarks>
internal sealed class IronsTuckDemeaner
{
    private readonly int[][] codes;
    private readonly int[] levels;
    private double[][]? invCounts; // only the alternating-projections path needs them; built on first use
    private readonly int rows;
    private readonly int chunks;
    private readonly IReadOnlyList<Factor> fixedEffects;

    public IronsTuckDemeaner(IReadOnlyList<Factor> fixedEffects, int chunks)
    {
        this.fixedEffects = fixedEffects;
        rows = fixedEffects[0].Codes.Length;
        this.codes = fixedEffects.Select(f => f.Codes).ToArray();
        levels = fixedEffects.Select(f => f.Levels).ToArray();
        this.chunks = chunks;
    }

    /// <summary>Demeans <paramref name="columns"/>; see the class remarks.</summary>
    /// <remarks>With <paramref name="overwrite"/> the residuals go over <paramref name="columns"/> (each row is read before it is written).</remarks>
    public DemeanResult Demean(IReadOnlyList<double[]> columns, double tolerance, int maxIterations, bool overwrite = false)
    {
        var k = columns.Count;
        var q = this.codes.Length;
        invCounts ??= this.fixedEffects.Select(f => f.Counts().Select(c => c == 0 ? 0.0 : 1.0 / c).ToArray()).ToArray();
        var sums = new double[q][];
        for (var f = 0; f < q; f++) sums[f] = GroupSums(f, columns);
        var coef = new double[q][];
        for (var f = 0; f < q; f++) coef[f] = new double[levels[f] * k];

        if (q == 1)
        {
            ScaleByCounts(0, sums[0], coef[0], k);
            return new DemeanResult(Residualise(columns, coef, overwrite), 0, true);
        }

        // State = coefficients of fixed effects 1..Q-1; those of FE 0 follow from them inside each sweep.
        var x = NewState(k);
        var gx = NewState(k);
        var ggx = NewState(k);
        var accumulators = new double[this.chunks][];
        Sweep(x, gx, coef, sums, k, accumulators);
        var converged = new bool[k];
        var iterations = 0;
        var allConverged = false;
        while (iterations < maxIterations)
        {
            iterations++;
            allConverged = true;
            for (var j = 0; j < k; j++)
            {
                if (!converged[j]) converged[j] = !ShouldContinue(x, gx, j, k, tolerance);
                allConverged &= converged[j];
            }
            if (allConverged) break;
            Sweep(gx, ggx, coef, sums, k, accumulators);
            for (var j = 0; j < k; j++)
            {
                if (converged[j]) CopyColumn(gx, x, j, k);
                else IronsTuck(x, gx, ggx, j, k);
            }
            Sweep(x, gx, coef, sums, k, accumulators);
        }
        // FE 0 from the final state, so the residual is exactly orthogonal to it.
        CopyState(gx, coef);
        UpdateOne(0, coef, sums, k, accumulators);
        return new DemeanResult(Residualise(columns, coef, overwrite), iterations, allConverged);
    }

    private double[][] NewState(int k)
    {
        var s = new double[this.codes.Length - 1][];
        for (var f = 1; f < this.codes.Length; f++) s[f - 1] = new double[levels[f] * k];
        return s;
    }

    private static void CopyState(double[][] state, double[][] coef)
    {
        for (var f = 0; f < state.Length; f++) Array.Copy(state[f], coef[f + 1], state[f].Length);
    }

    /// <summary>One Gauss–Seidel pass over all fixed effects: output = G(input).</summary>
    private void Sweep(double[][] input, double[][] output, double[][] coef, double[][] sums, int k, double[][] acc)
    {
        CopyState(input, coef);
        for (var f = 0; f < this.codes.Length; f++) UpdateOne(f, coef, sums, k, acc);
        for (var f = 1; f < this.codes.Length; f++) Array.Copy(coef[f], output[f - 1], coef[f].Length);
    }

    /// <summary>coef[f][g] = mean over rows of g of (x − Σ_{p≠f} coef[p][code_p]).</summary>
    private void UpdateOne(int f, double[][] coef, double[][] sums, int k, double[][] acc)
    {
        var size = levels[f] * k;
        var codes = this.codes;
        var chunkSize = (rows + this.chunks - 1) / this.chunks;
        void Work(int chunk)
        {
            var a = acc[chunk];
            if (a is null || a.Length < size) acc[chunk] = a = new double[Math.Max(size, a?.Length ?? 0)];
            Array.Clear(a, 0, size);
            var start = chunk * chunkSize;
            var end = Math.Min(rows, start + chunkSize);
            var others = Enumerable.Range(0, codes.Length).Where(p => p != f).ToArray();
            if (others.Length == 1) AccumulateOne(codes[f], codes[others[0]], coef[others[0]], a, k, start, end);
            else if (others.Length == 2) AccumulateTwo(codes[f], codes[others[0]], coef[others[0]], codes[others[1]], coef[others[1]], a, k, start, end);
            else AccumulateAny(f, codes, coef, a, k, start, end);
        }
        if (this.chunks == 1) Work(0);
        else Parallel.For(0, this.chunks, Work);
        var c = coef[f];
        var inv = invCounts![f];
        var s = sums[f];
        for (var g = 0; g < levels[f]; g++)
        {
            var b = g * k;
            for (var j = 0; j < k; j++)
            {
                var total = s[b + j];
                for (var t = 0; t < this.chunks; t++) total -= acc[t][b + j];
                c[b + j] = total * inv[g];
            }
        }
    }

    // The kernels below are the hot loop of the whole estimator: a[own[i]] += Σ_{p≠f} coef_p[code_p[i]], for all k
    // columns at once. Unchecked refs skip bounds checks; codes were validated when the factors were built.
    private static void AccumulateOne(int[] own, int[] c1, double[] coef1, double[] a, int k, int start, int end)
    {
        ref var o = ref MemoryMarshal.GetArrayDataReference(own);
        ref var i1 = ref MemoryMarshal.GetArrayDataReference(c1);
        ref var f1 = ref MemoryMarshal.GetArrayDataReference(coef1);
        ref var acc = ref MemoryMarshal.GetArrayDataReference(a);
        for (var i = start; i < end; i++)
        {
            ref var dst = ref Unsafe.Add(ref acc, Unsafe.Add(ref o, i) * k);
            ref var src = ref Unsafe.Add(ref f1, Unsafe.Add(ref i1, i) * k);
            for (var j = 0; j < k; j++) Unsafe.Add(ref dst, j) += Unsafe.Add(ref src, j);
        }
    }

    private static void AccumulateTwo(int[] own, int[] c1, double[] coef1, int[] c2, double[] coef2, double[] a, int k, int start, int end)
    {
        ref var o = ref MemoryMarshal.GetArrayDataReference(own);
        ref var i1 = ref MemoryMarshal.GetArrayDataReference(c1);
        ref var f1 = ref MemoryMarshal.GetArrayDataReference(coef1);
        ref var i2 = ref MemoryMarshal.GetArrayDataReference(c2);
        ref var f2 = ref MemoryMarshal.GetArrayDataReference(coef2);
        ref var acc = ref MemoryMarshal.GetArrayDataReference(a);
        for (var i = start; i < end; i++)
        {
            ref var dst = ref Unsafe.Add(ref acc, Unsafe.Add(ref o, i) * k);
            ref var s1 = ref Unsafe.Add(ref f1, Unsafe.Add(ref i1, i) * k);
            ref var s2 = ref Unsafe.Add(ref f2, Unsafe.Add(ref i2, i) * k);
            for (var j = 0; j < k; j++) Unsafe.Add(ref dst, j) += Unsafe.Add(ref s1, j) + Unsafe.Add(ref s2, j);
        }
    }

    private static void AccumulateAny(int f, int[][] codes, double[][] coef, double[] a, int k, int start, int end)
    {
        var own = codes[f];
        for (var i = start; i < end; i++)
        {
            var ob = own[i] * k;
            for (var p = 0; p < codes.Length; p++)
            {
                if (p == f) continue;
                var cp = coef[p];
                var b = codes[p][i] * k;
                for (var j = 0; j < k; j++) a[ob + j] += cp[b + j];
            }
        }
    }

    private double[] GroupSums(int f, IReadOnlyList<double[]> columns)
    {
        var k = columns.Count;
        var s = new double[levels[f] * k];
        var codes = this.codes[f];
        for (var j = 0; j < k; j++)
        {
            var col = columns[j];
            for (var i = 0; i < rows; i++) s[(codes[i] * k) + j] += col[i];
        }
        return s;
    }

    private void ScaleByCounts(int f, double[] sums, double[] coef, int k)
    {
        var inv = invCounts![f];
        for (var g = 0; g < levels[f]; g++)
            for (var j = 0; j < k; j++) coef[(g * k) + j] = sums[(g * k) + j] * inv[g];
    }

    private double[][] Residualise(IReadOnlyList<double[]> columns, double[][] coef, bool overwrite)
    {
        var k = columns.Count;
        var result = new double[k][];
        Parallel.For(0, k, new ParallelOptions { MaxDegreeOfParallelism = this.chunks }, j =>
        {
            var src = columns[j];
            var dst = overwrite ? src : new double[rows];
            for (var i = 0; i < rows; i++)
            {
                var v = src[i];
                for (var f = 0; f < this.codes.Length; f++) v -= coef[f][(this.codes[f][i] * k) + j];
                dst[i] = v;
            }
            result[j] = dst;
        });
        return result;
    }

    /// <summary>fixest's per-element test: keep iterating while any coefficient moved by more than tol both
    /// absolutely and relative to (0.1 + its size).</summary>
    private static bool ShouldContinue(double[][] a, double[][] b, int j, int k, double tol)
    {
        for (var f = 0; f < a.Length; f++)
        {
            var x = a[f];
            var y = b[f];
            for (var e = j; e < x.Length; e += k)
            {
                var d = Math.Abs(x[e] - y[e]);
                if (d > tol && d / (0.1 + Math.Abs(x[e])) > tol) return true;
            }
        }
        return false;
    }

    private static void CopyColumn(double[][] from, double[][] to, int j, int k)
    {
        for (var f = 0; f < from.Length; f++)
            for (var e = j; e < from[f].Length; e += k) to[f][e] = from[f][e];
    }

    /// <summary>Irons–Tuck extrapolation for column j: X ← GGX − [(Δ·Δ²)/(Δ²·Δ²)]·(GGX − GX).</summary>
    private static void IronsTuck(double[][] x, double[][] gx, double[][] ggx, int j, int k)
    {
        double num = 0, den = 0;
        for (var f = 0; f < x.Length; f++)
        {
            for (var e = j; e < x[f].Length; e += k)
            {
                var d1 = ggx[f][e] - gx[f][e];
                var d2 = d1 - gx[f][e] + x[f][e];
                num += d1 * d2;
                den += d2 * d2;
            }
        }
        var step = den > 0 ? num / den : 0;
        for (var f = 0; f < x.Length; f++)
        {
            for (var e = j; e < x[f].Length; e += k)
                x[f][e] = ggx[f][e] - (step * (ggx[f][e] - gx[f][e]));
        }
    }
}
