namespace Warehouse.Analysis.Data;

/// <summary>Clips a variable at its lower and upper <c>share</c> quantiles (linear interpolation, R type 7).</summary>
public static class Winsorizer
{
    public static double[] Apply(double[] values, double share)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (share is < 0 or >= 0.5) throw new ArgumentOutOfRangeException(nameof(share), share, "must be in [0, 0.5)");
        if (values.Length == 0) return [];
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        var lo = Quantile(sorted, share);
        var hi = Quantile(sorted, 1 - share);
        return values.Select(v => Math.Clamp(v, lo, hi)).ToArray();
    }

    public static double Quantile(double[] sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        var h = (sorted.Length - 1) * p;
        var i = (int)Math.Floor(h);
        if (i >= sorted.Length - 1) return sorted[^1];
        return sorted[i] + ((h - i) * (sorted[i + 1] - sorted[i]));
    }
}
