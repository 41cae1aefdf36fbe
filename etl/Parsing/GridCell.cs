using Warehouse.Etl.Vocabulary;

namespace Warehouse.Etl.Parsing;

/// <summary>One cell of a table expanded into a rectangular grid (spans copied into every covered position).</summary>
/// <param name="Text">The cell's text as displayed (line breaks kept, not yet normalised).</param>
/// <param name="Location">Where the cell sits in the source: an A1 reference or <c>row r, col c</c>.</param>
/// <param name="SpanStart">Grid column where the (possibly merged) cell starts.</param>
/// <param name="SpanWidth">Number of grid columns the cell covers (colspan or merged range width).</param>
/// <param name="Stored">
/// The number the file stores for the cell when it stores one beside the displayed text (an xls/xlsx number, Excel
/// HTML's <c>x:num</c>); it wins over the displayed text, which may be rounded or formatted.
/// </param>
/// <param name="IsPercent">The cell is formatted as a percentage: <paramref name="Stored"/> is a fraction (0.123 for 12.3 %).</param>
public readonly record struct GridCell(string Text, string Location, int SpanStart, int SpanWidth, double? Stored = null, bool IsPercent = false)
{
    // A double? field takes 16 bytes (its flag padded to 8); the value with its flag beside IsPercent makes a cell 40
    // bytes instead of 48. Pages hold hundreds of cells, copied into rows and arrays on the way to tables.
    private readonly double storedValue = Stored.GetValueOrDefault();
    private readonly bool hasStored = Stored.HasValue;

    public double? Stored
    {
        get => hasStored ? storedValue : null;
        init
        {
            storedValue = value.GetValueOrDefault();
            hasStored = value.HasValue;
        }
    }

    public static GridCell Empty(string location, int column) => new(string.Empty, location, column, 1);

    public bool IsBlank => !hasStored && LabelText.IsBlank(Text);
}
