using System.Globalization;
using System.Text;

namespace Warehouse.Etl.Cli;

/// <summary>
/// The <c>table</c> format of <c>query</c>, drawn like the DuckDB CLI's duckbox mode: a box with the column names
/// and their DuckDB types, numbers right-aligned, DOUBLE and FLOAT rounded to <see cref="SignificantDigits"/>
/// significant digits, at most <see cref="MaxRows"/> rows (the first and last half, a <c>·</c> row between) and a
/// footer <c>N rows (M shown)</c>. CSV and JSON keep every row and full precision.
/// </summary>
internal static class QueryTable
{
    /// <summary>Rows shown before the middle is elided (the DuckDB CLI's default <c>.maxrows</c>).</summary>
    public const int MaxRows = 40;

    /// <summary>Significant digits of a rounded double.</summary>
    public const int SignificantDigits = 6;

    private static readonly HashSet<string> NumericTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT", "FLOAT", "DOUBLE",
    };

    /// <param name="names">Column names.</param>
    /// <param name="types">DuckDB type names per column (<c>typeof</c>), null when the result has no rows.</param>
    /// <param name="rows">Values as DuckDB prints them; null is SQL NULL.</param>
    /// <param name="output">Where the box goes.</param>
    public static void Write(string[] names, string[]? types, IReadOnlyList<string?[]> rows, TextWriter output)
    {
        var shownTypes = names.Select((_, i) => types?[i].ToLowerInvariant() ?? "").ToArray();
        var numeric = names.Select((_, i) => types is not null && IsNumeric(types[i])).ToArray();
        List<string?[]?> shown = rows.Count <= MaxRows ? [.. rows] : [.. rows.Take(MaxRows / 2), null, .. rows.Skip(rows.Count - (MaxRows / 2))];
        var cells = shown.Select(r => r is null ? names.Select(_ => "·").ToArray()
            : r.Select((v, i) => v is null ? "NULL" : Round(v, types?[i])).ToArray()).ToList();
        var widths = names.Select((n, i) => cells.Select(c => Width(c[i])).Append(Width(n)).Append(Width(shownTypes[i])).Max()).ToArray();

        var count = string.Create(CultureInfo.InvariantCulture, $"{rows.Count} row{(rows.Count == 1 ? "" : "s")}{(rows.Count > MaxRows ? $" ({MaxRows} shown)" : "")}");
        var columns = string.Create(CultureInfo.InvariantCulture, $"{names.Length} column{(names.Length == 1 ? "" : "s")}");
        // The footer spans the box: widen the last column when the columns are narrower than it.
        var footer = Width(count) + Width(columns) + 3;
        var inner = widths.Sum() + (3 * widths.Length) - 1;
        if (inner < footer)
        {
            widths[^1] += footer - inner;
            inner = footer;
        }

        var sb = new StringBuilder();
        Rule(sb, widths, '┌', '┬', '┐');
        Line(sb, names, widths, i => Align.Center);
        if (types is not null) Line(sb, shownTypes, widths, i => Align.Center);
        Rule(sb, widths, '├', '┼', '┤');
        foreach (var row in cells)
            Line(sb, row, widths, i => row[i] == "·" ? Align.Center : numeric[i] ? Align.Right : Align.Left);
        sb.Append('├').AppendJoin('┴', widths.Select(w => new string('─', w + 2))).Append('┤').Append('\n');
        sb.Append("│ ").Append(count).Append(' ', inner - footer + 1).Append(columns).Append(" │\n");
        sb.Append('└').Append('─', inner).Append('┘').Append('\n');
        output.Write(sb.ToString());
    }

    private enum Align
    {
        Left,
        Right,
        Center,
    }

    private static bool IsNumeric(string type) => NumericTypes.Contains(type) || type.StartsWith("DECIMAL", StringComparison.OrdinalIgnoreCase);

    /// <summary>DOUBLE and FLOAT to <see cref="SignificantDigits"/> significant digits (exponent form outside 1e-4..1e15); everything else as DuckDB printed it.</summary>
    internal static string Round(string value, string? type)
    {
        if (type is not ("DOUBLE" or "FLOAT") || !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || !double.IsFinite(d) || d == 0)
            return value;
        var magnitude = Math.Abs(d);
        if (magnitude >= 1e15 || magnitude < 1e-4) return d.ToString("0.#####e+0", CultureInfo.InvariantCulture);
        var decimals = Math.Max(0, SignificantDigits - 1 - (int)Math.Floor(Math.Log10(magnitude)));
        return Math.Round(d, Math.Min(decimals, 15), MidpointRounding.AwayFromZero).ToString("0.###############", CultureInfo.InvariantCulture);
    }

    private static void Rule(StringBuilder sb, int[] widths, char left, char mid, char right) =>
        sb.Append(left).AppendJoin(mid, widths.Select(w => new string('─', w + 2))).Append(right).Append('\n');

    private static void Line(StringBuilder sb, string[] cells, int[] widths, Func<int, Align> align)
    {
        sb.Append('│');
        for (var i = 0; i < cells.Length; i++)
        {
            var pad = widths[i] - Width(cells[i]);
            var (before, after) = align(i) switch { Align.Right => (pad, 0), Align.Center => (pad / 2, pad - (pad / 2)), _ => (0, pad) };
            sb.Append(' ').Append(' ', before).Append(cells[i]).Append(' ', after).Append(" │");
        }
        sb.Append('\n');
    }

    /// <summary>Terminal columns: East Asian wide characters (CJK, full-width forms) take two.</summary>
    internal static int Width(string text)
    {
        var width = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var v = rune.Value;
            width += v is (>= 0x1100 and <= 0x115F) or (>= 0x2E80 and <= 0xA4CF) or (>= 0xAC00 and <= 0xD7A3) or (>= 0xF900 and <= 0xFAFF)
                or (>= 0xFE30 and <= 0xFE4F) or (>= 0xFF00 and <= 0xFF60) or (>= 0xFFE0 and <= 0xFFE6) or (>= 0x20000 and <= 0x3FFFD) ? 2 : 1;
        }
        return width;
    }
}
