using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using AngleSharp.Text;
using Warehouse.Etl.Vocabulary;

namespace Warehouse.Etl.Parsing;

/// <summary>
/// Walks a page tree in document order, cutting it into one grid per data table. A table that holds tables is layout:
/// its cells are walked like blocks of the page. Text before a table is that table's preamble (title, unit), except
/// footnotes right after the previous table, which are its notes; text after the last table is its notes.
/// </summary>
internal sealed class PageGridWalker(string source, ReaderLimits limits)
{
    /// <summary>Largest rowspan or colspan honoured, as browsers clamp them.</summary>
    private const int MaxSpan = 1000;

    private readonly List<List<GridCell[]>> grids = [];
    private List<GridCell[]> pending = [];
    private int tableIndex;
    private long cells;

    /// <summary>The grids of the page whose body is <paramref name="body"/> (one empty grid when it holds nothing).</summary>
    /// <exception cref="ParseException">The page breaks <see cref="ReaderLimits.MaxHtmlDepth"/> or <see cref="ReaderLimits.MaxCells"/>.</exception>
    public static IReadOnlyList<Grid> ToGrids(PageNode? body, string source, ReaderLimits limits)
    {
        var walker = new PageGridWalker(source, limits);
        if (body is not null)
        {
            if ((body.CountedDepth ?? Depth(body)) is var depth && depth > limits.MaxHtmlDepth)
            {
                throw ReaderLimits.Broken(source, null, string.Create(CultureInfo.InvariantCulture, $"MaxHtmlDepth = {limits.MaxHtmlDepth}"),
                    string.Create(CultureInfo.InvariantCulture, $"elements nest {depth} deep"));
            }

            walker.Walk(body);
        }

        return walker.Finish();
    }

    /// <summary>Deepest element nesting below <paramref name="root"/>, found without recursion (the page may be hostile).</summary>
    internal static int Depth(PageNode root)
    {
        var deepest = 0;
        var stack = new Stack<(PageNode Element, int Depth)>();
        stack.Push((root, 1));
        while (stack.Count > 0)
        {
            var (element, depth) = stack.Pop();
            deepest = Math.Max(deepest, depth);
            for (var child = element.FirstChild; child is not null; child = child.NextSibling)
            {
                if (!child.IsText)
                    stack.Push((child, depth + 1));
            }
        }

        return deepest;
    }

