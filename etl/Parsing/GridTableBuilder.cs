using Warehouse.Etl.Vocabulary;

namespace Warehouse.Etl.Parsing;

/// <summary>
/// Finds the tables in a grid: title and unit lines, multi-row header, stub and body, footnotes, and
/// "continued" parts (merged into the first part when the header repeats; kept as their own table otherwise).
/// </summary>
public static class GridTableBuilder
{
    private enum Zone
    {
        Preamble,
        Header,
        Body,
        Notes,
    }

    /// <summary>Builds every table found in the grid (in order; side-by-side blocks left to right).</summary>
    public static IReadOnlyList<RawTable> Build(Grid grid)
    {
        var tables = new List<RawTable>();
        foreach (var panel in GridPanels.Split(grid))
            AddTables(panel, tables);
        return tables;
    }

    /// <summary>
    /// Builds the tables of a page cut into one grid per HTML table, in order: a continued table (续表) in a later grid
    /// joins the one before it, and a grid that yields no table (a one-cell title table) lends its one-text rows
    /// (title, unit) to the next grid's preamble; its other rows (a navigation bar) are dropped.
    /// </summary>
    public static IReadOnlyList<RawTable> Build(IReadOnlyList<Grid> grids)
    {
        var tables = new List<RawTable>();
        List<GridCell[]> carried = [];
        foreach (var original in grids)
        {
            var grid = carried.Count == 0 ? original : new Grid(original.Source, [.. carried, .. original.Rows]);
            var before = tables.Count;
            foreach (var panel in GridPanels.Split(grid))
                AddTables(panel, tables);
            carried = tables.Count == before ? [.. grid.Rows.Where(r => CountTexts(r) == 1)] : [];
        }

        return tables;
    }

    private static void AddTables(Grid grid, List<RawTable> tables)
    {
        foreach (var segment in SplitSegments(grid))
        {
            var table = BuildTable(grid, segment);
            if (table is null)
                continue;
            var previous = tables.Count > 0 ? tables[^1] : null;
            if (previous is not null && table.IsContinuation && SameColumns(previous, table))
            {
                tables[^1] = Append(previous, table);
                continue;
            }

            if (previous is not null && table.IsContinuation)
            {
                // A continuation with other columns: same table, further columns; keep the first part's title and units.
                table = new RawTable
                {
                    Source = table.Source, Title = previous.Title, TableNumber = previous.TableNumber ?? table.TableNumber,
                    TitleLines = table.TitleLines, UnitLines = table.UnitLines.Count > 0 ? table.UnitLines : previous.UnitLines,
                    HeaderRows = table.HeaderRows, StubLabel = table.StubLabel, Columns = table.Columns, Rows = table.Rows,
                    Footnotes = table.Footnotes, Year = table.Year ?? previous.Year, IsContinuation = true,
                };
            }

            tables.Add(table);
        }
    }

    private sealed class Segment
    {
        public List<string> TitleLines { get; } = [];
        public List<string> UnitLines { get; } = [];
        public List<int> HeaderRows { get; } = [];
        public List<int> BodyRows { get; } = [];
        public List<string> Notes { get; } = [];

        /// <summary>Started by a repeated header without a title: a continuation of the table before it.</summary>
        public bool ImplicitContinuation { get; init; }
    }

