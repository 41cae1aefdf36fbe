using Warehouse.Analysis.Data;

namespace Warehouse.Analysis.Estimation.Variance;

/// <summary>What the two panel HAC estimators share (fixest's <c>vcov_DK</c> / <c>vcov_NW</c>): Bartlett weights
/// w_l = 1 − l/(L+1), the default lag ⌊T^¼⌋ over the T periods observed, and the small-sample rule T/(T − 1) ·
/// (N − 1)/(N − K), FEs nested in the panel identifiers left out of K (the constant counted), t on T − 1 df.</summary>
internal static class PanelHacVcov
{
    /// <summary>fixest's rule of thumb: the fourth root of the number of periods, rounded down.</summary>
    public static int DefaultLag(int periods) => (int)Math.Floor(Math.Pow(periods, 0.25));

    /// <summary>The lag used: the one asked for, else <see cref="DefaultLag"/>.</summary>
    /// <exception cref="ArgumentException">A negative lag.</exception>
    public static int Lag(int? asked, int periods) =>
        asked is { } l ? (l >= 0 ? l : throw new ArgumentException($"--lag must be 0 or more (got {l})")) : DefaultLag(periods);

    /// <summary>Adds w·(a b' + b a') to <paramref name="meat"/> for k-vectors a and b stored at the given offsets.</summary>
    public static void AddCross(double[,] meat, double[] a, int ao, double[] b, int bo, int k, double w)
    {
        for (var p = 0; p < k; p++)
            for (var q = 0; q < k; q++) meat[p, q] += w * ((a[ao + p] * b[bo + q]) + (b[bo + p] * a[ao + q]));
    }

    /// <summary>Bartlett weight of lag l, halved at l = 0 because every term is added with its transpose.</summary>
    public static double Weight(int l, int lag) => l == 0 ? 0.5 : 1 - (l / (lag + 1.0));

    /// <summary>The sandwich scaled by fixest's rules; <paramref name="identifiers"/> are the panel columns an FE may
    /// be nested in.</summary>
    public static VcovResult Finish(VcovInput input, double[,] meat, Factor time, IReadOnlyList<Factor> identifiers, int lag, string label)
    {
        var periods = time.Levels;
        var n = input.N;
        var k = ClusterVcov.KForCluster(input with { Clusters = identifiers });
        if (input.SmallSample == SmallSampleConvention.Stata) DegenerateFit.RequireResidualDf(n, k);
        var factor = input.SmallSample switch
        {
            SmallSampleConvention.Stata => periods / (periods - 1.0) * (n - 1.0) / (n - k),
            SmallSampleConvention.ClusterOnly => periods / (periods - 1.0),
            _ => 1.0,
        };
        var v = SmallMatrix.Scale(SmallMatrix.Sandwich(input.Bread, meat), factor);
        return new VcovResult(v, periods - 1, 1, [$"{label} with lag {lag} over {periods} periods"]) { Lag = lag };
    }

    /// <summary>Per-row scores x̃_i e_i, row-major (k per row).</summary>
    public static double[] Scores(VcovInput input)
    {
        var k = input.Columns;
        var s = new double[input.N * k];
        for (var j = 0; j < k; j++)
        {
            var x = input.Scores[j];
            for (var i = 0; i < input.N; i++) s[(i * k) + j] = x[i] * input.Residuals[i];
        }
        return s;
    }
}

/// <summary>Driscoll–Kraay: scores summed within each period, then Newey–West over periods:
/// Σ_l w_l Σ_t (S_t S_{t−l}' + S_{t−l} S_t').</summary>
internal static class DriscollKraayVcov
{
    public static VcovResult Compute(VcovInput input, int? lag)
    {
        var time = input.PanelTime ?? throw new ArgumentException("--vcov dk needs the panel's time column (--panel-id unit,time)");
        var k = input.Columns;
        var t = time.Levels;
        var l = PanelHacVcov.Lag(lag, t);
        var rows = PanelHacVcov.Scores(input);
        var byTime = new double[t * k];
        for (var i = 0; i < input.N; i++)
            for (var j = 0; j < k; j++) byTime[(time.Codes[i] * k) + j] += rows[(i * k) + j];
        var meat = new double[k, k];
        for (var d = 0; d <= Math.Min(l, t - 1); d++)
        {
            var w = PanelHacVcov.Weight(d, l);
            for (var p = d; p < t; p++) PanelHacVcov.AddCross(meat, byTime, p * k, byTime, (p - d) * k, k, w);
        }
        return PanelHacVcov.Finish(input, meat, time, [time], l, "Driscoll–Kraay");
    }
}

/// <summary>Panel Newey–West: within-unit serial correlation up to the lag,
/// Σ_l w_l Σ_i Σ_t (s_it s_{i,t−l}' + s_{i,t−l} s_it'); periods are the ranks of the observed time values.</summary>
internal static class NeweyWestVcov
{
    public static VcovResult Compute(VcovInput input, int? lag)
    {
        var time = input.PanelTime;
        var unit = input.PanelUnit;
        if (time is null || unit is null) throw new ArgumentException("--vcov nw needs the panel's unit and time columns (--panel-id unit,time)");
        var k = input.Columns;
        var t = time.Levels;
        var l = PanelHacVcov.Lag(lag, t);
        var rows = PanelHacVcov.Scores(input);
        // Row of each (unit, period) cell; a repeated cell has no single lag and is refused, as fixest does.
        var cell = new int[unit.Levels * t];
        Array.Fill(cell, -1);
        for (var i = 0; i < input.N; i++)
        {
            ref var c = ref cell[(unit.Codes[i] * t) + time.Codes[i]];
            if (c >= 0)
                throw new ArgumentException($"--vcov nw: unit {unit.Labels?[unit.Codes[i]] ?? unit.Codes[i].ToString(System.Globalization.CultureInfo.InvariantCulture)} has two rows in period {time.Labels?[time.Codes[i]]}; Newey–West needs one row per unit and period (Driscoll–Kraay does not)");
            c = i;
        }
        var meat = new double[k, k];
        for (var d = 0; d <= Math.Min(l, t - 1); d++)
        {
            var w = PanelHacVcov.Weight(d, l);
            for (var u = 0; u < unit.Levels; u++)
            {
                for (var p = d; p < t; p++)
                {
                    var now = cell[(u * t) + p];
                    var before = cell[(u * t) + p - d];
                    if (now >= 0 && before >= 0) PanelHacVcov.AddCross(meat, rows, now * k, rows, before * k, k, w);
                }
            }
        }
        return PanelHacVcov.Finish(input, meat, time, [unit, time], l, "Newey–West");
    }
}
