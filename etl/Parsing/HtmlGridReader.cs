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
    /// Only rowspan, colspan and x:num matter to the grid; Excel's web pages carry a class and style on every cell,
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
            name.Span.Equals("rowspan", StringComparison.OrdinalIgnoreCase) || name.Span.Equals("colspan", StringComparison.OrdinalIgnoreCase) ||
            name.Span.Equals("x:num", StringComparison.OrdinalIgnoreCase),
    };

    /// <summary>
    /// One parser per thread: a parser is not thread-safe, and the lock a shared one needs showed up as
    /// Monitor.Enter_Slowpath in 7 % of the CPU samples of a bench run (dotnet-trace, sampled thread time).
    /// </summary>
    [ThreadStatic]
    private static HtmlParser? parser;

    /// <summary>Parses bytes decoded with <paramref name="encoding"/> (decided by <see cref="CharsetDetector"/>) into one grid per data table.</summary>
    /// <exception cref="ParseException">The page breaks a limit of <paramref name="limits"/> (size, nesting depth, cells).</exception>
    public static IReadOnlyList<Grid> Read(ReadOnlyMemory<byte> bytes, Encoding encoding, string source, ReaderLimits? limits = null)
    {
        limits ??= ReaderLimits.Default;
        if (bytes.Length > limits.MaxHtmlBytes)
            throw ReaderLimits.Broken(source, null, string.Create(CultureInfo.InvariantCulture, $"MaxHtmlBytes = {limits.MaxHtmlBytes}"), $"the page has {bytes.Length} bytes");
        var text = Decode(bytes.Span, encoding);
        if (OpenTagDepth(text, limits.MaxHtmlDepth * 4) > limits.MaxHtmlDepth * 4)
        {
            // Four times the limit: unclosed tags a sloppy page leaves open count here but not in the tree.
            throw ReaderLimits.Broken(source, null, string.Create(CultureInfo.InvariantCulture, $"MaxHtmlDepth = {limits.MaxHtmlDepth}"),
                string.Create(CultureInfo.InvariantCulture, $"the page opens more than {limits.MaxHtmlDepth * 4} elements without closing them"));
        }

        return ToGrids(ParseDocument(text), source, limits);
    }

    /// <summary>
    /// How deep the page's markup nests, counted on the text before any parsing: the tree builder spends time
    /// quadratic in the depth (20 000 nested tables took bench fuzz past 10 s), so a hostile page is refused first.
    /// Elements whose end tag HTML lets a page omit (<c>td</c>, <c>tr</c>, <c>p</c>, <c>li</c>, …) and void elements are
    /// not counted; stops counting past <paramref name="limit"/>.
    /// </summary>
    internal static int OpenTagDepth(string text, int limit)
    {
        var depth = 0;
        var deepest = 0;
        for (var i = text.IndexOf('<', StringComparison.Ordinal); i >= 0 && i + 1 < text.Length; i = text.IndexOf('<', i + 1))
        {
            var closing = text[i + 1] == '/';
            var start = closing ? i + 2 : i + 1;
            var end = start;
            while (end < text.Length && char.IsAsciiLetterOrDigit(text[end]))
                end++;
            if (end == start || !char.IsAsciiLetter(text[start]) || NotCounted(text.AsSpan(start, end - start)))
                continue;
            if (closing)
            {
                depth = Math.Max(0, depth - 1);
                continue;
            }

            var close = text.IndexOf('>', end);
            if (close > 0 && text[close - 1] == '/')
                continue; // <x/>
            deepest = Math.Max(deepest, ++depth);
            if (deepest > limit)
                break;
        }

        return deepest;
    }

    private static bool NotCounted(ReadOnlySpan<char> name) =>
        name.Length <= 2 && (name.Equals("td", StringComparison.OrdinalIgnoreCase) || name.Equals("tr", StringComparison.OrdinalIgnoreCase) ||
                             name.Equals("th", StringComparison.OrdinalIgnoreCase) || name.Equals("p", StringComparison.OrdinalIgnoreCase) ||
                             name.Equals("li", StringComparison.OrdinalIgnoreCase) || name.Equals("br", StringComparison.OrdinalIgnoreCase) ||
                             name.Equals("hr", StringComparison.OrdinalIgnoreCase) || name.Equals("dt", StringComparison.OrdinalIgnoreCase) ||
                             name.Equals("dd", StringComparison.OrdinalIgnoreCase)) ||
        name.Equals("img", StringComparison.OrdinalIgnoreCase) || name.Equals("meta", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("link", StringComparison.OrdinalIgnoreCase) || name.Equals("input", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("col", StringComparison.OrdinalIgnoreCase) || name.Equals("area", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("base", StringComparison.OrdinalIgnoreCase) || name.Equals("wbr", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("option", StringComparison.OrdinalIgnoreCase) || name.Equals("thead", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("tbody", StringComparison.OrdinalIgnoreCase) || name.Equals("tfoot", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("colgroup", StringComparison.OrdinalIgnoreCase) || name.Equals("param", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("source", StringComparison.OrdinalIgnoreCase) || name.Equals("embed", StringComparison.OrdinalIgnoreCase);

    /// <summary>The AngleSharp phase alone (decoding, tokenising, tree building); split out so the bench can time it.</summary>
    internal static IHtmlDocument ParseDocument(ReadOnlyMemory<byte> bytes, Encoding encoding) => ParseDocument(Decode(bytes.Span, encoding));

    /// <summary>AngleSharp's tokenising and tree building over text already decoded.</summary>
    internal static IHtmlDocument ParseDocument(string text)
    {
        parser ??= new HtmlParser(ParserOptions);
        return parser.ParseDocument(text.AsMemory());
    }

    /// <summary>
    /// AngleSharp's tokenizer alone over decoded text, with the parser's options (no tree built): the floor of any reader
    /// built on AngleSharp, which <c>bench parse</c> prints beside our reader. Returns the number of tokens.
    /// </summary>
    internal static int Tokenize(string text)
    {
        using var source = new AngleSharp.Text.TextSource(text);
        using var tokenizer = new HtmlTokenizer(source, AngleSharp.Html.HtmlEntityProvider.Resolver)
        {
            SkipComments = ParserOptions.SkipComments,
            SkipScriptText = ParserOptions.SkipScriptText,
            SkipRawText = ParserOptions.SkipRawText,
            ShouldEmitAttribute = ParserOptions.ShouldEmitAttribute!,
        };
        var tokens = 0;
        while (tokenizer.GetStructToken().Type != HtmlTokenType.EndOfFile)
            tokens++;
        return tokens;
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

    /// <summary>
    /// Our phase: the page's data tables, one grid each. A table that holds tables is layout: its cells are walked like
    /// blocks of the page. Text before a table is that table's preamble (title, unit), except footnotes right after the
    /// previous table, which are its notes; text after the last table is its notes.
    /// </summary>
    internal static IReadOnlyList<Grid> ToGrids(IHtmlDocument document, string source, ReaderLimits? limits = null)
    {
        limits ??= ReaderLimits.Default;
        var walker = new PageWalker(source, limits);
        if (document.Body is { } body)
        {
            if (Depth(body) is var depth && depth > limits.MaxHtmlDepth)
            {
                throw ReaderLimits.Broken(source, null, string.Create(CultureInfo.InvariantCulture, $"MaxHtmlDepth = {limits.MaxHtmlDepth}"),
                    string.Create(CultureInfo.InvariantCulture, $"elements nest {depth} deep"));
            }

            walker.Walk(body);
        }

        return walker.Finish();
    }

    /// <summary>
    /// Whether a table element sits anywhere below <paramref name="root"/>: what <c>QuerySelector("table")</c> answers,
    /// walked by hand because the selector is parsed and matched anew on every call (a tenth of the grid phase in bench parse).
    /// </summary>
    private static bool HoldsTable(IElement root)
    {
        var stack = new Stack<IElement>();
        for (var child = root.FirstElementChild; child is not null; child = child.NextElementSibling)
            stack.Push(child);
        while (stack.Count > 0)
        {
            var element = stack.Pop();
            if (element is IHtmlTableElement)
                return true;
            for (var child = element.FirstElementChild; child is not null; child = child.NextElementSibling)
                stack.Push(child);
        }

        return false;
    }

    /// <summary>Deepest element nesting below <paramref name="root"/>, found without recursion (the page may be hostile).</summary>
    private static int Depth(IElement root)
    {
        var deepest = 0;
        var stack = new Stack<(IElement Element, int Depth)>();
        stack.Push((root, 1));
        while (stack.Count > 0)
        {
            var (element, depth) = stack.Pop();
            deepest = Math.Max(deepest, depth);
            for (var child = element.FirstElementChild; child is not null; child = child.NextElementSibling)
                stack.Push((child, depth + 1));
        }

        return deepest;
    }

    /// <summary>Walks a page in document order, cutting it into one grid per data table.</summary>
    private sealed class PageWalker(string source, ReaderLimits limits)
    {
        private readonly List<List<GridCell[]>> grids = [];
        private List<GridCell[]> pending = [];
        private int tableIndex;
        private long cells;

        public void Walk(IElement element)
        {
            foreach (var node in element.ChildNodes)
            {
                if (node is IText bare)
                {
                    // Text straight inside <body> or a <div> (no <p> around it), e.g. a unit line before the table.
                    foreach (var line in bare.Data.Split('\n'))
                        AddLine(line);
                    continue;
                }

                if (node is not IElement child || child.LocalName is "script" or "style")
                    continue;
                if (child is IHtmlTableElement table && !HoldsTable(table))
                {
                    StartGrid();
                    ExpandTable(table, ++tableIndex, grids[^1], Count);
                }
                else if (child is IHtmlTableElement layout)
                {
                    foreach (var row in layout.Rows)
                    {
                        foreach (var cell in row.Cells)
                            Walk(cell);
                    }
                }
                else if (HoldsTable(child))
                {
                    Walk(child);
                }
                else
                {
                    foreach (var line in TextLines(child))
                        AddLine(line);
                }
            }
        }

        private void AddLine(string line)
        {
            if (LabelText.IsBlank(line))
                return;
            var text = line.Trim();
            Count(1);
            pending.Add([new GridCell(text, $"text '{Shorten(text)}'", 0, 1)]);
        }

        private void Count(int added)
        {
            cells += added;
            if (cells > limits.MaxCells)
                throw ReaderLimits.Broken(source, null, string.Create(CultureInfo.InvariantCulture, $"MaxCells = {limits.MaxCells}"), "the page holds more cells than that");
        }

        /// <summary>Footnotes right after the previous table stay its notes; the other pending lines open the new grid.</summary>
        private void StartGrid()
        {
            var firstOwn = 0;
            if (grids.Count > 0)
            {
                while (firstOwn < pending.Count && LineKinds.IsFootnote(pending[firstOwn][0].Text))
                    firstOwn++;
                grids[^1].AddRange(pending.Take(firstOwn));
            }

            grids.Add(pending.Skip(firstOwn).ToList());
            pending = [];
        }

        public IReadOnlyList<Grid> Finish()
        {
            if (grids.Count == 0)
                grids.Add([]);
            grids[^1].AddRange(pending);
            var result = new List<Grid>(grids.Count);
            foreach (var rows in grids)
            {
                var width = rows.Count == 0 ? 0 : rows.Max(r => r.Length);
                Count((int)Math.Min(int.MaxValue, (long)width * rows.Count - rows.Sum(r => (long)r.Length)));
                for (var i = 0; i < rows.Count; i++)
                {
                    if (rows[i].Length < width)
                        rows[i] = Pad(rows[i], width, i);
                }

                result.Add(new Grid(source, rows));
            }

            return result;
        }
    }

    private static GridCell[] Pad(GridCell[] row, int width, int rowIndex)
    {
        var padded = new GridCell[width];
        Array.Copy(row, padded, row.Length);
        for (var c = row.Length; c < width; c++)
            padded[c] = GridCell.Empty(row.Length > 0 ? row[0].Location : $"row {rowIndex + 1}", c);
        return padded;
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
    private static void ExpandTable(IHtmlTableElement table, int tableIndex, List<GridCell[]> output, Action<int> count)
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
                var rowSpan = Math.Clamp(cell.RowSpan, 1, MaxSpan);
                var colSpan = Math.Clamp(cell.ColumnSpan, 1, MaxSpan);
                count(rowSpan * colSpan);
                var text = CellText(cell);
                var location = tableIndex == 1
                    ? CellLocations.RowCol1(rowIndex, col)
                    : string.Create(CultureInfo.InvariantCulture, $"table {tableIndex}, row {rowIndex + 1}, col {col + 1}");
                var gridCell = new GridCell(text, location, col, colSpan, StoredNumber(cell), false);
                if (gridCell.Stored is not null && text.AsSpan().TrimEnd().EndsWith("%", StringComparison.Ordinal))
                    gridCell = gridCell with { IsPercent = true };
                for (var dr = 0; dr < rowSpan; dr++)
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

    /// <summary>Largest rowspan or colspan honoured, as browsers clamp them.</summary>
    private const int MaxSpan = 1000;

    /// <summary>
    /// Excel's web pages store each number beside its displayed text: <c>x:num="0.123"</c> on a cell showing
    /// <c>12.3%</c>, or a bare <c>x:num</c> when the text is the number itself (then nothing is stored apart).
    /// </summary>
    private static double? StoredNumber(IElement cell) =>
        cell.GetAttribute("x:num") is { Length: > 0 } num &&
        double.TryParse(num, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : null;

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
