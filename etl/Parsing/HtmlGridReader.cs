using System.Globalization;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using AngleSharp.Html.Parser.Tokens.Struct;

namespace Warehouse.Etl.Parsing;

/// <summary>
/// Reads an HTML page (Excel / LibreOffice "Save as Web Page" exports and plain tables) from its bytes into one
/// grid: text blocks before and after tables become one-cell rows, table rows are expanded by rowspan/colspan.
/// </summary>
public static class HtmlGridReader
{
    /// <summary>
    /// Only rowspan and colspan matter to the grid; Excel's web pages carry a class, style and x:num on every cell,
    /// and not materialising those attributes makes parsing about a quarter faster (measured with bench parse).
    /// </summary>
    private static readonly HtmlParser Parser = new(new HtmlParserOptions
    {
        IsKeepingSourceReferences = false,
        DisableElementPositionTracking = true,
        SkipComments = true,
        SkipScriptText = true,
        SkipRawText = true,
        ShouldEmitAttribute = static (ref StructHtmlToken _, ReadOnlyMemory<char> name) =>
            name.Span.Equals("rowspan", StringComparison.OrdinalIgnoreCase) || name.Span.Equals("colspan", StringComparison.OrdinalIgnoreCase),
    });

    /// <summary>Parses bytes decoded with <paramref name="encoding"/> (decided by <see cref="CharsetDetector"/>).</summary>
    public static Grid Read(ReadOnlyMemory<byte> bytes, Encoding encoding, string source)
    {
        IHtmlDocument document;
        lock (Parser)
            document = Parser.ParseDocument(bytes, encoding);
        var rows = new List<GridCell[]>();
        var tableIndex = 0;
        if (document.Body is { } body)
            Walk(body, rows, ref tableIndex);
        var width = rows.Count == 0 ? 0 : rows.Max(r => r.Length);
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length < width)
                rows[i] = Pad(rows[i], width, i);
        }

        return new Grid(source, rows);
    }

    private static GridCell[] Pad(GridCell[] row, int width, int rowIndex)
    {
        var padded = new GridCell[width];
        Array.Copy(row, padded, row.Length);
        for (var c = row.Length; c < width; c++)
            padded[c] = GridCell.Empty(row.Length > 0 ? row[0].Location : $"row {rowIndex + 1}", c);
        return padded;
    }

    private static void Walk(IElement element, List<GridCell[]> rows, ref int tableIndex)
    {
        foreach (var node in element.ChildNodes)
        {
            if (node is IText bare)
            {
                // Text straight inside <body> or a <div> (no <p> around it), e.g. a unit line before the table.
                foreach (var line in bare.Data.Split('\n'))
                {
                    if (!LabelText.IsBlank(line))
                        rows.Add([new GridCell(line.Trim(), $"text '{Shorten(line.Trim())}'", 0, 1)]);
                }

                continue;
            }

            if (node is not IElement child)
                continue;
            if (child is IHtmlTableElement table)
            {
                tableIndex++;
                ExpandTable(table, tableIndex, rows);
            }
            else if (child.QuerySelector("table") is not null)
            {
                Walk(child, rows, ref tableIndex);
            }
            else if (child.LocalName is not ("script" or "style"))
            {
                foreach (var line in TextLines(child))
                    rows.Add([new GridCell(line, $"text '{Shorten(line)}'", 0, 1)]);
            }
        }
    }

    private static string Shorten(string s) => s.Length <= 20 ? s : s[..20] + "…";

    private static IEnumerable<string> TextLines(IElement element)
    {
        var text = CellText(element);
        foreach (var line in text.Split('\n'))
        {
            if (!LabelText.IsBlank(line))
                yield return line.Trim();
        }
    }

    /// <summary>Text of a cell with <c>&lt;br&gt;</c> and block boundaries kept as line breaks.</summary>
    private static string CellText(IElement element)
    {
        if (element.ChildElementCount == 0)
            return element.TextContent;
        var sb = new StringBuilder();
        AppendText(element, sb);
        return sb.ToString();
    }

    private static void AppendText(INode node, StringBuilder sb)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText text:
                    sb.Append(text.Data);
                    break;
                case IElement { LocalName: "br" }:
                    sb.Append('\n');
                    break;
                case IElement { LocalName: "p" or "div" or "li" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "tr" } block:
                    sb.Append('\n');
                    AppendText(block, sb);
                    sb.Append('\n');
                    break;
                case IElement { LocalName: "script" or "style" }:
                    break;
                case IElement other:
                    AppendText(other, sb);
                    break;
            }
        }
    }

    /// <summary>Expands rowspan/colspan into a rectangular block of rows; locations are <c>row r, col c</c> within the table.</summary>
    private static void ExpandTable(IHtmlTableElement table, int tableIndex, List<GridCell[]> output)
    {
        var expanded = new List<GridCell?[]>();
        var rowIndex = 0;
        foreach (var tr in table.Rows)
        {
            while (expanded.Count <= rowIndex)
                expanded.Add([]);
            var col = 0;
            foreach (var cell in tr.Cells)
            {
                while (col < expanded[rowIndex].Length && expanded[rowIndex][col] is not null)
                    col++;
                var rowSpan = Math.Max(1, cell.RowSpan);
                var colSpan = Math.Max(1, cell.ColumnSpan);
                var text = CellText(cell);
                var location = tableIndex == 1
                    ? string.Create(CultureInfo.InvariantCulture, $"row {rowIndex + 1}, col {col + 1}")
                    : string.Create(CultureInfo.InvariantCulture, $"table {tableIndex}, row {rowIndex + 1}, col {col + 1}");
                for (var dr = 0; dr < rowSpan && dr < 1000; dr++)
                {
                    while (expanded.Count <= rowIndex + dr)
                        expanded.Add([]);
                    var target = expanded[rowIndex + dr];
                    if (target.Length < col + colSpan)
                    {
                        Array.Resize(ref target, col + colSpan);
                        expanded[rowIndex + dr] = target;
                    }

                    for (var dc = 0; dc < colSpan; dc++)
                        target[col + dc] = new GridCell(text, location, col, colSpan);
                }

                col += colSpan;
            }

            rowIndex++;
        }

        for (var r = 0; r < expanded.Count; r++)
        {
            var source = expanded[r];
            var row = new GridCell[source.Length];
            for (var c = 0; c < source.Length; c++)
            {
                row[c] = source[c] ?? GridCell.Empty(
                    string.Create(CultureInfo.InvariantCulture, $"row {r + 1}, col {c + 1}"), c);
            }

            output.Add(row);
        }
    }
}
