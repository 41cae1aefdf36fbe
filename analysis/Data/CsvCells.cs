using System.Buffers;
using System.Globalization;
using nietras.SeparatedValues;

namespace Warehouse.Analysis.Data;

/// <summary>How <see cref="CsvColumnReader"/> reads one cell, kept to what DuckDB's CSV reader reads the same way.</summary>
internal static class CsvCells
{
    /// <summary>What a plain decimal number may begin with.</summary>
    private static readonly SearchValues<char> NumberStart = SearchValues.Create("0123456789.+-");

    /// <summary>What a plain decimal number may end with.</summary>
    private static readonly SearchValues<char> NumberEnd = SearchValues.Create("0123456789.");

    /// <summary>A plain decimal number, finite; false for anything else.</summary>
    /// <remarks>Sep's parse (csFastFloat, correctly rounded like DuckDB's fast_float, and twice as fast as
    /// <see cref="double.TryParse(ReadOnlySpan{char}, NumberStyles, IFormatProvider, out double)"/>) takes the whole
    /// cell or fails. It also takes spaces around the number, <c>inf</c> and <c>nan</c>: the first and last characters
    /// are checked and a value that is not finite is refused, so those cells go to DuckDB.</remarks>
    public static bool TryNumber(SepReader.Col cell, out double value)
    {
        value = 0;
        var text = cell.Span;
        if (text.IsEmpty || !NumberStart.Contains(text[0]) || !NumberEnd.Contains(text[^1])) return false;
        if (cell.TryParse<double>() is not { } parsed || !double.IsFinite(parsed)) return false;
        value = parsed;
        return true;
    }

    /// <summary>An integer written the one way DuckDB writes it back: digits with an optional <c>-</c>, no <c>+</c>, no
    /// leading zero (<c>0</c>, <c>7</c>, <c>-7</c>; not <c>07</c>, <c>+7</c>, <c>-0</c>). The other spellings read as the
    /// same integers but, as text, are other identifiers.</summary>
    public static bool IsCanonicalInteger(ReadOnlySpan<char> cell)
    {
        var digits = cell.Length > 0 && cell[0] == '-' ? cell[1..] : cell;
        return digits.Length > 0 && digits[0] is >= '1' and <= '9' || (digits is "0" && cell.Length == 1);
    }

    /// <summary>An integer in 64 bits with an optional sign: what <c>long.TryParse(cell, AllowLeadingSign, invariant)</c>
    /// accepts, with the same value.</summary>
    /// <remarks>Ids are short: a digit loop reads up to 18 digits (which cannot overflow) in a few nanoseconds, where
    /// the general parser's culture and style handling cost several times that on each of 3 × 10^7 cells; longer
    /// cells go to the general parser.</remarks>
    public static bool TryInteger(ReadOnlySpan<char> cell, out long value)
    {
        value = 0;
        if (cell.Length is 0 or > 18) return long.TryParse(cell, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
        var negative = cell[0] == '-';
        var digits = cell[0] is '-' or '+' ? cell[1..] : cell;
        if (digits.IsEmpty) return false;
        long v = 0;
        foreach (var c in digits)
        {
            var digit = unchecked((uint)(c - '0'));
            if (digit > 9) return false;
            v = (v * 10) + digit;
        }

        value = negative ? -v : v;
        return true;
    }
}

/// <summary>The cell texts read as missing (the empty text always among them), matched at the cost of a length and a
/// first-character test for most cells.</summary>
internal sealed class CsvMissingCells
{
    private readonly string[] tokens;
    private readonly int longest;
    private readonly SearchValues<char> firstCharacters;

    public CsvMissingCells(IEnumerable<string> tokens)
    {
        this.tokens = tokens.Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        this.longest = this.tokens.Select(t => t.Length).DefaultIfEmpty(0).Max();
        this.firstCharacters = SearchValues.Create(string.Concat(this.tokens.Select(t => t[0]).Distinct()));
    }

    /// <summary>The cell is empty or exactly one of the tokens.</summary>
    public bool Matches(ReadOnlySpan<char> cell)
    {
        if (cell.IsEmpty) return true;
        if (cell.Length > this.longest || !this.firstCharacters.Contains(cell[0])) return false;
        foreach (var token in this.tokens)
            if (cell.SequenceEqual(token)) return true;
        return false;
    }
}
