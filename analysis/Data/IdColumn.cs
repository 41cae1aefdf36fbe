namespace Warehouse.Analysis.Data;

/// <summary>An identifier column as 64-bit integers (the values, or DuckDB's hashes of non-integer ids), kept as
/// 32-bit while every value fits so a 10^7-row id costs 40 MB, not 80.</summary>
public sealed class IdColumn
{
    private int[]? narrow;
    private long[]? wide;

    internal IdColumn(int rows) => this.narrow = new int[rows];

    /// <summary>A column of the given values.</summary>
    internal static IdColumn Of(IReadOnlyList<long> values)
    {
        var column = new IdColumn(values.Count);
        column.Set(values.ToArray(), 0);
        return column;
    }

    /// <summary>A column of values that all fit in 32 bits (codes, or integer ids checked by the caller).</summary>
    internal static IdColumn OfNarrow(int[] values) => new(values, null);

    /// <summary>A column of 64-bit values.</summary>
    internal static IdColumn OfWide(long[] values) => new(null, values);

    private IdColumn(int[]? narrow, long[]? wide)
    {
        this.narrow = narrow;
        this.wide = wide;
    }

    /// <summary>Number of rows.</summary>
    public int Count => this.narrow?.Length ?? this.wide!.Length;

    /// <summary>The value of row <paramref name="i"/>.</summary>
    public long this[int i] => this.narrow is { } n ? n[i] : this.wide![i];

    /// <summary>The values when all fit in 32 bits, else null (then use the indexer).</summary>
    public int[]? Narrow => this.narrow;

    internal void Set(ReadOnlySpan<long> values, int offset)
    {
        if (this.narrow is { } narrow)
        {
            for (var i = 0; i < values.Length; i++)
            {
                var v = values[i];
                if (v is < int.MinValue or > int.MaxValue)
                {
                    Widen();
                    values[i..].CopyTo(this.wide.AsSpan(offset + i));
                    return;
                }

                narrow[offset + i] = (int)v;
            }

            return;
        }

        values.CopyTo(this.wide.AsSpan(offset));
    }

    /// <summary>Keeps the first <paramref name="length"/> rows, or adds rows (zero) up to it.</summary>
    internal void Resize(int length)
    {
        if (this.narrow is not null)
            Array.Resize(ref this.narrow, length);
        else
            Array.Resize(ref this.wide, length);
    }

    private void Widen()
    {
        this.wide = new long[this.narrow!.Length];
        for (var i = 0; i < this.narrow.Length; i++) this.wide[i] = this.narrow[i];
        this.narrow = null;
    }

    internal IdColumn Keep(bool[] drop, int kept) =>
        this.narrow is { } n ? new IdColumn(BulkColumnReader.Keep(n, drop, kept), null) : new IdColumn(null, BulkColumnReader.Keep(this.wide!, drop, kept));
}