    private static List<Segment> SplitSegments(Grid grid)
    {
        var segments = new List<Segment>();
        var current = new Segment();
        var zone = Zone.Preamble;
        for (var r = 0; r < grid.Rows.Count; r++)
        {
            var row = grid.Rows[r];
            var count = CountTexts(row);
            if (count == 0)
                continue; // spacer rows carry nothing, wherever they are

            // Most rows are data rows with many cells: their texts are only normalised when a rule needs them.
            var texts = count <= 2 || zone == Zone.Notes ? DistinctTexts(row) : null;
            var isText = count == 1 && !IsDataRow(row, zone == Zone.Body);
            if (zone is Zone.Body or Zone.Notes && isText && LineKinds.IsTitle(texts![0]) && !LineKinds.IsFootnote(texts[0]))
            {
                segments.Add(current);
                current = new Segment();
                zone = Zone.Preamble;
            }

            switch (zone)
            {
                case Zone.Preamble:
                    if (texts is not null && IsPreambleRow(texts) && !IsDataRow(row, false))
                    {
                        foreach (var t in texts)
                        {
                            if (LineKinds.IsUnitLine(t))
                                current.UnitLines.Add(t);
                            else if (current.TitleLines.Count > 0 && LineKinds.IsFootnote(t))
                                current.Notes.Add(t);
                            else
                                current.TitleLines.Add(t);
                        }

                        break;
                    }

                    zone = IsDataRow(row, false) ? Zone.Body : Zone.Header;
                    (zone == Zone.Body ? current.BodyRows : current.HeaderRows).Add(r);
                    break;
                case Zone.Header:
                    if (IsDataRow(row, false))
                    {
                        zone = Zone.Body;
                        current.BodyRows.Add(r);
                    }
                    else
                    {
                        current.HeaderRows.Add(r);
                    }

                    break;
                case Zone.Body:
                    if (IsDataRow(row, true) || IsUnlabelledNumbers(row))
                    {
                        current.BodyRows.Add(r);
                    }
                    else if (isText && LineKinds.IsUnitLine(texts![0]))
                    {
                        current.UnitLines.Add(texts[0]);
                    }
                    else if (isText && !LineKinds.IsFootnote(texts![0]) && IsStubOnly(row))
                    {
                        current.Notes.Add(texts[0]); // a group heading inside the stub ("按地区分"): kept as a note
                    }
                    else if (!isText)
                    {
                        // The header printed again (a page break in a long table): the table continues below it.
                        segments.Add(current);
                        current = new Segment { ImplicitContinuation = true };
                        zone = Zone.Header;
                        current.HeaderRows.Add(r);
                    }
                    else
                    {
                        zone = Zone.Notes;
                        current.Notes.Add(string.Join(" ", texts!));
                    }

                    break;
                case Zone.Notes:
                    current.Notes.Add(string.Join(" ", texts!));
                    break;
            }
        }

        segments.Add(current);
        return segments;
    }

    /// <summary>A row whose only text sits in the first two columns.</summary>
    private static bool IsStubOnly(GridCell[] row)
    {
        for (var c = 2; c < row.Length; c++)
        {
            if (!row[c].IsBlank)
                return false;
        }

        return true;
    }

    private static bool IsPreambleRow(List<string> texts) =>
        texts.Count == 1 || texts.Count == 2 && (LineKinds.IsUnitLine(texts[0]) || LineKinds.IsUnitLine(texts[1]));

    /// <summary>How many distinct non-blank cells a row has (a span counts once), without normalising any text.</summary>
    private static int CountTexts(GridCell[] row)
    {
        var count = 0;
        var lastStart = -1;
        foreach (var cell in row)
        {
            if (cell.SpanStart == lastStart || cell.IsBlank)
                continue;
            lastStart = cell.SpanStart;
            count++;
        }

        return count;
    }

    /// <summary>Distinct non-blank texts of a row, in order (a span copied over several columns counts once).</summary>
    private static List<string> DistinctTexts(GridCell[] row)
    {
        var result = new List<string>();
        var lastStart = -1;
        foreach (var cell in row)
        {
            if (cell.IsBlank || cell.SpanStart == lastStart)
                continue;
            lastStart = cell.SpanStart;
            result.Add(LabelText.Normalize(cell.Text));
        }

        return result;
    }

