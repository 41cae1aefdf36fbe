namespace Warehouse.Analysis.Data;

/// <summary>An identifier column as 64-bit integers (the values, or DuckDB's hashes of non-integer ids), kept as
/// 32-bit while every value fits so a 10^7-row id costs 40 MB, not 80.</summary>
public sealed class IdColumn
{
    private int[]? _narrow;
    private long[]? _wide;

    internal IdColumn(int rows) => _narrow = new int[rows];

    /// <summary>A column of the given values.</summary>
    internal static IdColumn Of(IReadOnlyList<long> values)
    {
        var column = new IdColumn(values.Count);
        column.Set(values.ToArray(), 0);
        return column;
    }

    private IdColumn(int[]? narrow, long[]? wide)
    {
        _narrow = narrow;
        _wide = wide;
    }

    /// <summary>Number of rows.</summary>
    public int Count => _narrow?.Length ?? _wide!.Length;

    /// <summary>The value of row <paramref name="i"/>.</summary>
    public long this[int i] => _narrow is { } n ? n[i] : _wide![i];

    /// <summary>The values when all fit in 32 bits, else null (then use the indexer).</summary>
    public int[]? Narrow => _narrow;

    internal void Set(ReadOnlySpan<long> values, int offset)
    {
        if (_narrow is { } narrow)
        {
            for (var i = 0; i < values.Length; i++)
            {
                var v = values[i];
                if (v is < int.MinValue or > int.MaxValue)
                {
                    Widen();
                    values[i..].CopyTo(_wide.AsSpan(offset + i));
                    return;
                }

                narrow[offset + i] = (int)v;
            }

            return;
        }

        values.CopyTo(_wide.AsSpan(offset));
    }

    private void Widen()
    {
        _wide = new long[_narrow!.Length];
        for (var i = 0; i < _narrow.Length; i++) _wide[i] = _narrow[i];
        _narrow = null;
    }

    internal IdColumn Keep(bool[] drop, int kept)
    {
        var j = 0;
        if (_narrow is { } n)
        {
            var r = new int[kept];
            for (var i = 0; i < n.Length; i++)
                if (!drop[i]) r[j++] = n[i];
            return new IdColumn(r, null);
        }

        var w = new long[kept];
        for (var i = 0; i < _wide!.Length; i++)
            if (!drop[i]) w[j++] = _wide[i];
        return new IdColumn(null, w);
    }
}
