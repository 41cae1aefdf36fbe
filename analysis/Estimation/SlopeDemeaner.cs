using Warehouse.Analysis.Data;

namespace Warehouse.Analysis.Estimation;

/// <summary>Partials out fixed effects some of which carry level-specific slopes (fixest's <c>a[x]</c> and
/// <c>a[[x]]</c>): alternating projections in the space of the rows, each term projected out exactly level by level
/// (a mean, a 2×2 intercept-and-slope fit, or a slope alone), with Irons–Tuck acceleration of the sweep.</summary>
/// <remarks>Row space rather than coefficient space keeps the slope terms simple; these models are panels of
/// provinces or firms, small next to the many-level designs the <see cref="SchurDemeaner"/> is built for. Each
/// column iterates until no row moves by more than <c>tol · (1 + max|x|)</c>.</remarks>
internal sealed class SlopeDemeaner
{
    private readonly Term[] terms;

    public SlopeDemeaner(IReadOnlyList<Factor> fixedEffects, IReadOnlyList<VaryingSlope?> slopes)
    {
        terms = fixedEffects.Select((f, q) => new Term(f, q < slopes.Count ? slopes[q] : null)).ToArray();
    }

    public DemeanResult Demean(IReadOnlyList<double[]> columns, double tolerance, int maxIterations)
    {
        var results = new double[columns.Count][];
        var iterations = new int[columns.Count];
        var converged = new bool[columns.Count];
        Parallel.For(0, columns.Count, j => (results[j], iterations[j], converged[j]) = DemeanOne(columns[j], tolerance, maxIterations));
        return new DemeanResult(results, iterations.Max(), converged.All(c => c));
    }

    private (double[] Column, int Iterations, bool Converged) DemeanOne(double[] column, double tolerance, int maxIterations)
    {
        var n = column.Length;
        var x = (double[])column.Clone();
        var scale = 1.0;
        foreach (var v in column) scale = Math.Max(scale, Math.Abs(v));
        var limit = tolerance * scale;
        if (terms.Length == 1)
        {
            terms[0].ProjectOut(x);
            return (x, 0, true);
        }
        var gx = new double[n];
        var ggx = new double[n];
        for (var it = 1; it <= maxIterations; it++)
        {
            Sweep(x, gx);
            if (MaxDifference(x, gx) <= limit) return (gx, it, true);
            Sweep(gx, ggx);
            if (MaxDifference(gx, ggx) <= limit) return (ggx, it, true);
            // Irons–Tuck: x ← GGx − [(Δ·Δ²)/(Δ²·Δ²)](GGx − Gx), Δ = GGx − Gx, Δ² = Δ − (Gx − x).
            double num = 0, den = 0;
            for (var i = 0; i < n; i++)
            {
                var d1 = ggx[i] - gx[i];
                var d2 = d1 - gx[i] + x[i];
                num += d1 * d2;
                den += d2 * d2;
            }
            var step = den > 0 ? num / den : 0;
            for (var i = 0; i < n; i++) x[i] = ggx[i] - (step * (ggx[i] - gx[i]));
        }
        Sweep(x, gx);
        return (gx, maxIterations, false);
    }

    /// <summary>output = the input with every term projected out in turn (one Gauss–Seidel sweep).</summary>
    private void Sweep(double[] input, double[] output)
    {
        Array.Copy(input, output, input.Length);
        foreach (var t in terms) t.ProjectOut(output);
    }

    private static double MaxDifference(double[] a, double[] b)
    {
        double m = 0;
        for (var i = 0; i < a.Length; i++) m = Math.Max(m, Math.Abs(a[i] - b[i]));
        return m;
    }

    /// <summary>One fixed-effect term with what its exact per-level projection needs. With intercepts the slope
    /// variable is centred within each level first (years around 1950 would otherwise lose five digits in the 2×2
    /// solve), so the projection is a mean plus a slope on the centred variable.</summary>
    private sealed class Term
    {
        private readonly int[] codes;
        private readonly int levels;
        private readonly double[]? x;   // the slope variable, centred within level unless slopes only
        private readonly bool slopeOnly;
        private readonly double[] n;
        private readonly double[] sxx;

        public Term(Factor factor, VaryingSlope? slope)
        {
            codes = factor.Codes;
            levels = factor.Levels;
            slopeOnly = slope?.SlopeOnly ?? false;
            this.n = new double[levels];
            sxx = new double[levels];
            foreach (var g in codes) this.n[g]++;
            if (slope is null) return;
            var x = (double[])slope.Values.Clone();
            if (!slopeOnly)
            {
                var mean = new double[levels];
                for (var i = 0; i < x.Length; i++) mean[codes[i]] += x[i];
                for (var g = 0; g < levels; g++) mean[g] = this.n[g] > 0 ? mean[g] / this.n[g] : 0;
                for (var i = 0; i < x.Length; i++) x[i] -= mean[codes[i]];
            }
            for (var i = 0; i < x.Length; i++) sxx[codes[i]] += x[i] * x[i];
            this.x = x;
        }

        /// <summary>r ← r minus its least-squares fit on this term's level dummies (and slopes), level by level.</summary>
        public void ProjectOut(double[] r)
        {
            var sr = new double[levels];
            var sxr = new double[levels];
            for (var i = 0; i < r.Length; i++)
            {
                var g = codes[i];
                sr[g] += r[i];
                if (this.x is not null) sxr[g] += this.x[i] * r[i];
            }
            var a = new double[levels];
            var b = new double[levels];
            for (var g = 0; g < levels; g++)
            {
                if (!slopeOnly && this.n[g] > 0) a[g] = sr[g] / this.n[g];
                // Centred x is orthogonal to the level's intercept, so the slope is fitted on its own; a level where x
                // does not vary keeps its mean only.
                if (this.x is not null && sxx[g] > 0) b[g] = sxr[g] / sxx[g];
            }
            for (var i = 0; i < r.Length; i++)
            {
                var g = codes[i];
                r[i] -= a[g] + (this.x is null ? 0 : b[g] * this.x[i]);
            }
        }
    }
}
