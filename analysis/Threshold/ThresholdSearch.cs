using Warehouse.Analysis.Data;
using Warehouse.Analysis.Estimation;

namespace Warehouse.Analysis.Threshold;

/// <summary>The sum of squared residuals of the fixed-effects threshold model at every grid candidate, for any
/// response and any set of thresholds already found.</summary>
/// <remarks>
/// With F the absorbed fixed effects, M the demeaned fixed block (regime-independent regressors, the regime
/// regressors c over all rows, and c·1{q &lt; r} for each threshold r already found) and z_γ = M_F(c·1{q &lt; γ}),
/// the SSR at γ is SSR₀ − u'A⁻¹u with u = z_γ'e₀ and A = z_γ'z_γ − z_γ'M(M'M)⁻¹M'z_γ (Frisch–Waugh–Lovell).
/// Because e₀ and M are already orthogonal to the fixed effects, z_γ'v = Σ_{q&lt;γ} c·v for them: one pass over
/// the rows in q order gives u and z_γ'M for every candidate. Only z_γ'z_γ needs the demeaned z_γ; it does not
/// depend on the response, so it is computed once per candidate (a <see cref="Demeaner"/> call each) and reused by
/// every search and bootstrap replication. This reproduces Hansen's SSR(γ) from a regression per candidate.
/// With Hansen's transformation (rows deleted after demeaning, S the selection) the same holds with
/// z*_γ'v* = (c·1)'M_F v*: one more demeaning of e₀ and M per search.
/// </remarks>
internal sealed class ThresholdSearch
{
    private const long CacheLimit = 16_000_000; // doubles kept for the demeaned z_γ columns (128 MB)

    private readonly Demeaner demeaner;
    private readonly FeolsOptions options;
    private readonly double[][] regimeRaw;
    private readonly int[] order;
    private readonly double[][,] zz;
    private readonly double[][][]? z;
    private readonly int m;
    private readonly bool[]? deleted;

    /// <summary>Demeans the data once and prepares z_γ'z_γ for every candidate.</summary>
    /// <param name="fixedEffects">Absorbed fixed effects.</param>
    /// <param name="y">Response (raw).</param>
    /// <param name="x">Regime-independent regressors (raw).</param>
    /// <param name="regime">Regime-dependent regressors (raw).</param>
    /// <param name="q">Threshold variable.</param>
    /// <param name="grid">Candidates.</param>
    /// <param name="options">Demeaning settings.</param>
    /// <param name="deleted">Rows removed after demeaning (Hansen's X*: the last period of every unit); null = none.</param>
    public ThresholdSearch(IReadOnlyList<Factor> fixedEffects, double[] y, IReadOnlyList<double[]> x, IReadOnlyList<double[]> regime,
        double[] q, ThresholdGrid grid, FeolsOptions options, bool[]? deleted)
    {
        this.deleted = deleted;
        demeaner = new Demeaner(fixedEffects, options.Threads);
        this.options = options;
        regimeRaw = [.. regime];
        this.m = regime.Count;
        Grid = grid;
        Rows = y.Length;
        order = Enumerable.Range(0, Rows).OrderBy(i => q[i]).ToArray();
        var demeaned = Transform([y, .. x, .. regime]);
        Y = demeaned[0];
        X = demeaned[1..(1 + x.Count)];
        C = demeaned[(1 + x.Count)..];

        var keep = (long)Rows * this.m * grid.Count <= CacheLimit;
        this.z = keep ? new double[grid.Count][][] : null;
        this.zz = new double[grid.Count][,];
        for (var g = 0; g < grid.Count; g++)
        {
            if (g > 0 && grid.Cuts[g] == grid.Cuts[g - 1])
            {
                this.zz[g] = this.zz[g - 1];
                if (this.z is not null) this.z[g] = this.z[g - 1];
                continue;
            }
            var z = DemeanedRegime(g);
            var zz = new double[this.m, this.m];
            for (var j = 0; j < this.m; j++)
                for (var l = 0; l < this.m; l++) zz[j, l] = LeastSquares.Dot(z[j], z[l]);
            this.zz[g] = zz;
            if (this.z is not null) this.z[g] = z;
        }
    }

