using System.Collections.Concurrent;
using System.Diagnostics;
using MathNet.Numerics.Distributions;
using Warehouse.Analysis.Data;
using Warehouse.Analysis.Estimation;

namespace Warehouse.Analysis.Inference;

/// <summary>Defaults of the wild cluster bootstrap, written once (the CLI, the config and the report read them).</summary>
public static class WildBootstrapDefaults
{
    public const int Replications = 9999;
    public const int Seed = 20240601;
}

/// <summary>Options of the wild cluster restricted (WCR) bootstrap.</summary>
public sealed record WildBootstrapOptions
{
    /// <value>The default value is 9 999.</value>
    public int Replications { get; init; } = WildBootstrapDefaults.Replications;

    /// <value>The default value is 20240601.</value>
    public int Seed { get; init; } = WildBootstrapDefaults.Seed;

    /// <value>The default value is <see cref="BootstrapWeights.Rademacher"/>.</value>
    public BootstrapWeights Weights { get; init; } = BootstrapWeights.Rademacher;

    /// <summary>Also invert the test into a confidence interval (a few dozen extra p-value evaluations).</summary>
    /// <value>The default value is true.</value>
    public bool ConfidenceInterval { get; init; } = true;

    /// <summary>Enumerate all 2^G Rademacher sign vectors when there are no more of them than replications, as
    /// boottest does (exact, and no Monte-Carlo noise).</summary>
    /// <value>The default value is true.</value>
    public bool EnumerateWhenPossible { get; init; } = true;
}

/// <summary>Wild cluster restricted bootstrap (Cameron, Gelbach &amp; Miller 2008; MacKinnon &amp; Webb) for one
/// coefficient, on the fit's partialled-out data, clustered by the fit's first cluster variable.</summary>
/// <remarks>
/// The boottest algorithm (Roodman et al. 2019): everything that depends on N is reduced once to per-cluster
/// pieces — the cluster scores s_g = X_g'û_g of the restricted residuals and the rows w_g = (A X_g'X_g)_j — so a
/// draw costs O(G·k): b* = Σ_h v_h A s_h, numerator b*_j, cluster terms v_g (A s_g)_j − w_g·b*. The restricted
/// residuals are linear in the null value r, which makes test inversion cheap too.
/// </remarks>
public static class WildBootstrap
{
    public static BootstrapResult Test(FitResult fit, string coefficient, WildBootstrapOptions? options = null, double nullValue = 0) =>
        Test(fit, coefficient, [options ?? new WildBootstrapOptions()], nullValue)[0];