    private void Walk(PageNode element)
    {
        if (element.SoleText is { } sole)
        {
            foreach (var line in sole.Split('\n'))
                AddLine(line);
        }

        for (var node = element.FirstChild; node is not null; node = node.NextSibling)
        {
            if (node.IsText)
            {
                // Text straight inside <body> or a <div> (no <p> around it), e.g. a unit line before the table.
                foreach (var line in node.Text.Split('\n'))
                    AddLine(line);
                continue;
            }

            if (node.Name is "script" or "style")
                continue;
            if (node.Name == "table" && !node.HoldsTable)
            {
                StartGrid();
                ExpandTable(node, ++tableIndex, grids[^1]);
            }
            else if (node.Name == "table")
            {
                foreach (var row in node.TableRows())
                {
                    for (var cell = row.FirstChild; cell is not null; cell = cell.NextSibling)
                    {
                        if (cell.Name is "td" or "th")
                            Walk(cell);
                    }
                }
            }
            else if (node.HoldsTable)
            {
                Walk(node);
            }
            else
            {
                foreach (var line in CellText(node).Split('\n'))
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

    private List<Grid> Finish()
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

    private static GridCell[] Pad(GridCell[] row, int width, int rowIndex)
    {
        var padded = new GridCell[width];
        Array.Copy(row, padded, row.Length);
        for (var c = row.Length; c < width; c++)
            padded[c] = GridCell.Empty(row.Length > 0 ? row[0].Location : $"row {rowIndex + 1}", c);
        return padded;
    }

    private static string Shorten(string s) => s.Length <= 20 ? s : s[..20] + "…";

    /// <summary>Text of a cell with <c>&lt;br&gt;</c> and block boundaries kept as line breaks.</summary>
    private static string CellText(PageNode element)
    {
        if (element.OnlyText is { } only)
            return only; // the usual cell: one text, no builder in between
        var sb = new StringBuilder();
        AppendText(element, sb);
        return sb.ToString();
    }

    private static void AppendText(PageNode node, StringBuilder sb)
    {
        sb.Append(node.SoleText);
        for (var child = node.FirstChild; child is not null; child = child.NextSibling)
        {
            switch (child.Name)
            {
                case null:
                    sb.Append(child.Text);
                    break;
                case "br":
                    sb.Append('\n');
                    break;
                case "p" or "div" or "li" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "tr":
                    sb.Append('\n');
                    AppendText(child, sb);
                    sb.Append('\n');
                    break;
                case "script" or "style":
                    break;
                default:
                    AppendText(child, sb);
                    break;
            }
        }
    }

    /// <summary>Expands rowspan/colspan into a rectangular block of rows; locations are <c>row r, col c</c> within the table.</summary>
    private void ExpandTable(PageNode table, int index, List<GridCell[]> output)
    {
        var expanded = new List<RowBuilder>();
        var rowIndex = 0;
        var widest = 0; // rows are mostly as wide as the one before: sized so, a row needs no trimmed copy
        foreach (var tr in table.TableRows())
        {
            if (rowIndex > 0)
                widest = Math.Max(widest, expanded[rowIndex - 1].Length);
            while (expanded.Count <= rowIndex)
                expanded.Add(new RowBuilder(widest));
            var col = 0;
            var current = expanded[rowIndex];
            for (var cell = tr.FirstChild; cell is not null; cell = cell.NextSibling)
            {
                if (cell.Name is not ("td" or "th"))
                    continue;
                while (col < current.Length && current.IsFilled(col))
                    col++;
                var rowSpan = Math.Clamp(cell.RowSpan.ToInteger(0), 1, MaxSpan);
                var colSpan = Math.Clamp(cell.ColSpan.ToInteger(0), 1, MaxSpan);
                Count(rowSpan * colSpan);
                var text = CellText(cell);
                var location = index == 1
                    ? CellLocations.RowCol1(rowIndex, col)
                    : string.Create(CultureInfo.InvariantCulture, $"table {index}, row {rowIndex + 1}, col {col + 1}");
                var gridCell = new GridCell(text, location, col, colSpan, StoredNumber(cell), false);
                if (gridCell.Stored is not null && text.AsSpan().TrimEnd().EndsWith("%", StringComparison.Ordinal))
                    gridCell = gridCell with { IsPercent = true };
                for (var dr = 0; dr < rowSpan; dr++)
                {
                    while (expanded.Count <= rowIndex + dr)
                        expanded.Add(new RowBuilder(widest));
                    expanded[rowIndex + dr].Fill(col, colSpan, in gridCell);
                }

                col += colSpan;
            }

            rowIndex++;
        }

        for (var r = 0; r < expanded.Count; r++)
            output.Add(expanded[r].ToRow(r));
    }

    /// <summary>
    /// Excel's web pages store each number beside its displayed text: <c>x:num="0.123"</c> on a cell showing
    /// <c>12.3%</c>, or a bare <c>x:num</c> when the text is the number itself (then nothing is stored apart).
    /// </summary>
    private static double? StoredNumber(PageNode cell) =>
        cell.XNum is { Length: > 0 } num &&
        double.TryParse(num, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : null;

    /// <summary>
    /// One table row while spans are expanded into it: starts as wide as the widest row before it (32 cells for a
    /// table's first row), grows by doubling (not one cell at a time) and is trimmed to the last covered column at the
    /// end; unfilled positions have a null text.
    /// </summary>
    private sealed class RowBuilder(int width)
    {
        private GridCell[] cells = new GridCell[width > 0 ? width : 32];

        /// <summary>One past the last column any cell or span covers.</summary>
        public int Length { get; private set; }

        public bool IsFilled(int column) => cells[column].Text is not null;

        [MethodImpl(MethodImplOptions.AggressiveInlining)] // once per cell
        public void Fill(int column, int span, in GridCell cell)
        {
            var end = column + span;
            if (end > cells.Length)
                Array.Resize(ref cells, Math.Max(end, cells.Length * 2));
            if (span == 1)
                cells[column] = cell; // most cells: one store, no fill loop
            else
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
