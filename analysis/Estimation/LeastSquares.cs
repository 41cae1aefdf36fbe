using System.Numerics;
using System.Runtime.CompilerServices;

namespace Warehouse.Analysis.Estimation;

/// <summary>The least-squares solve on the partialled-out design: cross products, normal equations, residuals.</summary>
internal static class LeastSquares
{
    /// <summary>β = (X'X)⁻¹X'y for the columns <paramref name="kept"/> of a Gram matrix of [y, X] (y first), with
    /// the residuals e = y − Xβ and their sum of squares.</summary>
    /// <param name="gramY">Cross products of [y, X₀, X₁, …] (from <see cref="CrossProducts"/>).</param>
    /// <param name="kept">Indices into X (0-based) of the regressors kept after the collinearity check.</param>
    /// <param name="y">The (partialled-out) dependent variable.</param>
    /// <param name="xd">The kept (partialled-out) regressors, in the order of <paramref name="kept"/>.</param>
    public static Solution Solve(double[,] gramY, IReadOnlyList<int> kept, double[] y, double[][] xd)
    {
        var (beta, bread) = Coefficients(gramY, kept);
        var (e, rss) = Residuals(y, xd, beta);
        return new Solution(beta, bread, e, rss);
    }

    /// <summary>β and (X'X)⁻¹ of <see cref="Solve"/> alone, without the pass over the rows for the residuals: what a
    /// resampling loop that reads point estimates needs (the same β, bit for bit).</summary>
    public static (double[] Beta, double[,] Bread) Coefficients(double[,] gramY, IReadOnlyList<int> kept)
    {
        var k = kept.Count;
        var xtx = new double[k, k];
        for (var a = 0; a < k; a++)
            for (var b = 0; b < k; b++) xtx[a, b] = gramY[kept[a] + 1, kept[b] + 1];
        var bread = k == 0 ? new double[0, 0] : SmallMatrix.InverseSpd(xtx);
        var xty = new double[k];
        for (var j = 0; j < k; j++) xty[j] = gramY[kept[j] + 1, 0];
        return (SmallMatrix.Multiply(bread, xty), bread);
    }

    /// <summary>e = y − Xβ and e'e, one parallel pass over the rows.</summary>
    public static (double[] Residuals, double Rss) Residuals(double[] y, double[][] x, double[] beta)
    {
        var n = y.Length;
        var k = beta.Length;
        var e = new double[n];
        var rssParts = new double[RowChunks.Count(n)];
        Parallel.For(0, rssParts.Length, c =>
        {
            var (s, t) = RowChunks.Range(c, n);
            double part = 0;
            for (var i = s; i < t; i++)
            {
                var v = y[i];
                for (var j = 0; j < k; j++) v -= x[j][i] * beta[j];
                e[i] = v;
                part += v * v;
            }
            rssParts[c] = part;
        });
        return (e, rssParts.Sum());
    }

    /// <summary>All pairwise dot products of the columns in one pass over the rows: row chunks in parallel, each in
    /// blocks short enough that the block's rows of every column stay in cache while the pairs are formed.</summary>
    public static double[,] CrossProducts(double[][] cols)
    {
        var k = cols.Length;
        var n = k == 0 ? 0 : cols[0].Length;
        var chunks = RowChunks.Count(n);
        var parts = new double[chunks][];
        Parallel.For(0, chunks, c =>
        {
            var (s, t) = RowChunks.Range(c, n);
            var acc = new double[k * k];
            const int block = 2048;
            for (var b0 = s; b0 < t; b0 += block)
            {
                var len = Math.Min(block, t - b0);
                for (var a = 0; a < k; a++)
                {
                    var ca = cols[a].AsSpan(b0, len);
                    for (var b = 0; b <= a; b++) acc[(a * k) + b] += DotSpan(ca, cols[b].AsSpan(b0, len));
                }
            }
            parts[c] = acc;
        });
        var g = new double[k, k];
        for (var a = 0; a < k; a++)
        {
            for (var b = 0; b <= a; b++)
            {
                double sum = 0;
                foreach (var part in parts) sum += part[(a * k) + b];
                g[a, b] = sum;
                g[b, a] = sum;
            }
        }

        return g;
    }

    public static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (var i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    /// <remarks>Compiled at full optimisation on first call: ReadyToRun code using <see cref="Vector{T}"/> is not used
    /// (its width is the machine's), and an unoptimised first version would run the cross-products of a fresh process.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double DotSpan(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var acc = Vector<double>.Zero;
        var w = Vector<double>.Count;
        var i = 0;
        for (; i + w <= a.Length; i += w) acc += new Vector<double>(a[i..]) * new Vector<double>(b[i..]);
        var s = Vector.Sum(acc);
        for (; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    /// <summary>The coefficients, (X'X)⁻¹, the residuals and their sum of squares.</summary>
    public sealed record Solution(double[] Beta, double[,] Bread, double[] Residuals, double Rss);
}
