namespace Warehouse.Analysis.Data;

/// <summary>A CSV's model columns, one array per column sized to the file's line count, written by the ranges of
/// <see cref="CsvRangeParser"/> at their own row offsets.</summary>
internal sealed class CsvColumns
{
    public CsvColumns(CsvColumnLayout layout, int rows)
    {
        Numbers = Allocate<double>(layout.Numbers.Length, rows);
        Extras = Allocate<double>(layout.Extras.Length, rows);
        Narrow = layout.IdKinds.Select(kind => kind == CsvIdKind.Integer64 ? null : new int[rows]).ToArray();
        Wide = layout.IdKinds.Select(kind => kind == CsvIdKind.Integer64 ? new long[rows] : null).ToArray();
        Drop = new bool[rows];
    }

    public double[][] Numbers { get; }

    /// <summary>Extra numbers; a missing cell is NaN.</summary>
    public double[][] Extras { get; }

    /// <summary>Per identifier column: the values of a 32-bit integer column, or the codes of a text column (numbered
    /// per range until <see cref="CsvColumnReader"/> renumbers them over the file); null for a 64-bit column.</summary>
    public int[]?[] Narrow { get; }

    /// <summary>Per identifier column: the values of a 64-bit integer column, else null.</summary>
    public long[]?[] Wide { get; }

    /// <summary>Rows to leave out: a missing number or identifier, or a line that was not a row of its own (a line
    /// break inside quotes).</summary>
    public bool[] Drop { get; }

    private static T[][] Allocate<T>(int count, int rows) => Enumerable.Range(0, count).Select(_ => new T[rows]).ToArray();
}
