using MathNet.Numerics.Distributions;
using Warehouse.Analysis.Data;

namespace Warehouse.Analysis.Estimation;

/// <summary>Ordinary least squares with any number of absorbed fixed effects (the fixest <c>feols</c> /
/// reghdfe model), conventions of DESIGN.md §5.</summary>
public static class Feols
{
    /// <summary>Name of the explicit constant used when there is no fixed effect.</summary>
    public const string Intercept = "(Intercept)";

    public static FitResult Fit(EstimationData data, FeolsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new FeolsOptions();
        var notes = new List<string>();
        var phases = new PhaseTimer();

        // 1. Singletons (only meaningful with fixed effects).
        var fe = data.FixedEffects;
        var clusters = data.Clusters;
        var y = data.Y;
        var x = data.X;
        var singletons = 0;
        if (fe.Count > 0 && options.DropSingletons)
        {
            var kept = SingletonFilter.KeptRows(fe, data.Rows);
            if (kept is not null)
            {
                singletons = data.Rows - kept.Length;
                fe = fe.Select(f => f.Subset(kept)).ToArray();
                clusters = clusters.Select(c => c.Subset(kept)).ToArray();
                y = Take(y, kept);
                x = x.Select(c => Take(c, kept)).ToArray();
            }
        }
        phases.Mark("singletons");
        var n = y.Length;
        var names = data.XNames.ToList();
        if (fe.Count == 0)
        {
            var ones = new double[n];
            Array.Fill(ones, 1.0);
            x = [ones, .. x];
            names.Insert(0, Intercept);
        }
        if (n == 0) throw new InvalidOperationException("no observations left to estimate on");

        // 2. Partial out the fixed effects from y and every regressor together.
        double[] yd;
        double[][] xd;
        var iterations = 0;
        var converged = true;
        if (fe.Count > 0)
        {
            var columns = new List<double[]>(x.Count + 1) { y };
            columns.AddRange(x);
            var result = new Demeaner(fe, options.Threads).Demean(columns, options.Tolerance, options.MaxIterations, options.Algorithm);
            yd = result.Columns[0];
            xd = result.Columns.Skip(1).ToArray();
            iterations = result.Iterations;
            converged = result.Converged;
            if (!converged)
                notes.Add($"demeaning did NOT converge in {iterations} iterations (tol {options.Tolerance:G}); estimates are approximate");
        }
        else
        {
            yd = y;
            xd = x.ToArray();
        }

        phases.Mark("demean");
        // 3. Collinearity: keep a regressor only if enough of its variation survives.
        // One pass over [ỹ, X̃] gives X̃'X̃, X̃'ỹ and ỹ'ỹ together.
        var gramY = CrossProducts([yd, .. xd]);
        var gramAll = new double[xd.Length, xd.Length];
        for (var a = 0; a < xd.Length; a++)
            for (var b = 0; b < xd.Length; b++) gramAll[a, b] = gramY[a + 1, b + 1];
        var keptCols = DropCollinear(x, gramAll, names, options.CollinearityTolerance, notes);
        xd = keptCols.Select(j => xd[j]).ToArray();
        names = keptCols.Select(j => names[j]).ToList();
        var k = xd.Length;

        // 4. Normal equations.
        var xtx = new double[k, k];
        for (var a = 0; a < k; a++)
            for (var b = 0; b < k; b++) xtx[a, b] = gramAll[keptCols[a], keptCols[b]];
        var bread = k == 0 ? new double[0, 0] : SmallMatrix.InverseSpd(xtx);
        var xty = new double[k];
        for (var j = 0; j < k; j++) xty[j] = gramY[keptCols[j] + 1, 0];
        var beta = SmallMatrix.Multiply(bread, xty);
        var e = new double[n];
        var rssParts = new double[Chunks(n)];
        Parallel.For(0, rssParts.Length, c =>
        {
            var (s, t) = ChunkRange(c, n);
            double part = 0;
            for (var i = s; i < t; i++)
            {
                var v = yd[i];
                for (var j = 0; j < k; j++) v -= xd[j][i] * beta[j];
                e[i] = v;
                part += v * v;
            }
            rssParts[c] = part;
        });
        var rss = rssParts.Sum();
        phases.Mark("solve");

        // 5. Degrees of freedom.
        var feDf = FixedEffectDegrees.PerEffect(fe);
        var dfFe = feDf.Sum();
        var kFull = k + dfFe;      // iid/hetero count every FE level
        var vcovKind = options.Vcov ?? (clusters.Count > 0 ? VcovKind.Cluster : VcovKind.Iid);
        if (vcovKind == VcovKind.Cluster && clusters.Count == 0)
            throw new ArgumentException("cluster-robust variance needs at least one cluster variable");

        double[,] vcov;
        int dfResid;
        double clusterDfFactor = 1;
        var groups = clusters.Select(c => c.Levels).ToArray();
        switch (vcovKind)
        {
            case VcovKind.Iid:
            {
                var sigma2 = rss / (n - kFull);
                vcov = SmallMatrix.Scale(bread, sigma2);
                dfResid = n - kFull;
                break;
            }
            case VcovKind.Hetero:
            {
                var meat = new double[k, k];
                for (var i = 0; i < n; i++)
                {
                    var e2 = e[i] * e[i];
                    for (var a = 0; a < k; a++)
                        for (var b = 0; b <= a; b++) meat[a, b] += xd[a][i] * xd[b][i] * e2;
                }
                Symmetrise(meat);
                var adj = options.SmallSample == SmallSampleConvention.Stata ? (double)n / (n - kFull) : 1.0;
                vcov = SmallMatrix.Scale(SmallMatrix.Sandwich(bread, meat), adj);
                dfResid = n - kFull;
                break;
            }
            default:
            {
                // K for the cluster correction: FEs nested in some cluster variable are not counted, the constant is.
                var nested = fe.Select(f => clusters.Any(f.IsNestedIn)).ToArray();
                var kCluster = k;
                if (fe.Count > 0)
                {
                    kCluster += nested.Any(b => b) ? 1 : 0;
                    for (var f = 0; f < fe.Count; f++)
                        if (!nested[f]) kCluster += feDf[f];
                }
                DegenerateFit.RequireTwoClusters(clusters);
                var gMin = groups.Min();
                clusterDfFactor = options.SmallSample == SmallSampleConvention.Stata ? (n - 1.0) / (n - kCluster) : 1.0;
                var gFactor = options.SmallSample == SmallSampleConvention.None ? 1.0 : gMin / (gMin - 1.0);
                var meat = MultiwayMeat(clusters, xd, e);
                var v = SmallMatrix.Scale(SmallMatrix.Sandwich(bread, meat), gFactor * clusterDfFactor);
                if (clusters.Count > 1)
                {
                    v = SmallMatrix.ClipToPsd(v, out var clipped);
                    if (clipped) notes.Add("multiway cluster variance was not positive semi-definite; negative eigenvalues set to zero");
                }
                vcov = v;
                dfResid = options.SmallSample == SmallSampleConvention.Stata ? gMin - 1 : n - kFull;
                break;
            }
        }

        phases.Mark("vcov");
        // 6. Inference.
        var tCrit = StudentT.InvCDF(0, 1, dfResid, 0.5 + (options.ConfidenceLevel / 2));
        var coefficients = new Coefficient[k];
        for (var j = 0; j < k; j++)
        {
            var se = Math.Sqrt(vcov[j, j]);
            var t = beta[j] / se;
            var p = 2 * StudentT.CDF(0, 1, dfResid, -Math.Abs(t));
            coefficients[j] = new Coefficient(names[j], beta[j], se, t, p, beta[j] - (tCrit * se), beta[j] + (tCrit * se));
        }

        var yMean = y.Average();
        double tss = 0;
        foreach (var v in y) tss += (v - yMean) * (v - yMean);
        var tssWithin = gramY[0, 0];
        var r2 = 1 - (rss / tss);
        var adjR2 = 1 - ((1 - r2) * (n - 1) / (n - kFull));
        double? r2Within = fe.Count > 0 ? 1 - (rss / tssWithin) : null;
        double? adjR2Within = fe.Count > 0 ? 1 - ((1 - r2Within!.Value) * (n - dfFe) / (n - kFull)) : null;

        var perfectFit = DegenerateFit.PerfectFitNote(y, e, rss, dfResid);
        if (perfectFit is not null) notes.Add(perfectFit);
        var (fStat, fP) = perfectFit is null ? WaldF(beta, vcov, names, dfResid) : (double.NaN, double.NaN);
        return new FitResult
        {
            Dependent = data.YName,
            N = n,
            SingletonsDropped = singletons,
            FixedEffects = fe.Select(f => f.Name).ToArray(),
            FixedEffectLevels = fe.Select(f => f.Levels).ToArray(),
            VcovType = vcovKind,
            ClusterNames = vcovKind == VcovKind.Cluster ? clusters.Select(c => c.Name).ToArray() : [],
            ClusterGroups = vcovKind == VcovKind.Cluster ? groups : [],
            Coefficients = coefficients,
            Vcov = vcov,
            R2 = r2,
            AdjustedR2 = adjR2,
            R2Within = r2Within,
            AdjustedR2Within = adjR2Within,
            DfResid = dfResid,
            FStat = fStat,
            FP = fP,
            Converged = converged,
            Iterations = iterations,
            Notes = notes,
            Rss = rss,
            Phases = phases.Done(),
            State = new FitState
            {
                Y = yd, X = xd, Residuals = e, Beta = beta, Bread = bread, Clusters = clusters, FixedEffects = fe,
                ClusterDfFactor = clusterDfFactor, SmallSample = options.SmallSample,
            },
        };
    }

