namespace Warehouse.Demo.Formats;

/// <summary>How a cell looks; each writer maps it to its own styling (xlsx style index, Excel-HTML class).</summary>
internal enum CellStyle { Plain, Title, Unit, Header, Stub, Number, Note }

/// <summary>One cell of a sheet as the publisher typed it.</summary>
/// <param name="Text">The text shown; for numbers the digits exactly as printed.</param>
/// <param name="Style">Look of the cell.</param>
/// <param name="IsNumber">Stored as a number (xlsx <c>&lt;v&gt;</c>, HTML <c>x:num</c>) rather than as text.</param>
internal sealed record GridCell(string Text, CellStyle Style, bool IsNumber = false);

/// <summary>A merged block: top-left cell plus spans (Excel merge / HTML rowspan+colspan).</summary>
internal sealed record GridMerge(int Row, int Column, int RowSpan, int ColumnSpan);

/// <summary>A worksheet-shaped table (rows of cells, merges), written as xlsx or as an Excel web page.</summary>
internal sealed class Grid(int columnCount)
{
    private readonly List<GridCell?[]> rows = [];
    private readonly List<GridMerge> merges = [];

    public int ColumnCount { get; } = columnCount;

    public IReadOnlyList<GridCell?[]> Rows => rows;

    public IReadOnlyList<GridMerge> Merges => merges;

    /// <summary>Column widths in Excel character units (one per column).</summary>
    public double[] ColumnWidths { get; } = Enumerable.Repeat(10.0, columnCount).ToArray();

    /// <summary>Appends a row; returns its zero-based index.</summary>
    public int AddRow(params GridCell?[] cells)
    {
        if (cells.Length > ColumnCount)
        {
            throw new ArgumentException($"row has {cells.Length} cells, the grid {ColumnCount} columns", nameof(cells));
        }

        var row = new GridCell?[ColumnCount];
        Array.Copy(cells, row, cells.Length);
        rows.Add(row);
        return rows.Count - 1;
    }

    /// <summary>Appends an empty spacer row.</summary>
    public int AddBlankRow() => AddRow();

    public void Merge(int row, int column, int rowSpan, int columnSpan)
    {
        if (rowSpan > 1 || columnSpan > 1)
        {
            merges.Add(new GridMerge(row, column, rowSpan, columnSpan));
        }
    }

    /// <summary>A row holding one text across the full width (titles, unit lines, notes).</summary>
    public int AddSpanningRow(string text, CellStyle style)
    {
        var row = AddRow(new GridCell(text, style));
        Merge(row, 0, 1, ColumnCount);
        return row;
    }
}
