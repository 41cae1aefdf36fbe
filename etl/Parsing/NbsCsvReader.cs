using System.Globalization;
using System.Text;
using Warehouse.Etl.Vocabulary;

namespace Warehouse.Etl.Parsing;

/// <summary>
/// Reads an export of the NBS data portal (分省年度数据): BOM, preamble lines (<c>数据库：</c>, <c>指标：</c> or
/// <c>时间：</c>), a header whose cells are separated by TAB + comma with padding, one row per province, trailing
/// comma, and footer notes (<c>注：</c>, <c>数据来源：</c>). Years-as-columns and indicators-as-columns forms.
/// </summary>
public static class NbsCsvReader
{
    /// <summary>Reads the decoded text of one export.</summary>
    /// <exception cref="ParseException">No header line, or a body row whose cell count differs from the header's (file and row named).</exception>
    /// <param name="text">The decoded export.</param>
    /// <param name="source">File or URL, for messages.</param>
    /// <param name="limits">Bounds (cells kept); <see cref="ReaderLimits.Default"/> when null.</param>
    public static RawTable Read(string text, string source, ReaderLimits? limits = null)
    {
        var maxCells = (limits ?? ReaderLimits.Default).MaxCells;
        var lines = Records(text);
        var preamble = new List<string>();
        var header = -1;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimStart('\uFEFF');
            if (LabelText.IsBlank(line))
                continue;
            if (Width(Split(line)) >= 2)
            {
                header = i;
                break;
            }

            preamble.Add(line.Trim());
        }

        if (header < 0)
            throw ParseException.At(source, null, null, null, "no header line with TAB-comma separated cells found");

        var headerCells = Split(lines[header]);
        headerCells.RemoveRange(Width(headerCells), headerCells.Count - Width(headerCells));
        var indicatorLine = preamble.FirstOrDefault(p => p.StartsWith("指标", StringComparison.Ordinal));
        var timeLine = preamble.FirstOrDefault(p => p.StartsWith("时间", StringComparison.Ordinal));
        var indicatorUnit = indicatorLine is null ? null : UnitCatalog.FindUnitInLabel(indicatorLine);

        var columns = new List<RawColumn>();
        for (var c = 1; c < headerCells.Count; c++)
        {
            var label = LabelText.Normalize(headerCells[c]);
            if (label.Length == 0)
                continue;
            var unit = UnitCatalog.FindUnitInLabel(label) ?? indicatorUnit;
            columns.Add(new RawColumn(c, label, [label], label.StartsWith('#'), null, unit));
        }

        var rows = new List<RawRow>();
        var notes = new List<string>();
        var inNotes = false;
        for (var i = header + 1; i < lines.Length; i++)
        {
            var line = lines[i];
            if (LabelText.IsBlank(line))
                continue;
            var cells = Split(line);
            if (inNotes || Width(cells) < 2 || LineKinds.IsFootnote(line))
            {
                inNotes = true;
                notes.Add(Width(cells) == 1 ? cells[0] : line.Trim());
                continue;
            }

            RequireHeaderWidth(cells, headerCells.Count, source, i);
            if ((long)(rows.Count + 1) * Math.Max(1, columns.Count) > maxCells)
                throw ReaderLimits.Broken(source, $"line {i + 1}", string.Create(CultureInfo.InvariantCulture, $"MaxCells = {maxCells}"), "the export holds more cells than that");

            var label = LabelText.StripMarker(LabelText.Normalize(cells[0]), out var note);
            var rawCells = new RawCell[columns.Count];
            for (var k = 0; k < columns.Count; k++)
            {
                var c = columns[k].GridIndex;
                rawCells[k] = CellValueParser.Parse(c < cells.Count ? cells[c] : string.Empty, CellLocations.RowCol1(i, c)); // "row {i + 1}, col {c + 1}"
            }

            rows.Add(new RawRow(label, [label], rawCells, CellLocations.RowCol1(i, 0), note));
        }

        int? year = null;
        if (timeLine is not null)
        {
            var digits = new string(timeLine.Where(char.IsAsciiDigit).ToArray());
            if (digits.Length == 4)
                year = int.Parse(digits, CultureInfo.InvariantCulture);
        }