    private static List<int> DropCollinear(IReadOnlyList<double[]> raw, double[,] gram, List<string> names, double tol, List<string> notes)
    {
        var kept = new List<int>();
        for (var j = 0; j < raw.Count; j++)
        {
            var col = raw[j];
            double sum = 0, sumSq = 0;
            foreach (var v in col)
            {
                sum += v;
                sumSq += v * v;
            }
            var ssRaw = sumSq - (sum * sum / col.Length);
            if (ssRaw <= 1e-12 * sumSq) ssRaw = sumSq; // a constant column (the intercept): compare with its raw size
            // What is left of x̃_j after projecting on the x̃ kept so far (Schur complement of the Gram matrix).
            var remaining = gram[j, j];
            var m = kept.Count;
            if (m > 0)
            {
                var sub = new double[m, m];
                for (var a = 0; a < m; a++)
                    for (var b = 0; b < m; b++) sub[a, b] = gram[kept[a], kept[b]];
                var inv = SmallMatrix.InverseSpd(sub);
                var cross = kept.Select(c => gram[c, j]).ToArray();
                var proj = SmallMatrix.Multiply(inv, cross);
                for (var a = 0; a < m; a++) remaining -= cross[a] * proj[a];
            }
            if (ssRaw == 0 || remaining / ssRaw < tol)
            {
                notes.Add($"{names[j]} dropped: collinear with the fixed effects or the other regressors");
                continue;
            }
            kept.Add(j);
        }
        return kept;
    }

