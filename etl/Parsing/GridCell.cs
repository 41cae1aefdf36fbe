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
    // A double? field takes 16 bytes (its flag padded to 8), and two bools beside an int pad to 8 more: the value alone,
    // with both flags in the top bits of the width, makes a cell 32 bytes instead of 48. Pages hold hundreds of cells,
    // copied into rows and arrays on the way to tables.
    private const int HasStoredBit = 1 << 30;
    private const int PercentBit = 1 << 29;
    private const int WidthBits = PercentBit - 1;

    private readonly double storedValue = Stored.GetValueOrDefault();
    private readonly int widthAndFlags = Width(SpanWidth) | (Stored.HasValue ? HasStoredBit : 0) | (IsPercent ? PercentBit : 0);

    /// <summary>Number of grid columns the cell covers.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative, or 2^29 or more (no reader makes a span near that wide).</exception>
    public int SpanWidth
    {
        get => widthAndFlags & WidthBits;
        init => widthAndFlags = (widthAndFlags & ~WidthBits) | Width(value);
    }

    public double? Stored
    {
        get => (widthAndFlags & HasStoredBit) != 0 ? storedValue : null;
        init
        {
            storedValue = value.GetValueOrDefault();
            widthAndFlags = value.HasValue ? widthAndFlags | HasStoredBit : widthAndFlags & ~HasStoredBit;
        }
    }

    public bool IsPercent
    {
        get => (widthAndFlags & PercentBit) != 0;
        init => widthAndFlags = value ? widthAndFlags | PercentBit : widthAndFlags & ~PercentBit;
    }

    public static GridCell Empty(string location, int column) => new(string.Empty, location, column, 1);

    public bool IsBlank => (widthAndFlags & HasStoredBit) == 0 && LabelText.IsBlank(Text);

    private static int Width(int width) =>
        (uint)width <= WidthBits ? width : throw new ArgumentOutOfRangeException(nameof(SpanWidth), width, "a span is 0 to 2^29 - 1 columns wide");
}