    /// <summary>
    /// A data row has a stub label and a number (a year-like integer counts only once the body has begun, so a
    /// header of years is not mistaken for data), or a stub that names a place (a row of all-missing values).
    /// </summary>
    private static bool IsDataRow(GridCell[] row, bool inBody)
    {
        var stub = row.Length > 0 ? LabelText.Normalize(row[0].Text) : string.Empty;
        if (stub.Length == 0)
            return false;
        var hasNumber = false;
        var cellsAfterStub = 0;
        for (var c = 1; c < row.Length; c++)
        {
            if (row[c].SpanStart != c)
                continue;
            var text = row[c].Text;
            if (LabelText.IsBlank(text))
                continue;
            cellsAfterStub++;
            if (row[c].Stored is null && !CellValueParser.Classify(text).IsNumber)
                continue;
            if (!CellValueParser.IsYearLike(text, out _))
                return true; // the common case, decided without looking the stub up
            hasNumber = true;
        }

        if (hasNumber && (inBody || CellValueParser.IsYearLike(stub, out _)))
            return true;
        return SafeResolve(stub) != PlaceKind.Unknown && (cellsAfterStub > 0 || inBody);
    }

    /// <summary>
    /// A body row without a stub label whose cells are all numbers, not all year-like (a value row printed one
    /// line below its label, as Tibet's in the 2018 S&amp;T trade table): a body row with an empty label, never a
    /// repeated header that would start a new table with numbers as column labels.
    /// </summary>
    private static bool IsUnlabelledNumbers(GridCell[] row)
    {
        if (row.Length == 0 || !row[0].IsBlank)
            return false;
        var allYears = true;
        var any = false;
        for (var c = 1; c < row.Length; c++)
        {
            if (row[c].SpanStart != c || row[c].IsBlank)
                continue;
            var text = row[c].Text;
            if (row[c].Stored is null && !CellValueParser.Classify(text).IsNumber)
                return false;
            any = true;
            allYears &= CellValueParser.IsYearLike(text, out _);
        }

        return any && !allYears;
    }

    private static PlaceKind SafeResolve(string label)
    {
        try
        {
            return ProvinceCatalog.Resolve(label).Kind;
        }
        catch (FormatException)
        {
            return PlaceKind.Province; // a contradictory bilingual label is still a data row; the profile reports it
        }
    }

    private static RawTable? BuildTable(Grid grid, Segment segment)
    {
        if (segment.BodyRows.Count == 0)
            return null;
        var width = grid.Rows.Max(r => r.Length);
        var bodyRows = RowsAt(grid, segment.BodyRows);
        var headerRows = RowsAt(grid, segment.HeaderRows);

        var stubCount = StubColumnCount(bodyRows, width);
        var dataColumns = new List<int>();
        for (var c = stubCount; c < width; c++)
        {
            if (AnyFilled(bodyRows, c) || AnyFilled(headerRows, c))
                dataColumns.Add(c);
        }

        var headerTexts = NormalizedTexts(headerRows);
        var columns = BuildColumns(headerRows, headerTexts, dataColumns);
        var rows = new List<RawRow>(bodyRows.Count);
        foreach (var row in bodyRows)
        {
            // Markers are stripped per stub cell: "北京①" beside "Beijing" must not leave "北京① Beijing".
            var stubParts = new string[stubCount];
            string? note = null;
            for (var c = 0; c < stubCount; c++)
            {
                var part = LabelText.StripMarker(c < row.Length ? LabelText.Normalize(row[c].Text) : string.Empty, out var marker);
                note ??= marker;
                stubParts[c] = part;
            }

            var label = JoinNonEmpty(stubParts);
            var cells = new RawCell[dataColumns.Count];
            for (var i = 0; i < dataColumns.Count; i++)
            {
                var c = dataColumns[i];
                if (c >= row.Length)
                    cells[i] = CellValueParser.Parse(string.Empty, $"col {c + 1}");
                else if (CellValueParser.PlainValue(row[c]) is { } plain)
                    cells[i] = new RawCell(row[c].Text, plain, false, false, row[c].Location, null); // as Parse makes it
                else
                    cells[i] = CellValueParser.Parse(row[c]);
            }

            rows.Add(new RawRow(label, stubParts, cells, row[0].Location, note));
        }

        var titleLines = segment.TitleLines;
        var (title, tableNumber) = Title(titleLines);
        return new RawTable
        {
            Source = grid.Source,
            Title = title,
            TableNumber = tableNumber,
            TitleLines = titleLines,
            UnitLines = segment.UnitLines,
            HeaderRows = headerTexts,
            StubLabel = StubLabel(headerTexts, stubCount),
            Columns = columns,
            Rows = rows,
            Footnotes = segment.Notes,
            Year = TitleYear(titleLines),
            IsContinuation = segment.ImplicitContinuation || titleLines.Exists(LineKinds.IsContinuation),
        };
    }

