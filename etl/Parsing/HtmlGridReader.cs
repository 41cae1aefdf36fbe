using System.Globalization;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using AngleSharp.Html.Parser.Tokens.Struct;
using Warehouse.Etl.Vocabulary;

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
    private static readonly HtmlParserOptions ParserOptions = new()
    {
        IsKeepingSourceReferences = false,
        DisableElementPositionTracking = true,
        SkipComments = true,
        SkipScriptText = true,
        SkipRawText = true,
        ShouldEmitAttribute = static (ref StructHtmlToken _, ReadOnlyMemory<char> name) =>
            name.Span.Equals("rowspan", StringComparison.OrdinalIgnoreCase) || name.Span.Equals("colspan", StringComparison.OrdinalIgnoreCase),
    };

    /// <summary>
    /// One parser per thread: a parser is not thread-safe, and the lock a shared one needs showed up as
    /// Monitor.Enter_Slowpath in 7 % of the CPU samples of a bench run (dotnet-trace, sampled thread time).
    /// </summary>
    [ThreadStatic]
    private static HtmlParser? parser;

    /// <summary>Parses bytes decoded with <paramref name="encoding"/> (decided by <see cref="CharsetDetector"/>).</summary>
    public static Grid Read(ReadOnlyMemory<byte> bytes, Encoding encoding, string source) =>
        ToGrid(ParseDocument(bytes, encoding), source);

    /// <summary>The AngleSharp phase alone (decoding, tokenising, tree building); split out so the bench can time it.</summary>
    internal static IHtmlDocument ParseDocument(ReadOnlyMemory<byte> bytes, Encoding encoding) => ParseDocument(Decode(bytes.Span, encoding));

    /// <summary>AngleSharp's tokenising and tree building over text already decoded.</summary>
    internal static IHtmlDocument ParseDocument(string text)
    {
        parser ??= new HtmlParser(ParserOptions);
        return parser.ParseDocument(text.AsMemory());
    }

    /// <summary>Decodes the whole page at once, its byte-order mark left out (the encoding was chosen from it already).</summary>
    internal static string Decode(ReadOnlySpan<byte> bytes, Encoding encoding)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            bytes = bytes[3..];
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            bytes = bytes[2..];
        return encoding.CodePage == Gb18030Text.CodePage ? Gb18030Text.Decode(bytes, encoding) : encoding.GetString(bytes);
    }

    /// <summary>Our phase: the parsed document's tables and text blocks flattened into a grid.</summary>
    internal static Grid ToGrid(IHtmlDocument document, string source)
    {
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
        {
            // The usual cell holds one text node: its data is the text, with no builder in between.
            return element.ChildNodes is { Length: 1 } nodes && nodes[0] is IText only ? only.Data : element.TextContent;
        }

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
        var expanded = new List<RowBuilder>();
        var rowIndex = 0;
        foreach (var tr in table.Rows)
        {
            while (expanded.Count <= rowIndex)
                expanded.Add(new RowBuilder());
            var col = 0;
            foreach (var cell in tr.Cells)
            {
                var current = expanded[rowIndex];
                while (col < current.Length && current.IsFilled(col))
                    col++;
                var rowSpan = Math.Max(1, cell.RowSpan);
                var colSpan = Math.Max(1, cell.ColumnSpan);
                var text = CellText(cell);
                var location = tableIndex == 1
                    ? CellLocations.RowCol1(rowIndex, col)
                    : string.Create(CultureInfo.InvariantCulture, $"table {tableIndex}, row {rowIndex + 1}, col {col + 1}");
                var gridCell = new GridCell(text, location, col, colSpan);
                for (var dr = 0; dr < rowSpan && dr < 1000; dr++)
                {
                    while (expanded.Count <= rowIndex + dr)
                        expanded.Add(new RowBuilder());
                    expanded[rowIndex + dr].Fill(col, colSpan, gridCell);
                }

                col += colSpan;
            }

            rowIndex++;
        }

        for (var r = 0; r < expanded.Count; r++)
            output.Add(expanded[r].ToRow(r));
    }

    /// <summary>
    /// One table row while spans are expanded into it: grows by doubling (not one cell at a time) and is trimmed to
    /// the last covered column at the end; unfilled positions have a null text.
    /// </summary>
    private sealed class RowBuilder
    {
        private GridCell[] cells = new GridCell[32];

        /// <summary>One past the last column any cell or span covers.</summary>
        public int Length { get; private set; }

        public bool IsFilled(int column) => cells[column].Text is not null;

        public void Fill(int column, int span, GridCell cell)
        {
            var end = column + span;
            if (end > cells.Length)
                Array.Resize(ref cells, Math.Max(end, cells.Length * 2));
            cells.AsSpan(column, span).Fill(cell);
            Length = Math.Max(Length, end);
        }

        public GridCell[] ToRow(int rowIndex)
        {
            var row = cells.Length == Length ? cells : cells[..Length];
            for (var c = 0; c < row.Length; c++)
            {
                if (row[c].Text is null)
                    row[c] = GridCell.Empty(CellLocations.RowCol1(rowIndex, c), c);
            }

            return row;
        }
    }
}
