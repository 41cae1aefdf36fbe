namespace Warehouse.Analysis.Data;

/// <summary>Turns an identifier column as read (<see cref="IdColumn"/>: integer values, or keys such as DuckDB's
/// hashes with the value of each key) into a <see cref="Factor"/> whose codes follow the order of first appearance, so
/// the codes are the same whichever way the column crossed.</summary>
public static class IdFactorizer
{
    /// <summary>The factor of <paramref name="column"/>.</summary>
    /// <param name="name">Factor name.</param>
    /// <param name="column">Values (integer ids) or keys (other ids).</param>
    /// <param name="keyLabels">For keys, the value of each key as text; null when the column holds the values themselves.</param>
    /// <param name="inPlace">Write the codes over the column's 32-bit values (each row's value is read before its code is
    /// written), so the factor costs no new array: 40 MB at 10^7 rows. The column then holds codes, not values.</param>
    public static Factor Factorize(string name, IdColumn column, IReadOnlyDictionary<long, string>? keyLabels, bool inPlace = false)
    {
        ArgumentNullException.ThrowIfNull(column);
        var n = column.Count;
        long min = long.MaxValue, max = long.MinValue;
        for (var i = 0; i < n; i++)
        {
            var v = column[i];
            if (v < min) min = v;
            if (v > max) max = v;
        }
        var codes = inPlace && column.Narrow is { } own ? own : new int[n];
        var firstValues = new List<long>();
        // A value range no wider than a few times the rows is remapped through an array; a sparse one through a hash map.
        if (n > 0 && unchecked((ulong)max - (ulong)min) < (ulong)Math.Max(4L * n, 1 << 16))
        {
            var remap = new int[checked((int)(max - min + 1))];
            Array.Fill(remap, -1);
            if (column.Narrow is { } narrow)
            {
                var lo = (int)min;
                for (var i = 0; i < n; i++)
                {
                    ref var slot = ref remap[narrow[i] - lo];
                    if (slot < 0)
                    {
                        slot = firstValues.Count;
                        firstValues.Add(narrow[i]);
                    }
                    codes[i] = slot;
                }
            }
            else
            {
                for (var i = 0; i < n; i++)
                {
                    var v = column[i];
                    ref var slot = ref remap[v - min];
                    if (slot < 0)
                    {
                        slot = firstValues.Count;
                        firstValues.Add(v);
                    }
                    codes[i] = slot;
                }
            }
        }
        else
        {
            var map = new Dictionary<long, int>();
            for (var i = 0; i < n; i++)
            {
                var v = column[i];
                if (!map.TryGetValue(v, out var code))
                {
                    code = firstValues.Count;
                    map.Add(v, code);
                    firstValues.Add(v);
                }
                codes[i] = code;
            }
        }

        var values = firstValues.ToArray();
        IReadOnlyList<string> labels = keyLabels is null
            ? new LazyLabels(values.Length, l => values[l].ToString(System.Globalization.CultureInfo.InvariantCulture))
            : values.Select(key => keyLabels.TryGetValue(key, out var label) ? label : throw new InvalidDataException(
                $"{name}: a value read with the data is missing from a second read of the column's labels; the relation gives other rows " +
                "each time it is read (random(), using sample): make it a table first")).ToArray();
        return new Factor(name, codes, values.Length, labels);
    }

    /// <summary>One factor over the observed combinations of <paramref name="factors"/> (an interacted term
    /// <c>a^b</c>), codes in order of first appearance, labels joined by <c>^</c>.</summary>
    public static Factor Interact(string name, IReadOnlyList<Factor> factors)
    {
        ArgumentNullException.ThrowIfNull(factors);
        var rows = factors[0].Codes.Length;
        var keys = new long[rows];
        for (var i = 0; i < rows; i++)
        {
            long key = 0;
            foreach (var f in factors) key = checked((key * f.Levels) + f.Codes[i]);
            keys[i] = key;
        }
        var combined = Factor.FromKeys(name, keys);
        // The first row of each combination names it.
        var firstRow = new int[combined.Levels];
        Array.Fill(firstRow, -1);
        for (var i = 0; i < rows; i++)
            if (firstRow[combined.Codes[i]] < 0) firstRow[combined.Codes[i]] = i;
        return new Factor(name, combined.Codes, combined.Levels,
            new LazyLabels(combined.Levels, l => string.Join('^', factors.Select(f => f.Labels?[f.Codes[firstRow[l]]] ?? f.Codes[firstRow[l]].ToString(System.Globalization.CultureInfo.InvariantCulture)))));
    }

    /// <summary>Labels made when asked for (a 10^6-level id needs no 10^6 strings unless something prints them).</summary>
    private sealed class LazyLabels(int count, Func<int, string> label) : IReadOnlyList<string>
    {
        public string this[int index] => (uint)index < (uint)count ? label(index) : throw new ArgumentOutOfRangeException(nameof(index));

        public int Count => count;

        public IEnumerator<string> GetEnumerator()
        {
            for (var i = 0; i < count; i++) yield return label(i);
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