    // The helpers below run once per table with loops, not LINQ: on a page of one 32-row table, the iterators and
    // delegates of these few lines were some 3 % of the HTML reader's time (perf, bench parse corpus).

    /// <summary>The first title line that carries a table number (with that number), else the first line.</summary>
    private static (string Title, string? TableNumber) Title(List<string> titleLines)
    {
        foreach (var line in titleLines)
        {
            if (LineKinds.TableNumber(line) is { } number)
                return (line, number);
        }

        return (titleLines.Count == 0 ? string.Empty : titleLines[0], null);
    }

    /// <summary>The year the first title line that names one names.</summary>
    private static int? TitleYear(List<string> titleLines)
    {
        foreach (var line in titleLines)
        {
            if (LineKinds.TitleYear(line) is { } year)
                return year;
        }

        return null;
    }

    /// <summary>Every cell of every row, normalised.</summary>
    private static List<IReadOnlyList<string>> NormalizedTexts(List<GridCell[]> rows)
    {
        var result = new List<IReadOnlyList<string>>(rows.Count);
        foreach (var row in rows)
        {
            var texts = new string[row.Length];
            for (var c = 0; c < row.Length; c++)
                texts[c] = LabelText.Normalize(row[c].Text);
            result.Add(texts);
        }

        return result;
    }

    /// <summary>The header's distinct non-empty stub texts, row by row, joined with a space (e.g. <c>地区 Region</c>).</summary>
    private static string StubLabel(List<IReadOnlyList<string>> headerTexts, int stubCount)
    {
        // Seen in a set: a hostile page can make thousands of stub columns, and a list's Contains would be quadratic in them.
        var parts = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in headerTexts)
        {
            for (var c = 0; c < stubCount && c < row.Count; c++)
            {
                if (row[c].Length > 0 && seen.Add(row[c]))
                    parts.Add(row[c]);
            }
        }

