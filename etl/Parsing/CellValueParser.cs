using System.Globalization;
using Warehouse.Etl.Vocabulary;

namespace Warehouse.Etl.Parsing;

/// <summary>Reads a printed number: missing markers, footnote markers, thousands separators, full-width digits.</summary>
public static class CellValueParser
{
    /// <summary>Markers the yearbooks print for "not available": blank, dashes, ellipsis, slash.</summary>
    private static readonly HashSet<string> MissingMarkers =
        ["—", "——", "–", "-", "－", "…", "……", "...", "/", "／", "─"];

    /// <summary>The unit of a percentage cell.</summary>
    public const string PercentUnit = "%";

    /// <summary>
    /// A grid cell into a <see cref="RawCell"/>: its stored number when the file has one (percentages times 100, so
    /// percent points in every format), else its displayed text parsed; the displayed text is kept as the raw text.
    /// </summary>
    public static RawCell Parse(in GridCell cell)
    {
        if (cell.Stored is { } stored)
            return new RawCell(cell.Text, cell.IsPercent ? PercentPoints(stored) : stored, false, false, cell.Location, null, cell.IsPercent ? PercentUnit : null);
        var parsed = Parse(cell.Text, cell.Location);
        return parsed.Value is not null && parsed.Raw.AsSpan().TrimEnd().EndsWith("%", StringComparison.Ordinal) ? parsed with { Unit = PercentUnit } : parsed;
    }

    /// <summary>A stored fraction in percent points, rounded in decimal so 0.123 gives 12.3, not 12.299999999999999.</summary>
    private static double PercentPoints(double fraction) =>
        Math.Abs(fraction) < 1e15 ? (double)((decimal)fraction * 100m) : fraction * 100;

    /// <summary>Parses one cell's text into a <see cref="RawCell"/>.</summary>
    public static RawCell Parse(string raw, string location)
    {
        if (IsPlainNumber(raw) && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain) && double.IsFinite(plain))
            return new RawCell(raw, plain, false, false, location, null); // most body cells: skip trimming, marker and separator rules

        var text = raw.Trim().Trim('\u3000', '\u00A0');
        if (text.Length == 0 || MissingMarkers.Contains(text))
            return new RawCell(raw, null, true, false, location, null);

        var stripped = LabelText.StripMarker(Widen(text), out var marker);
        if (MissingMarkers.Contains(stripped))
            return new RawCell(raw, null, true, false, location, marker);
        var number = TryParseNumber(stripped);
        return number is { } v
            ? new RawCell(raw, v, false, false, location, marker)
            : new RawCell(raw, null, false, true, location, marker);
    }

    /// <summary>
    /// <c>123</c>, <c>-4.5</c>: ASCII digits with at most one point and an optional leading minus, nothing else. Such
    /// text has nothing to trim, fold or strip, is no missing marker, and the full rules would parse it just the same.
    /// </summary>
    private static bool IsPlainNumber(string s)
    {
        var start = s.Length > 0 && s[0] == '-' ? 1 : 0;
        if (s.Length == start)
            return false;
        var digits = 0;
        var points = 0;
        for (var i = start; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsAsciiDigit(c))
                digits++;
            else if (c == '.' && ++points == 1)
                continue;
            else
                return false;
        }

        return digits > 0;
    }

    /// <summary>Parses a plain or thousands-separated number (after full-width folding); null when it is not one.</summary>
    public static double? TryParseNumber(string text)
    {
        var s = text.Trim();
        if (s.EndsWith('%'))
            s = s[..^1].TrimEnd();
        if (s.Length == 0)
            return null;
        if (s.Contains(',', StringComparison.Ordinal))
        {
            if (!HasThousandsSeparators(s))
                return null;
            s = s.Replace(",", string.Empty, StringComparison.Ordinal);
        }

        foreach (var c in s)
        {
            if (!(char.IsAsciiDigit(c) || c is '.' or '-' or '+' or 'e' or 'E'))
                return null;
        }

        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v
            : null;
    }

    /// <summary>Folds full-width digits and signs (<c>１２３．４</c>) to ASCII.</summary>
    public static string Widen(string text)
    {
        var needs = false;
        foreach (var c in text)
        {
            if (c is >= '\uFF01' and <= '\uFF5E')
            {
                needs = true;
                break;
            }
        }

        if (!needs)
            return text;
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            // Only digits and number punctuation are folded; full-width brackets in labels stay as printed.
            if (chars[i] is >= '\uFF10' and <= '\uFF19' or '\uFF0E' or '\uFF0C' or '\uFF0B' or '\uFF05')
                chars[i] = (char)(chars[i] - 0xFEE0);
            else if (chars[i] == '\uFF0D')
                chars[i] = '-';
        }

        return new string(chars);
    }

    private static bool HasThousandsSeparators(string s)
    {
        var body = s.TrimStart('-', '+');
        var dot = body.IndexOf('.', StringComparison.Ordinal);
        var integer = dot >= 0 ? body[..dot] : body;
        var groups = integer.Split(',');
        if (groups[0].Length is < 1 or > 3)
            return false;
        for (var i = 1; i < groups.Length; i++)
        {
            if (groups[i].Length != 3)
                return false;
        }

        return dot < 0 || !body[dot..].Contains(',', StringComparison.Ordinal);
    }

    /// <summary>True for an integer that reads as a data year (1949..2100), optionally followed by 年.</summary>
    public static bool IsYearLike(string text, out int year)
    {
        year = 0;
        var s = Widen(text.Trim());
        if (s.EndsWith('年'))
            s = s[..^1].TrimEnd();
        return s.Length == 4 && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out year) &&
               year is >= 1949 and <= 2100;
    }
}