    /// <summary>Σ over non-empty subsets S of the cluster variables of (−1)^{|S|+1} · meat(intersection of S).</summary>
    private static double[,] MultiwayMeat(IReadOnlyList<Factor> clusters, double[][] xd, double[] e)
    {
        var k = xd.Length;
        var total = new double[k, k];
        var c = clusters.Count;
        for (var mask = 1; mask < (1 << c); mask++)
        {
            Factor? f = null;
            var size = 0;
            for (var b = 0; b < c; b++)
            {
                if ((mask & (1 << b)) == 0) continue;
                f = f is null ? clusters[b] : Factor.Intersect(f, clusters[b]);
                size++;
            }
            var sign = size % 2 == 1 ? 1.0 : -1.0;
            var meat = ClusterMeat(f!, xd, e);
            for (var a = 0; a < k; a++)
                for (var b = 0; b < k; b++) total[a, b] += sign * meat[a, b];
        }
        return total;
    }

    internal static double[,] ClusterMeat(Factor cluster, double[][] xd, double[] e)
    {
        var k = xd.Length;
        var scores = new double[cluster.Levels * k];
        var codes = cluster.Codes;
        // One pass over the rows for all k scores (the rows of every column are read in step).
        for (var i = 0; i < e.Length; i++)
        {
            var b = codes[i] * k;
            var ei = e[i];
            for (var j = 0; j < k; j++) scores[b + j] += xd[j][i] * ei;
        }
        var meat = new double[k, k];
        for (var g = 0; g < cluster.Levels; g++)
            for (var a = 0; a < k; a++)
                for (var b = 0; b <= a; b++) meat[a, b] += scores[(g * k) + a] * scores[(g * k) + b];
        Symmetrise(meat);
        return meat;
    }

