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
    public static RawTable Read(string text, string source)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        var preamble = new List<string>();
        var header = -1;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimStart('\uFEFF');
            if (LabelText.IsBlank(line))
                continue;
            if (Split(line).Count >= 2)
            {
                header = i;
                break;
            }

            preamble.Add(line.Trim());
        }

        if (header < 0)
            throw ParseException.At(source, null, null, null, "no header line with TAB-comma separated cells found");

        var headerCells = Split(lines[header]);
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
            if (inNotes || cells.Count < 2 || LineKinds.IsFootnote(line))
            {
                inNotes = true;
                notes.Add(line.Trim());
                continue;
            }

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

    /// <summary>Splits a line on TAB + comma (plain commas when the file has no TABs), dropping the trailing empty cell.</summary>
    private static List<string> Split(string line)
    {
        var parts = line.Contains("\t,", StringComparison.Ordinal)
            ? line.Split("\t,")
            : line.Contains(',', StringComparison.Ordinal) ? line.Split(',') : [line];
        var list = parts.Select(p => p.Trim()).ToList();
        if (list.Count > 1 && list[^1].Length == 0)
            list.RemoveAt(list.Count - 1);
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
