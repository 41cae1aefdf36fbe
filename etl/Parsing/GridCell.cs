using Warehouse.Etl.Vocabulary;

namespace Warehouse.Etl.Parsing;

/// <summary>One cell of a table expanded into a rectangular grid (spans copied into every covered position).</summary>
/// <param name="Text">The cell's text as printed (line breaks kept, not yet normalised).</param>
/// <param name="Location">Where the cell sits in the source: an A1 reference or <c>row r, col c</c>.</param>
/// <param name="SpanStart">Grid column where the (possibly merged) cell starts.</param>
/// <param name="SpanWidth">Number of grid columns the cell covers (colspan or merged range width).</param>
public readonly record struct GridCell(string Text, string Location, int SpanStart, int SpanWidth)
{
    public static GridCell Empty(string location, int column) => new(string.Empty, location, column, 1);

    public bool IsBlank => LabelText.IsBlank(Text);
}
