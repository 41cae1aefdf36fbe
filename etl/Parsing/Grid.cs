namespace Warehouse.Etl.Parsing;

/// <summary>A sheet or page flattened into rows of cells, before tables are found in it.</summary>
/// <remarks>Readers (HTML, Excel) produce grids; <see cref="GridTableBuilder"/> finds titles, headers, bodies and notes.</remarks>
public sealed class Grid(string source, IReadOnlyList<GridCell[]> rows)
{
    /// <summary>File path or URL (plus sheet name) the grid came from; used in error messages.</summary>
    public string Source { get; } = source;

    public IReadOnlyList<GridCell[]> Rows { get; } = rows;
}