    public ThresholdGrid Grid { get; }
    public int Rows { get; }

    /// <summary>The demeaned response.</summary>
    public double[] Y { get; }

    /// <summary>The demeaned regime-independent regressors.</summary>
    public double[][] X { get; }

    /// <summary>The demeaned regime-dependent regressors over all rows.</summary>
    public double[][] C { get; }

    /// <summary>True when rows are deleted after demeaning (Hansen's transformation).</summary>
    public bool DeletesRows => this.deleted is not null;

    /// <summary>Demeans <paramref name="columns"/> and zeroes the deleted rows (so they drop out of every sum).</summary>
    public double[][] Transform(IReadOnlyList<double[]> columns)
    {
        var cols = Demean(columns);
        if (this.deleted is not null)
        {
            foreach (var col in cols)
            {
                for (var i = 0; i < col.Length; i++)
                    if (this.deleted[i]) col[i] = 0;
            }
        }

        return cols;
    }

    /// <summary>Partials the fixed effects out of <paramref name="columns"/> with the fit's tolerance.</summary>
    public double[][] Demean(IReadOnlyList<double[]> columns)
    {
        var result = demeaner.Demean(columns, this.options.Tolerance, this.options.MaxIterations, this.options.Algorithm);
        if (!result.Converged)
            throw new InvalidOperationException($"demeaning did not converge in {result.Iterations} iterations (tol {this.options.Tolerance:G})");
        return result.Columns;
    }

    /// <summary>The least-squares fit of <paramref name="w"/> (demeaned) on the fixed block for <paramref name="found"/>.</summary>
    public NullFit FitFixed(double[] w, IReadOnlyList<int> found)
    {
        var cols = new List<double[]>(X.Length + (this.m * (1 + found.Count)));
        cols.AddRange(X);
        cols.AddRange(C);
        foreach (var f in found) cols.AddRange(this.z?[f] ?? DemeanedRegime(f));
        var p = cols.Count;
        var gram = LeastSquares.CrossProducts([w, .. cols]);
        var mtm = new double[p, p];
        var mtw = new double[p];
        for (var a = 0; a < p; a++)
        {
            mtw[a] = gram[a + 1, 0];
            for (var b = 0; b < p; b++) mtm[a, b] = gram[a + 1, b + 1];
        }
        double[,] inv;
        try { inv = SmallMatrix.InverseSpd(mtm); }
        catch (InvalidOperationException) { throw new InvalidOperationException("the threshold model's regressors are collinear once the fixed effects are absorbed"); }
        var beta = SmallMatrix.Multiply(inv, mtw);
        var e = new double[Rows];
        double ssr = 0;
        for (var i = 0; i < Rows; i++)
        {
            var v = w[i];
            for (var j = 0; j < p; j++) v -= cols[j][i] * beta[j];
            e[i] = v;
            ssr += v * v;
        }
        return new NullFit([.. cols], inv, e, ssr);
    }

