using System.Buffers;
using System.Globalization;
using nietras.SeparatedValues;

namespace Warehouse.Analysis.Data;

/// <summary>How <see cref="CsvColumnReader"/> reads one cell, kept to what DuckDB's CSV reader reads the same way.</summary>
internal static class CsvCells
{
    /// <summary>The characters of a plain decimal number (sign, digits, point, exponent): DuckDB and .NET both round
    /// such text to the nearest double. Anything else (spaces, <c>inf</c>, a thousands separator) is left to DuckDB.</summary>
    private static readonly SearchValues<char> NumberCharacters = SearchValues.Create("0123456789.+-eE");

    /// <summary>The cell is empty or exactly one of <paramref name="missing"/>.</summary>
    /// <remarks>An array and a for loop: this runs for every cell, and enumerating a list interface allocates.</remarks>
    public static bool IsMissing(ReadOnlySpan<char> cell, string[] missing)
    {
        if (cell.IsEmpty) return true;
        for (var i = 0; i < missing.Length; i++)
            if (cell.SequenceEqual(missing[i])) return true;
        return false;
    }

    /// <summary>A plain decimal number, finite; false for anything else.</summary>
    /// <remarks>Sep's parse (csFastFloat, correctly rounded like DuckDB's fast_float) is twice as fast as
    /// <see cref="double.TryParse(ReadOnlySpan{char}, NumberStyles, IFormatProvider, out double)"/> here.</remarks>
    public static bool TryNumber(SepReader.Col cell, out double value)
    {
        value = 0;
        if (cell.Span.ContainsAnyExcept(NumberCharacters) || cell.TryParse<double>() is not { } parsed || !double.IsFinite(parsed)) return false;
        value = parsed;
        return true;
    }

    /// <summary>An integer in 64 bits with an optional sign.</summary>
    public static bool TryInteger(ReadOnlySpan<char> cell, out long value) =>
        long.TryParse(cell, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
}