    private static (double F, double P) WaldF(double[] beta, double[,] vcov, List<string> names, int df)
    {
        var idx = Enumerable.Range(0, beta.Length).Where(j => names[j] != Intercept).ToArray();
        if (idx.Length == 0 || df <= 0) return (double.NaN, double.NaN);
        var v = new double[idx.Length, idx.Length];
        for (var a = 0; a < idx.Length; a++)
            for (var b = 0; b < idx.Length; b++) v[a, b] = vcov[idx[a], idx[b]];
        if (DegenerateFit.IsSingular(v)) return (double.NaN, double.NaN);
        double[,] inv;
        try { inv = SmallMatrix.InverseSpd(v); }
        catch (InvalidOperationException) { return (double.NaN, double.NaN); }
        var bsub = idx.Select(j => beta[j]).ToArray();
        var w = SmallMatrix.Multiply(inv, bsub);
        double f = 0;
        for (var a = 0; a < idx.Length; a++) f += bsub[a] * w[a];
        f /= idx.Length;
        return (f, 1 - FisherSnedecor.CDF(idx.Length, df, f));
    }

    /// <summary>All pairwise dot products of the columns in one pass over the rows: row chunks in parallel, each in
    /// blocks short enough that the block's rows of every column stay in cache while the pairs are formed.</summary>
    internal static double[,] CrossProducts(double[][] cols)
    {
        var k = cols.Length;
        var n = k == 0 ? 0 : cols[0].Length;
        var chunks = Chunks(n);
        var parts = new double[chunks][];
        Parallel.For(0, chunks, c =>
        {
            var (s, t) = ChunkRange(c, n);
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
            for (var b = 0; b <= a; b++)
            {
                double sum = 0;
                foreach (var part in parts) sum += part[(a * k) + b];
                g[a, b] = sum;
                g[b, a] = sum;
            }
        return g;
    }

    private static double DotSpan(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var acc = System.Numerics.Vector<double>.Zero;
        var w = System.Numerics.Vector<double>.Count;
        var i = 0;
        for (; i + w <= a.Length; i += w) acc += new System.Numerics.Vector<double>(a[i..]) * new System.Numerics.Vector<double>(b[i..]);
        var s = System.Numerics.Vector.Sum(acc);
        for (; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    internal static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (var i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    private static void Symmetrise(double[,] m)
    {
        var k = m.GetLength(0);
        for (var a = 0; a < k; a++)
            for (var b = 0; b < a; b++) m[b, a] = m[a, b];
    }

    private static double[] Take(double[] src, int[] rows)
    {
        var r = new double[rows.Length];
        for (var i = 0; i < rows.Length; i++) r[i] = src[rows[i]];
        return r;
    }

    private static int Chunks(int n) => Math.Max(1, Math.Min(Environment.ProcessorCount, n / 50_000));

    private static (int Start, int End) ChunkRange(int chunk, int n)
    {
        var chunks = Chunks(n);
        var size = (n + chunks - 1) / chunks;
        var s = chunk * size;
        return (s, Math.Min(n, s + size));
    }
}