    /// <summary>SSR at every candidate (NaN where excluded) given the thresholds already found.</summary>
    public SearchOutcome Search(double[] w, IReadOnlyList<int> found, bool[]? excluded)
    {
        var fit = FitFixed(w, found);
        var p = fit.Columns.Length;
        // z_γ'v = (c·1)'M_F v for v in the transformed space; without deletion M_F v = v.
        var residuals = fit.Residuals;
        var columns = fit.Columns;
        if (this.deleted is not null)
        {
            var back = Demean([residuals, .. columns]);
            residuals = back[0];
            columns = back[1..];
        }
        var ssr = new double[Grid.Count];
        var u = new double[this.m];
        var b = new double[this.m * p];
        var pos = 0;
        var best = -1;
        var bestSsr = double.PositiveInfinity;
        var a = new double[this.m, this.m];
        var tmp = new double[p];
        // Gain's Cholesky factor and solve vector, allocated once per search rather than once per candidate.
        var factor = new double[this.m, this.m];
        var solved = new double[this.m];
        for (var g = 0; g < Grid.Count; g++)
        {
            var cut = Grid.Cuts[g];
            for (; pos < cut; pos++)
            {
                var i = order[pos];
                for (var j = 0; j < this.m; j++)
                {
                    var c = regimeRaw[j][i];
                    if (c == 0) continue;
                    u[j] += c * residuals[i];
                    for (var l = 0; l < p; l++) b[(j * p) + l] += c * columns[l][i];
                }
            }
            if (excluded is not null && excluded[g])
            {
                ssr[g] = double.NaN;
                continue;
            }
            // A = z'z − B (M'M)⁻¹ B'
            for (var j = 0; j < this.m; j++)
            {
                for (var l = 0; l < p; l++)
                {
                    double s = 0;
                    for (var r = 0; r < p; r++) s += fit.Inverse[l, r] * b[(j * p) + r];
                    tmp[l] = s;
                }
                for (var k = 0; k <= j; k++)
                {
                    double s = 0;
                    for (var l = 0; l < p; l++) s += b[(k * p) + l] * tmp[l];
                    a[j, k] = a[k, j] = this.zz[g][j, k] - s;
                }
            }
            var gain = Gain(a, u, this.zz[g], factor, solved);
            ssr[g] = fit.Ssr - gain;
            if (ssr[g] < bestSsr)
            {
                bestSsr = ssr[g];
                best = g;
            }
        }
        if (best < 0) throw new InvalidOperationException("no threshold candidate is left to search (the trimming removes every grid point)");
        return new SearchOutcome(ssr, best, bestSsr, fit.Ssr);
    }

    /// <summary>M_F(c·1{q &lt; γ_g}) for every regime regressor.</summary>
    public double[][] DemeanedRegime(int g)
    {
        if (this.z?[g] is { } cached) return cached;
        var cut = Grid.Cuts[g];
        var cols = new double[this.m][];
        for (var j = 0; j < this.m; j++)
        {
            var col = new double[Rows];
            for (var pos = 0; pos < cut; pos++)
            {
                var i = order[pos];
                col[i] = regimeRaw[j][i];
            }
            cols[j] = col;
        }
        return Transform(cols);
    }

    /// <summary>u'A⁻¹u by Cholesky; 0 when A is (numerically) singular, i.e. the split adds no new direction.</summary>
    /// <param name="a">A (m × m, symmetric).</param>
    /// <param name="u">u (m).</param>
    /// <param name="scale">z'z, the yardstick of a singular pivot.</param>
    /// <param name="l">Scratch for the Cholesky factor (m × m); every entry read is written first.</param>
    /// <param name="v">Scratch for L⁻¹u (m).</param>
    private static double Gain(double[,] a, double[] u, double[,] scale, double[,] l, double[] v)
    {
        var m = u.Length;
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var s = a[i, j];
                for (var k = 0; k < j; k++) s -= l[i, k] * l[j, k];
                if (i == j)
                {
                    if (s <= 1e-12 * Math.Max(scale[i, i], double.Epsilon)) return 0;
                    l[i, i] = Math.Sqrt(s);
                }
                else
                {
                    l[i, j] = s / l[j, j];
                }
            }
        }
        // ‖L⁻¹u‖²
        double gain = 0;
        for (var i = 0; i < m; i++)
        {
            var s = u[i];
            for (var k = 0; k < i; k++) s -= l[i, k] * v[k];
            v[i] = s / l[i, i];
            gain += v[i] * v[i];
        }
        return gain;
    }
}

/// <summary>A fit on the fixed block: its columns, (M'M)⁻¹, residuals and SSR.</summary>
internal sealed record NullFit(double[][] Columns, double[,] Inverse, double[] Residuals, double Ssr);

/// <summary>SSR per candidate (NaN = excluded), the minimiser (first of equal minima), its SSR and the SSR without
/// the new threshold.</summary>
internal sealed record SearchOutcome(double[] Ssr, int Best, double BestSsr, double NullSsr);
