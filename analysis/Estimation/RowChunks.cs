namespace Warehouse.Analysis.Estimation;

/// <summary>How the row passes of a fit are split over threads: one chunk per core, none smaller than 50 000 rows
/// (small problems are faster on one thread).</summary>
internal static class RowChunks
{
    public static int Count(int n) => Math.Max(1, Math.Min(Environment.ProcessorCount, n / 50_000));

    public static (int Start, int End) Range(int chunk, int n)
    {
        var chunks = Count(n);
        var size = (n + chunks - 1) / chunks;
        var s = chunk * size;
        return (s, Math.Min(n, s + size));
    }
}
