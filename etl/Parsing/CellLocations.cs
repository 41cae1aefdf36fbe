using System.Globalization;

namespace Warehouse.Etl.Parsing;

/// <summary>
/// The <c>row r, col c</c> and A1 location texts of grid cells, made once per position and shared by every page and
/// sheet: a page of 700 cells otherwise formats 700 new strings, a large share of a reader's allocations.
/// </summary>
internal static class CellLocations
{
    /// <summary>Positions beyond this are formatted on every call (such tables are rare; the cache stays small).</summary>
    private const int CachedRows = 512;

    private const int CachedColumns = 128;

    private static readonly string?[][] RowCol = new string?[CachedRows][];
    private static readonly string?[][] A1Cache = new string?[CachedRows][];

    /// <summary><c>row {row + 1}, col {column + 1}</c>.</summary>
    public static string RowCol1(int row, int column) =>
        Cached(RowCol, row, column, static (r, c) => string.Create(CultureInfo.InvariantCulture, $"row {r + 1}, col {c + 1}"));

    /// <summary>Spreadsheet A1 reference of a zero-based row and column.</summary>
    public static string A1(int row, int column) => Cached(A1Cache, row, column, FormatA1);

    private static string Cached(string?[][] cache, int row, int column, Func<int, int, string> format)
    {
        if ((uint)row >= CachedRows || (uint)column >= CachedColumns)
            return format(row, column);

        // Races only ever store equal strings, so no lock is needed. Read before writing: `??=` on an element of an
        // array of references takes the element's address, which checks the array's type on every call.
        var line = cache[row] ?? (cache[row] = new string?[CachedColumns]);
        return line[column] ?? (line[column] = format(row, column));
    }

    private static string FormatA1(int row, int column)
    {
        var letters = string.Empty;
        var n = column + 1;
        while (n > 0)
        {
            var rem = (n - 1) % 26;
            letters = (char)('A' + rem) + letters;
            n = (n - 1) / 26;
        }

        return letters + (row + 1).ToString(CultureInfo.InvariantCulture);
    }
}