        return string.Join(' ', parts);
    }

    private static List<GridCell[]> RowsAt(Grid grid, List<int> indexes)
    {
        var rows = new List<GridCell[]>(indexes.Count);
        foreach (var r in indexes)
            rows.Add(grid.Rows[r]);
        return rows;
    }

    /// <summary>Whether any of the rows has a non-blank cell in <paramref name="column"/>.</summary>
    private static bool AnyFilled(List<GridCell[]> rows, int column)
    {
        foreach (var row in rows)
        {
            if (column < row.Length && !row[column].IsBlank)
                return true;
        }

        return false;
    }

    /// <summary>The non-empty parts joined with a space, without an iterator for the usual stubs (one part, or all parts filled).</summary>
    private static string JoinNonEmpty(string[] parts)
    {
        string? only = null;
        var count = 0;
        foreach (var part in parts)
        {
            if (part.Length == 0)
                continue;
            only = part;
            count++;
        }

        return count switch
        {
            0 => string.Empty,
            1 => only!,
            _ when count == parts.Length => string.Join(' ', parts),
            _ => string.Join(' ', parts.Where(p => p.Length > 0)),
        };
    }

    /// <summary>
    /// Column 0 is always the stub; the following columns are stub too while every body cell in them is text
    /// (neither a number nor a missing marker), e.g. the English name column beside the Chinese one, empty spacer
    /// columns between them included.
    /// </summary>
    private static int StubColumnCount(List<GridCell[]> body, int width)
    {
        var count = 1;
        for (var c = 1; c < width; c++)
        {
            var anyText = false;
            var allText = true;
            foreach (var row in body)
            {
                if (c >= row.Length || row[c].IsBlank)
                    continue;
                if (row[c].Stored is null && CellValueParser.Classify(row[c].Text).IsText)
                    anyText = true;
                else
                    allText = false;
            }

            if (!anyText && allText)
                continue; // an empty spacer column between the Chinese and the English stub
            if (!allText)
                break;
            count = c + 1;
        }

        return count;
    }

    /// <summary>
    /// Header path per column, top to bottom. Fragments of the same width are one label split over rows
    /// (rejoined); a wider cell above a narrower one is a level of its own (joined with <c> / </c>).
    /// </summary>
    private static List<RawColumn> BuildColumns(List<GridCell[]> header, List<IReadOnlyList<string>> headerTexts, List<int> dataColumns)
    {
        var columns = new List<RawColumn>(dataColumns.Count);
        int? lastParent = null;
        foreach (var c in dataColumns)
        {
            var levels = new List<string>();
            var current = string.Empty;
            var currentWidth = -1;
            var previousText = (string?)null;
            var previousStart = -1;
            for (var r = 0; r < header.Count; r++)
            {
                var row = header[r];
                if (c >= row.Length || row[c].IsBlank)
                    continue;
                var cell = row[c];
                var text = headerTexts[r][c]; // the cell's text, normalised once for every column and the header rows
                if (text == previousText && cell.SpanStart == previousStart)
                    continue; // a vertically merged cell copied into the next row
                previousText = text;
                previousStart = cell.SpanStart;
                if (currentWidth != -1 && cell.SpanWidth != currentWidth)
                {
                    levels.Add(current);
                    current = string.Empty;
                }

                current = LabelText.Join(current, text);
                currentWidth = cell.SpanWidth;
            }

            if (current.Length > 0)
                levels.Add(current);
            var label = string.Join(" / ", levels);
            var last = levels.Count > 0 ? levels[^1] : string.Empty;
            var isOfWhich = last.StartsWith('#') || last.StartsWith('＃') || last.StartsWith("其中", StringComparison.Ordinal);
            string? unit = null; // the lowest level that prints one
            for (var level = levels.Count - 1; level >= 0 && unit is null; level--)
                unit = UnitCatalog.FindUnitInLabel(levels[level]);
            // An "of which" column counts what its parent counts (#发明专利 under 专利申请数 (件)), so it takes the
            // parent's printed unit before the table's unit row can claim it.
            if (unit is null && isOfWhich && lastParent is { } parent)
                unit = columns[parent].Unit;
            columns.Add(new RawColumn(c, label, levels, isOfWhich, isOfWhich ? lastParent : null, unit));
            if (!isOfWhich)
                lastParent = columns.Count - 1;
        }

        return columns;
    }

    private static bool SameColumns(RawTable a, RawTable b) =>
        a.Columns.Count == b.Columns.Count && a.Columns.Zip(b.Columns).All(p => p.First.Label == p.Second.Label);

    private static RawTable Append(RawTable first, RawTable continuation) => new()
    {
        Source = first.Source, Title = first.Title, TableNumber = first.TableNumber, TitleLines = first.TitleLines,
        UnitLines = first.UnitLines, HeaderRows = first.HeaderRows, StubLabel = first.StubLabel, Columns = first.Columns,
        Rows = [.. first.Rows, .. continuation.Rows], Footnotes = [.. first.Footnotes, .. continuation.Footnotes],
        Year = first.Year, IsContinuation = false,
    };
}
