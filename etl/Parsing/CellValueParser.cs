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
        if (PlainValue(cell) is { } plain)
            return new RawCell(cell.Text, plain, false, false, cell.Location, null); // most body cells: digits and a point, no % sign to look for
        var parsed = Parse(cell.Text, cell.Location);
        return parsed.Value is not null && parsed.Raw.AsSpan().TrimEnd().EndsWith("%", StringComparison.Ordinal) ? parsed with { Unit = PercentUnit } : parsed;
    }

    /// <summary>
    /// The value of a cell that stores no number apart and whose text is a plain number (<see cref="PlainNumber"/>), as
    /// <see cref="Parse(in GridCell)"/> reads it; null for any other cell. Most body cells: a caller filling an array of
    /// cells builds such a cell in place, where a returned <see cref="RawCell"/> is copied with a bulk write barrier.
    /// </summary>
    internal static double? PlainValue(in GridCell cell) =>
        cell.Stored is null && PlainNumber(cell.Text) is { } plain && double.IsFinite(plain) ? plain : null;

    /// <summary>A stored fraction in percent points, rounded in decimal so 0.123 gives 12.3, not 12.299999999999999.</summary>
    private static double PercentPoints(double fraction) =>
        Math.Abs(fraction) < 1e15 ? (double)((decimal)fraction * 100m) : fraction * 100;

    /// <summary>
    /// What <see cref="Parse(string, string)"/> would make of the text, without building the cell: whether it reads as a
    /// number (its value is not null) and whether it is text (<see cref="RawCell.IsInvalid"/>). How the table finder sorts
    /// rows and columns; a plain number answers without any allocation.
    /// </summary>
    internal static (bool IsNumber, bool IsText) Classify(string raw)
    {
        if (PlainNumber(raw) is { } plain && double.IsFinite(plain))
            return (true, false);
        foreach (var c in raw)
        {
            if (!MayBeInNumberOrMarker(c))
                return (false, true); // a label (北京, Beijing): no rule below can make it a number or a missing marker
        }

        var cell = Parse(raw, string.Empty);
        return (cell.Value is not null, cell.IsInvalid);
    }

    /// <summary>
    /// Whether the character can be part of a number, a missing marker, or something the rules trim, fold or strip
    /// before reading one (spaces, full-width forms, footnote markers: circled numbers, asterisks, <c>a)</c>); a text
    /// holding any other character is neither a number nor missing.
    /// </summary>
    private static bool MayBeInNumberOrMarker(char c) =>
        char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c) || c is '.' or ',' or '+' or '-' or '%' or '*' or '(' or ')' or '/' or 'E' ||
        LabelText.IsSpace(c) || c is >= '\uFF01' and <= '\uFF5E' || LabelText.IsCircledNumber(c) || c is '—' or '–' or '…' or '─';

    /// <summary>Parses one cell's text into a <see cref="RawCell"/>.</summary>
    public static RawCell Parse(string raw, string location)
    {
        if (PlainNumber(raw) is { } plain && double.IsFinite(plain))
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
    /// The value of <c>123</c>, <c>-4.5</c>: ASCII digits with at most one point and an optional leading minus, nothing
    /// else; null for any other text. Such text has nothing to trim, fold or strip, is no missing marker, and the full
    /// rules would parse it just the same. Infinity when it overflows.
    /// </summary>
    /// <remarks>
    /// Most body cells are such numbers, and <c>double.TryParse</c>'s general parser was most of the table phase. Digits
    /// that fit in 2^53 with at most 22 after the point are an exact integer and an exact power of ten, and IEEE division
    /// rounds their quotient correctly: the double <c>double.Parse</c> returns, bit for bit. Longer numbers take
    /// <c>double.Parse</c>.
    /// </remarks>
    internal static double? PlainNumber(string s)
    {
        var negative = s.Length > 0 && s[0] == '-';
        ulong mantissa = 0; // wraps past 19 digits, which then go to double.Parse
        var digits = 0;
        var point = -1;
        for (var i = negative ? 1 : 0; i < s.Length; i++)
        {
            var digit = (uint)(s[i] - '0');
            if (digit <= 9)
            {
                mantissa = unchecked(mantissa * 10 + digit);
                digits++;
            }
            else if (s[i] == '.' && point < 0)
            {
                point = i;
            }
            else
            {
                return null;
            }
        }

        if (digits == 0)
            return null;
        var fractionDigits = point < 0 ? 0 : s.Length - 1 - point; // every character after the point is a digit
        if (digits > MaxUnwrappedDigits || mantissa > MaxExactInteger || fractionDigits >= ExactPowersOfTen.Length)
            return double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
        var exact = (long)mantissa; // at most 2^53: the signed conversion, one instruction
        var magnitude = fractionDigits == 0 ? exact : exact / ExactPowersOfTen[fractionDigits];
        return negative ? -magnitude : magnitude;
    }

    /// <summary>Digits a <see cref="ulong"/> holds whatever they are (10^19 &lt; 2^64).</summary>
    private const int MaxUnwrappedDigits = 19;

    /// <summary>The largest integer up to which every integer is a double.</summary>
    private const ulong MaxExactInteger = 1UL << 53;

    /// <summary>The powers of ten a double holds exactly.</summary>
    private static readonly double[] ExactPowersOfTen =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

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