        return new RawTable
        {
            Source = source,
            Title = indicatorLine ?? preamble.FirstOrDefault() ?? string.Empty,
            TitleLines = preamble,
            UnitLines = indicatorUnit is null ? [] : [indicatorUnit],
            HeaderRows = [headerCells.Select(LabelText.Normalize).ToArray()],
            StubLabel = LabelText.Normalize(headerCells[0]),
            Columns = columns,
            Rows = rows,
            Footnotes = notes,
            Year = year,
        };
    }

    /// <summary>
    /// A body row must have the header's cells: one that stops early would leave its last columns silently missing,
    /// and one with more would lose values. Empty cells past the header's end (a trailing comma) are no values.
    /// </summary>
    private static void RequireHeaderWidth(List<string> cells, int headerCount, string source, int lineIndex)
    {
        var filled = cells.Count;
        while (filled > headerCount && cells[filled - 1].Length == 0)
            filled--;
        if (filled == headerCount)
            return;
        var label = LabelText.Normalize(cells[0]);
        var problem = filled < headerCount
            ? $"row has {filled} cells but the header has {headerCount}: the row stops early, its last columns would be read as missing"
            : $"row has {filled} cells but the header has {headerCount}: the values past the header have no column";
        throw ParseException.At(source, null, $"{label}, line {lineIndex + 1}", null, problem);
    }

    /// <summary>
    /// The text's records, one per line, except that a quoted field may hold line breaks (a footnote written by
    /// Excel): such a record spans lines and is indexed by its first line, so row numbers stay those of the file.
    /// </summary>
    private static string[] Records(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
            lines[i] = lines[i].TrimEnd('\r');
        for (var i = 0; i < lines.Length; i++)
        {
            if (QuoteCount(lines[i]) % 2 == 0)
                continue;
            var j = i + 1;
            var joined = new StringBuilder(lines[i]);
            var quotes = QuoteCount(lines[i]);
            while (j < lines.Length && quotes % 2 == 1)
            {
                joined.Append('\n').Append(lines[j]);
                quotes += QuoteCount(lines[j]);
                lines[j++] = string.Empty;
            }

            lines[i] = joined.ToString();
            i = j - 1;
        }

        return lines;
    }

    private static int QuoteCount(string line) => line.AsSpan().Count('"');

    /// <summary>
    /// Splits a record on TAB + comma (the portal's padded form) or on commas with RFC 4180 quoting (Excel's form:
    /// a quoted field may hold commas and doubled quotes), trimming padding; a trailing empty cell is kept.
    /// </summary>
    private static List<string> Split(string line)
    {
        List<string> list;
        if (line.Contains("\t,", StringComparison.Ordinal))
            list = [.. line.Split("\t,").Select(p => p.Trim())];
        else if (line.Contains('"', StringComparison.Ordinal))
            list = SplitQuoted(line);
        else
            list = [.. line.Split(',').Select(p => p.Trim())];
        return list;
    }

    /// <summary>Cells of a record without the empty one a trailing comma leaves (the portal ends every line with one).</summary>
    private static int Width(List<string> cells) => cells.Count > 1 && cells[^1].Length == 0 ? cells.Count - 1 : cells.Count;

    private static List<string> SplitQuoted(string line)
    {
        var list = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"')
                    field.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"')
                    field.Append(line[++i]);
                else
                    quoted = false;
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                list.Add(field.ToString().Trim());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        list.Add(field.ToString().Trim());
        return list;
    }

    /// <summary>Decodes a CSV export: BOM / UTF-8 when valid, else GB18030 (exports saved by Excel on Chinese Windows).</summary>
    public static (string Text, CharsetDecision Charset) Decode(ReadOnlySpan<byte> bytes, string? overrideName)
    {
        var decision = CharsetDetector.Decide(bytes, overrideName, null, sniffMeta: false);
        var text = decision.Encoding.GetString(bytes);
        return (text.TrimStart('\uFEFF'), decision);
    }
}
