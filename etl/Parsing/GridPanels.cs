namespace Warehouse.Etl.Parsing;

/// <summary>
/// Splits a grid into side-by-side panels: yearbook sheets print a long table's continued block (续表) to the right of
/// the first block, separated by empty columns, each block with its own title, header rows and stub. Read as one
/// grid, one block's header rows sit beside the other's data rows; read as panels, each is an ordinary table.
/// </summary>
internal static class GridPanels
{
    /// <summary>A panel starts after a run of empty columns when its first column has at least this many row labels.</summary>
    private const int MinStubLabels = 3;

    /// <summary>The grid itself when it holds one block, else one grid per block (cell locations kept).</summary>
    public static IReadOnlyList<Grid> Split(Grid grid)
    {
        var width = 0;
        foreach (var row in grid.Rows)
            width = Math.Max(width, row.Length);
        if (width < 3)
            return [grid];

        var starts = new List<int> { 0 };
        var numbersInPanel = 0;
        var previousWasGap = false;
        for (var c = 0; c < width; c++)
        {
            var gap = IsGap(grid, c);
            var (texts, numbers) = gap || !previousWasGap && numbersInPanel >= MinStubLabels ? (0, 0) : Count(grid, c);

            // Both sides must be tables: a blank column between a Chinese and an English stub is no panel break.
            if (previousWasGap && numbersInPanel >= MinStubLabels && texts >= MinStubLabels && texts > numbers)
            {
                starts.Add(c);
                numbersInPanel = 0;
            }

            numbersInPanel += numbers;
            previousWasGap = gap;
        }

        if (starts.Count == 1)
            return [grid];
        var panels = new List<Grid>(starts.Count);
        for (var i = 0; i < starts.Count; i++)
            panels.Add(Slice(grid, starts[i], i + 1 < starts.Count ? starts[i + 1] : width));
        return panels;
    }

    /// <summary>No row has text starting in this column (a span from the left crossing it does not count).</summary>
    private static bool IsGap(Grid grid, int column)
    {
        foreach (var row in grid.Rows)
        {
            if (column < row.Length && !row[column].IsBlank && row[column].SpanStart >= column)
                return false;
        }

        return true;
    }

    /// <summary>How many text cells and numbers start in the column (a stub has more text than numbers).</summary>
    private static (int Texts, int Numbers) Count(Grid grid, int column)
    {
        var texts = 0;
        var numbers = 0;
        foreach (var row in grid.Rows)
        {
            if (column >= row.Length || row[column].IsBlank || row[column].SpanStart != column)
                continue;
            var (isNumber, isText) = row[column].Stored is null ? CellValueParser.Classify(row[column].Text) : (true, false);
            if (isText)
                texts++;
            else if (isNumber)
                numbers++;
        }

        return (texts, numbers);
    }

    private static Grid Slice(Grid grid, int from, int to)
    {
        var rows = new List<GridCell[]>(grid.Rows.Count);
        foreach (var row in grid.Rows)
        {
            var end = Math.Min(to, row.Length);
            var slice = new GridCell[Math.Max(0, end - from)];
            for (var c = from; c < end; c++)
            {
                var cell = row[c];
                var start = Math.Max(cell.SpanStart, from);
                var stop = Math.Min(cell.SpanStart + cell.SpanWidth, to);
                slice[c - from] = cell with { SpanStart = start - from, SpanWidth = Math.Max(1, stop - start) };
            }

            rows.Add(slice);
        }

        return new Grid(grid.Source, rows);
    }
}
