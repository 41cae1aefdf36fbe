using System.Globalization;
using System.Text;
using ExcelDataReader;

namespace Warehouse.Etl.Parsing;

/// <summary>
/// Reads every sheet of an <c>.xls</c> or <c>.xlsx</c> workbook into grids; merged ranges are copied into every
/// covered cell (with the range's start and width, so header levels can be told apart); locations are A1 references.
/// </summary>
public static class ExcelGridReader
{
    static ExcelGridReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static IReadOnlyList<Grid> Read(ReadOnlyMemory<byte> bytes, string source) => ToGrids(ReadSheets(bytes), source);

    /// <summary>The ExcelDataReader phase alone: every sheet's cell texts and merged ranges; split out so the bench can time it.</summary>
    internal static List<(string Name, List<string[]> Rows, CellRange[] Merges)> ReadSheets(ReadOnlyMemory<byte> bytes)
    {
        using var stream = new MemoryStream(bytes.ToArray(), writable: false);
        using var reader = ExcelReaderFactory.CreateReader(stream, new ExcelReaderConfiguration
        {
            FallbackEncoding = Encoding.GetEncoding("gb18030"), // old BIFF files without a code page are Chinese here
        });
        var sheets = new List<(string Name, List<string[]> Rows, CellRange[] Merges)>();
        do
        {
            var rows = new List<string[]>();
            while (reader.Read())
            {
                var row = new string[reader.FieldCount];
                for (var c = 0; c < row.Length; c++)
                    row[c] = Format(reader.GetValue(c));
                rows.Add(row);
            }

            sheets.Add((reader.Name, rows, reader.MergeCells ?? []));
        }
        while (reader.NextResult());

        return sheets;
    }

    /// <summary>Our phase: sheets expanded into grids (merged ranges copied into every covered cell).</summary>
    internal static IReadOnlyList<Grid> ToGrids(List<(string Name, List<string[]> Rows, CellRange[] Merges)> sheets, string source)
    {
        var grids = new List<Grid>(sheets.Count);
        foreach (var (name, rows, merges) in sheets)
        {
            var prefix = sheets.Count > 1 ? name + "!" : string.Empty;
            grids.Add(ToGrid(sheets.Count > 1 ? $"{source} [{name}]" : source, prefix, rows, merges));
        }

        return grids;
    }

    private static Grid ToGrid(string source, string prefix, List<string[]> rows, CellRange[] merges)
    {
        var width = rows.Count == 0 ? 0 : rows.Max(r => r.Length);
        var grid = new GridCell[rows.Count][];
        for (var r = 0; r < rows.Count; r++)
        {
            grid[r] = new GridCell[width];
            for (var c = 0; c < width; c++)
            {
                var text = c < rows[r].Length ? rows[r][c] : string.Empty;
                grid[r][c] = new GridCell(text, prefix + A1(r, c), c, 1);
            }
        }

        foreach (var m in merges)
        {
            if (m.FromRow >= rows.Count || m.FromColumn >= width)
                continue;
            var origin = grid[m.FromRow][m.FromColumn];
            var spanWidth = Math.Min(m.ToColumn, width - 1) - m.FromColumn + 1;
            for (var r = m.FromRow; r <= m.ToRow && r < rows.Count; r++)
            {
                for (var c = m.FromColumn; c <= m.ToColumn && c < width; c++)
                    grid[r][c] = new GridCell(origin.Text, origin.Location, m.FromColumn, spanWidth);
            }
        }

        return new Grid(source, grid);
    }

    /// <summary>Spreadsheet A1 reference of a zero-based row and column.</summary>
    public static string A1(int row, int column) => CellLocations.A1(row, column);

    /// <summary>Cell value as text: numbers in their shortest round-trip form, so the raw text re-parses to the same double.</summary>
    private static string Format(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        DateTime dt => dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "TRUE" : "FALSE",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