    /// <summary>One test of <paramref name="coefficient"/> per entry of <paramref name="options"/> (e.g. Rademacher and
    /// Webb weights), in that order. The per-cluster pieces depend on the fit alone, not on the weights, so they are
    /// computed once for all of them; each result is the same as a <see cref="Test(FitResult, string, WildBootstrapOptions?, double)"/> of its own.</summary>
    public static IReadOnlyList<BootstrapResult> Test(FitResult fit, string coefficient, IReadOnlyList<WildBootstrapOptions> options, double nullValue = 0)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        var state = fit.State;
        if (state.Clusters.Count == 0) throw new InvalidOperationException("the wild cluster bootstrap needs a cluster variable");
        if (fit.Iv is not null) throw new InvalidOperationException("the wild cluster restricted bootstrap here is for least squares; it is not defined for an IV fit");
        var j = fit.Coefficients.Select(c => c.Name).ToList().IndexOf(coefficient);
        if (j < 0) throw new ArgumentException($"no coefficient named {coefficient} in the fit", nameof(coefficient));
        var cluster = state.Clusters[0];
        var problem = new Problem(state, cluster, j);
        var alpha = 1 - ConfidenceLevel(fit);
        var prepared = clock.Elapsed;
        var results = new List<BootstrapResult>(options.Count);
        foreach (var option in options)
        {
            // Each result's time is its own draws and interval plus the shared preparation.
            var own = Stopwatch.StartNew();
            var draws = problem.Summarise(Draws(cluster.Levels, option));
            var p = problem.PValue(nullValue, draws);
            double lo = double.NaN, hi = double.NaN;
            if (option.ConfidenceInterval)
            {
                lo = problem.Bound(draws, alpha, -1);
                hi = problem.Bound(draws, alpha, +1);
            }
            results.Add(new BootstrapResult(coefficient, option.Weights, draws.Length, option.Seed, cluster.Name, cluster.Levels,
                problem.TStat(nullValue), p, lo, hi, (prepared + own.Elapsed).TotalSeconds));
        }
        return results;
    }

    private static double ConfidenceLevel(FitResult fit)
    {
        var c = fit.Coefficients[0];
        if (c.StdError <= 0 || !double.IsFinite(c.StdError)) return 0.95;
        var tCrit = (c.CiHigh - c.Estimate) / c.StdError;
        return 2 * StudentT.CDF(0, 1, fit.DfResid, tCrit) - 1;
    }

    /// <summary>B × G auxiliary weights, seeded; all sign vectors when enumeration is exact and cheaper.</summary>
    internal static double[][] Draws(int groups, WildBootstrapOptions options)
    {
        if (options.Weights == BootstrapWeights.Rademacher && options.EnumerateWhenPossible && groups < 30
            && (1L << groups) <= options.Replications)
        {
            var count = 1 << groups;
            var all = new double[count][];
            for (var b = 0; b < count; b++)
            {
                all[b] = new double[groups];
                for (var g = 0; g < groups; g++) all[b][g] = ((b >> g) & 1) == 1 ? 1.0 : -1.0;
            }
            return all;
        }
        var rng = new Random(options.Seed);
        var webb = new[] { -Math.Sqrt(1.5), -1, -Math.Sqrt(0.5), Math.Sqrt(0.5), 1, Math.Sqrt(1.5) };
        var draws = new double[options.Replications][];
        for (var b = 0; b < draws.Length; b++)
        {
            var v = new double[groups];
            for (var g = 0; g < groups; g++)
                v[g] = options.Weights == BootstrapWeights.Webb ? webb[rng.Next(6)] : (rng.Next(2) == 0 ? -1.0 : 1.0);
            draws[b] = v;
        }
        return draws;
    }

    /// <summary>One draw reduced to what t*(r) needs (see <see cref="Problem.Summarise"/>).</summary>
    private readonly record struct DrawSummary(double N0, double N1, double Spp, double Spq, double Sqq);

    /// <summary>The per-cluster pieces of one test, linear in the null value.</summary>
    private sealed class Problem
    {
        private readonly int k;
        private readonly int g;
        private readonly int j;
        private readonly double[,] a;
        private readonly double[] s0; // X_g' u0_g  (G×k), u0 = M_{-j} y
        private readonly double[] s1; // X_g' m_g   (G×k), m  = M_{-j} x_j
        private readonly double[] w;  // (A H_g)_j  (G×k)
        private readonly double[] c0; // (A X̃_g' [M_D (u0·1_h)]_g)_j  (G×G): cluster h's residuals, re-partialled
        private readonly double[] c1; //   by the FEs as a re-estimated bootstrap model would, seen from cluster g
        private readonly double betaJ;
        private readonly double[] scoreHat; // X_g' ê_g of the unrestricted fit, for its t statistic
        private readonly double scale;

        public Problem(FitState state, Factor cluster, int j)
        {
            var x = state.X;
            k = x.Length;
            this.g = cluster.Levels;
            this.j = j;
            a = state.Bread;
            betaJ = state.Beta[j];
            var n = state.Y.Length;
            var others = Enumerable.Range(0, k).Where(c => c != j).Select(c => x[c]).ToArray();
            var u0 = Residualise(state.Y, others);
            var m = Residualise(x[j], others);
            this.s0 = Scores(x, u0, cluster);
            this.s1 = Scores(x, m, cluster);
            (this.c0, this.c1) = CrossClusterPieces(state, cluster, x, u0, m);
            scoreHat = Scores(x, state.Residuals, cluster);
            var h = new double[this.g * k * k];
            var codes = cluster.Codes;
            for (var i = 0; i < n; i++)
            {
                var b = codes[i] * k * k;
                for (var p = 0; p < k; p++)
                    for (var q = 0; q < k; q++) h[b + (p * k) + q] += x[p][i] * x[q][i];
            }
            w = new double[this.g * k];
            for (var g = 0; g < this.g; g++)
            {
                for (var q = 0; q < k; q++)
                {
                    double s = 0;
                    for (var p = 0; p < k; p++) s += a[j, p] * h[(g * k * k) + (p * k) + q];
                    w[(g * k) + q] = s;
                }
            }
            // Same small-sample factor as the conventional one-way clustered t (it cancels in the p-value anyway).
            var gf = state.SmallSample == SmallSampleConvention.None ? 1.0 : this.g / (this.g - 1.0);
            scale = gf * state.ClusterDfFactor;
        }

        /// <summary>Each bootstrap sample re-estimates the FEs, so its residuals are M_D(û∘v), not û∘v; when an FE
        /// is not nested in the clusters (year FE, province clusters) that spreads cluster h's residuals into other
        /// clusters' scores. Splitting û by cluster and partialling each piece once keeps every draw O(G²).</summary>
        private (double[] C0, double[] C1) CrossClusterPieces(FitState state, Factor cluster, double[][] x, double[] u0, double[] m)
        {
            var n = u0.Length;
            var codes = cluster.Codes;
            var z = new double[n];
            for (var i = 0; i < n; i++)
            {
                double s = 0;
                for (var p = 0; p < k; p++) s += a[this.j, p] * x[p][i];
                z[i] = s;
            }
            var c0 = new double[this.g * this.g];
            var c1 = new double[this.g * this.g];
            if (state.FixedEffects.Count == 0)
            {
                for (var i = 0; i < n; i++)
                {
                    var d = (codes[i] * this.g) + codes[i];
                    c0[d] += z[i] * u0[i];
                    c1[d] += z[i] * m[i];
                }
                return (c0, c1);
            }
            if ((long)2 * this.g * n > 50_000_000)
                throw new InvalidOperationException($"wild bootstrap with non-nested fixed effects needs 2·G·N = {2L * this.g * n} doubles; too large");
            var pieces = new List<double[]>(2 * this.g);
            for (var h = 0; h < this.g; h++)
            {
                var w0 = new double[n];
                var w1 = new double[n];
                for (var i = 0; i < n; i++)
                {
                    if (codes[i] != h) continue;
                    w0[i] = u0[i];
                    w1[i] = m[i];
                }
                pieces.Add(w0);
                pieces.Add(w1);
            }
            var partialled = new Demeaner(state.FixedEffects).Demean(pieces, 1e-12).Columns;
            for (var h = 0; h < this.g; h++)
            {
                var m0 = partialled[2 * h];
                var m1 = partialled[(2 * h) + 1];
                for (var i = 0; i < n; i++)
                {
                    var d = (codes[i] * this.g) + h;
                    c0[d] += z[i] * m0[i];
                    c1[d] += z[i] * m1[i];
                }
            }
            return (c0, c1);
        }

        public double TStat(double r)
        {
            double v = 0;
            for (var g = 0; g < this.g; g++)
            {
                double d = 0;
                for (var p = 0; p < k; p++) d += a[this.j, p] * scoreHat[(g * k) + p];
                v += d * d;
            }
            return (betaJ - r) / Math.Sqrt(scale * v);
        }

        /// <summary>Reduces every draw to five numbers, so that t*(r) for any null value r is O(1) per draw:
        /// numerator N0 − r·N1 and Σ_g d_g² = Spp − 2r·Spq + r²·Sqq, because a_g(r) = A s_g(r) is linear in r.</summary>
        public DrawSummary[] Summarise(double[][] draws)
        {
            var a0 = new double[this.g * k];
            var a1 = new double[this.g * k];
            for (var g = 0; g < this.g; g++)
            {
                for (var p = 0; p < k; p++)
                {
                    double s0 = 0, s1 = 0;
                    for (var q = 0; q < k; q++)
                    {
                        s0 += a[p, q] * this.s0[(g * k) + q];
                        s1 += a[p, q] * this.s1[(g * k) + q];
                    }
                    a0[(g * k) + p] = s0;
                    a1[(g * k) + p] = s1;
                }
            }

            var result = new DrawSummary[draws.Length];
            // A draw takes a few microseconds: scheduled one by one, the loop's own bookkeeping cost about as much as
            // the draws, so every core gets ranges of draws. Each draw writes only its own slot: the same summaries.
            Parallel.ForEach(Partitioner.Create(0, draws.Length, Math.Max(64, draws.Length / (4 * Environment.ProcessorCount))), range =>
            {
                var b0 = new double[k];
                var b1 = new double[k];
                for (var b = range.Item1; b < range.Item2; b++)
                {
                    Array.Clear(b0);
                    Array.Clear(b1);
                    var v = draws[b];
                    for (var g = 0; g < this.g; g++)
                    {
                        var vg = v[g];
                        var o = g * k;
                        for (var p = 0; p < k; p++)
                        {
                            b0[p] += vg * a0[o + p];
                            b1[p] += vg * a1[o + p];
                        }
                    }
                    double spp = 0, spq = 0, sqq = 0;
                    for (var g = 0; g < this.g; g++)
                    {
                        var o = g * k;
                        double pg = 0, qg = 0;
                        var row = g * this.g;
                        for (var h = 0; h < this.g; h++)
                        {
                            pg += this.c0[row + h] * v[h];
                            qg += this.c1[row + h] * v[h];
                        }
                        for (var p = 0; p < k; p++)
                        {
                            pg -= w[o + p] * b0[p];
                            qg -= w[o + p] * b1[p];
                        }
                        spp += pg * pg;
                        spq += pg * qg;
                        sqq += qg * qg;
                    }
                    result[b] = new DrawSummary(b0[this.j], b1[this.j], spp, spq, sqq);
                }
            });
            return result;
        }

        public double PValue(double r, DrawSummary[] draws)
        {
            // Ties count as exceedances: with Rademacher weights the all-ones (and all-minus-ones) draw reproduces the
            // original |t| exactly, so a relative slack of 1e-10 keeps rounding from deciding them.
            var t = Math.Abs(TStat(r)) * (1 - 1e-10);
            var exceed = 0;
            foreach (var d in draws)
            {
                var num = d.N0 - (r * d.N1);
                var var = d.Spp - (2 * r * d.Spq) + (r * r * d.Sqq);
                if (Math.Abs(num) >= t * Math.Sqrt(scale * Math.Max(var, 0))) exceed++;
            }
            return (double)exceed / draws.Length;
        }

        /// <summary>The null value on one side of the estimate where the bootstrap p-value crosses α (bisection).</summary>
        public double Bound(DrawSummary[] draws, double alpha, int side)
        {
            var se = Math.Abs(betaJ / TStat(0));
            if (!double.IsFinite(se) || se == 0) return double.NaN;
            var inside = betaJ;
            var step = 2 * se;
            var outside = betaJ + (side * step);
            var tries = 0;
            while (PValue(outside, draws) > alpha)
            {
                inside = outside;
                step *= 2;
                outside = betaJ + (side * step);
                if (++tries > 12) return double.NaN;
            }
            for (var it = 0; it < 30 && Math.Abs(outside - inside) > 1e-6 * se; it++)
            {
                var mid = 0.5 * (inside + outside);
                if (PValue(mid, draws) > alpha) inside = mid;
                else outside = mid;
            }
            return 0.5 * (inside + outside);
        }

        private double[] Scores(double[][] x, double[] u, Factor cluster)
        {
            var s = new double[this.g * k];
            var codes = cluster.Codes;
            for (var p = 0; p < k; p++)
            {
                var col = x[p];
                for (var i = 0; i < u.Length; i++) s[(codes[i] * k) + p] += col[i] * u[i];
            }
            return s;
        }

        private static double[] Residualise(double[] y, double[][] others)
        {
            if (others.Length == 0) return (double[])y.Clone();
            var g = LeastSquares.CrossProducts(others);
            var inv = SmallMatrix.InverseSpd(g);
            var xty = others.Select(c => LeastSquares.Dot(c, y)).ToArray();
            var b = SmallMatrix.Multiply(inv, xty);
            var r = (double[])y.Clone();
            for (var p = 0; p < others.Length; p++)
                for (var i = 0; i < r.Length; i++) r[i] -= others[p][i] * b[p];
            return r;
        }
    }
}
