namespace Warehouse.Analysis.Estimation;

/// <summary>Dense k×k helpers for the normal equations and sandwich variances (k is the number of regressors,
/// small, so clarity beats BLAS here).</summary>
public static class SmallMatrix
{
    /// <summary>Inverse of a symmetric positive definite matrix through Cholesky; throws when not PD.</summary>
    public static double[,] InverseSpd(double[,] a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var n = a.GetLength(0);
        var l = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var s = a[i, j];
                for (var p = 0; p < j; p++) s -= l[i, p] * l[j, p];
                if (i == j)
                {
                    if (s <= 0) throw new InvalidOperationException("the regressors are collinear (X'X not positive definite)");
                    l[i, i] = Math.Sqrt(s);
                }
                else
                {
                    l[i, j] = s / l[j, j];
                }
            }
        }
        // inv(L) then inv(A) = inv(L)' inv(L)
        var li = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            li[i, i] = 1 / l[i, i];
            for (var j = 0; j < i; j++)
            {
                double s = 0;
                for (var p = j; p < i; p++) s -= l[i, p] * li[p, j];
                li[i, j] = s / l[i, i];
            }
        }
        var inv = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                double s = 0;
                for (var p = i; p < n; p++) s += li[p, i] * li[p, j];
                inv[i, j] = s;
                inv[j, i] = s;
            }
        }
        return inv;
    }

    public static double[] Multiply(double[,] a, double[] v)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(v);
        var n = a.GetLength(0);
        var r = new double[n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < v.Length; j++) r[i] += a[i, j] * v[j];
        return r;
    }

    /// <summary>A · M · A for symmetric A (the sandwich).</summary>
    public static double[,] Sandwich(double[,] bread, double[,] meat)
    {
        ArgumentNullException.ThrowIfNull(bread);
        ArgumentNullException.ThrowIfNull(meat);
        var n = bread.GetLength(0);
        var t = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                double s = 0;
                for (var p = 0; p < n; p++) s += bread[i, p] * meat[p, j];
                t[i, j] = s;
            }
        }

        var r = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                double s = 0;
                for (var p = 0; p < n; p++) s += t[i, p] * bread[p, j];
                r[i, j] = s;
            }
        }

        return r;
    }

    public static double[,] Scale(double[,] a, double c)
    {
        ArgumentNullException.ThrowIfNull(a);
        var n = a.GetLength(0);
        var r = new double[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++) r[i, j] = a[i, j] * c;
        return r;
    }

    /// <summary>Symmetric eigen-decomposition by cyclic Jacobi rotations (k is tiny).</summary>
    public static (double[] Values, double[,] Vectors) SymmetricEigen(double[,] a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var n = a.GetLength(0);
        var m = (double[,])a.Clone();
        var v = new double[n, n];
        for (var i = 0; i < n; i++) v[i, i] = 1;
        for (var sweep = 0; sweep < 100; sweep++)
        {
            double off = 0;
            for (var i = 0; i < n; i++)
                for (var j = i + 1; j < n; j++) off += m[i, j] * m[i, j];
            if (off < 1e-30) break;
            for (var p = 0; p < n; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    if (m[p, q] == 0) continue;
                    var theta = (m[q, q] - m[p, p]) / (2 * m[p, q]);
                    var t = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt((theta * theta) + 1));
                    var c = 1 / Math.Sqrt((t * t) + 1);
                    var s = t * c;
                    for (var r = 0; r < n; r++)
                    {
                        var mrp = m[r, p];
                        var mrq = m[r, q];
                        m[r, p] = (c * mrp) - (s * mrq);
                        m[r, q] = (s * mrp) + (c * mrq);
                    }
                    for (var r = 0; r < n; r++)
                    {
                        var mpr = m[p, r];
                        var mqr = m[q, r];
                        m[p, r] = (c * mpr) - (s * mqr);
                        m[q, r] = (s * mpr) + (c * mqr);
                    }
                    for (var r = 0; r < n; r++)
                    {
                        var vrp = v[r, p];
                        var vrq = v[r, q];
                        v[r, p] = (c * vrp) - (s * vrq);
                        v[r, q] = (s * vrp) + (c * vrq);
                    }
                }
            }
        }
        var values = new double[n];
        for (var i = 0; i < n; i++) values[i] = m[i, i];
        return (values, v);
    }

    /// <summary>The matrix with negative eigenvalues set to zero (CGM multiway variances can be non-PSD).</summary>
    public static double[,] ClipToPsd(double[,] a, out bool clipped)
    {
        var (values, vectors) = SymmetricEigen(a);
        clipped = values.Any(v => v < 0);
        if (!clipped) return a;
        var n = values.Length;
        var r = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                double s = 0;
                for (var e = 0; e < n; e++) s += vectors[i, e] * Math.Max(0, values[e]) * vectors[j, e];
                r[i, j] = s;
            }
        }

        return r;
    }

    /// <summary>Copies the lower triangle onto the upper one (meats are accumulated on the lower triangle).</summary>
    public static void Symmetrise(double[,] m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var k = m.GetLength(0);
        for (var a = 0; a < k; a++)
            for (var b = 0; b < a; b++) m[b, a] = m[a, b];
    }
}
