namespace Warehouse.Etl.Parsing;

/// <summary>A published table as printed: title, units, header, stub, cells and notes, each cell with its location.</summary>
/// <remarks>Readers never interpret meaning (provinces, sectors, units); that is the normalisers' and profiles' job.</remarks>
public sealed class RawTable
{
    /// <summary>File path or URL the table was read from.</summary>
    public required string Source { get; init; }

    /// <summary>The title as printed (table number included), or an empty string when the page has none.</summary>
    public required string Title { get; init; }

    /// <summary>The table number (e.g. <c>4-2</c>) when the title carries one.</summary>
    public string? TableNumber { get; init; }

    /// <summary>All title lines (Chinese, English, "continued" lines) in order.</summary>
    public IReadOnlyList<string> TitleLines { get; init; } = [];

    /// <summary>Unit lines printed above the header (<c>单位：万人</c>, <c>(10 000 persons)</c>).</summary>
    public IReadOnlyList<string> UnitLines { get; init; } = [];

    /// <summary>Header rows as printed (normalised text per grid column, spans copied).</summary>
    public IReadOnlyList<IReadOnlyList<string>> HeaderRows { get; init; } = [];

    /// <summary>Labels of the stub (row-label) columns, e.g. <c>地区 Region</c>.</summary>
    public string StubLabel { get; init; } = string.Empty;

    /// <summary>The data columns (stub columns excluded), in order.</summary>
    public required IReadOnlyList<RawColumn> Columns { get; init; }

    /// <summary>The body rows; each has one cell per data column.</summary>
    public required IReadOnlyList<RawRow> Rows { get; init; }

    /// <summary>Free-text notes printed after the table, and preamble lines that were not title or unit.</summary>
    public IReadOnlyList<string> Footnotes { get; init; } = [];

    /// <summary>Data year printed in the title or a <c>时间：</c> line, when there is one.</summary>
    public int? Year { get; init; }

    /// <summary>True when the title says this is a continuation (<c>续表</c>, <c>continued</c>) of an earlier table.</summary>
    public bool IsContinuation { get; init; }

    /// <summary>Title and table number for error messages.</summary>
    public string DisplayName => Title.Length > 0 ? Title : "(untitled table)";
}

/// <summary>A data column: its reconstructed label (header path top to bottom) and where it is.</summary>
/// <param name="GridIndex">Zero-based column index in the source grid.</param>
/// <param name="Label">Header path joined with <c> / </c>; split words rejoined, footnote markers kept.</param>
/// <param name="HeaderPath">The header levels, top to bottom.</param>
/// <param name="IsOfWhich">True for an "of which" sub-column printed with a leading <c>#</c>.</param>
/// <param name="ParentIndex">For an "of which" column, the index in <see cref="RawTable.Columns"/> of the column it is part of.</param>
/// <param name="Unit">Unit printed in the header cell (e.g. <c>万人</c> from <c>(万人)</c>), if any.</param>
public sealed record RawColumn(int GridIndex, string Label, IReadOnlyList<string> HeaderPath, bool IsOfWhich, int? ParentIndex, string? Unit);

/// <summary>A body row: its label (stub parts joined) and one cell per data column.</summary>
/// <param name="Label">Normalised row label, e.g. <c>北京 Beijing</c>; footnote markers removed.</param>
/// <param name="StubParts">The stub cells, normalised, one per stub column.</param>
/// <param name="Cells">One cell per <see cref="RawTable.Columns"/> entry.</param>
/// <param name="Location">Where the row's label sits.</param>
/// <param name="Note">Footnote marker stripped from the label, if any.</param>
public sealed record RawRow(string Label, IReadOnlyList<string> StubParts, IReadOnlyList<RawCell> Cells, string Location, string? Note);

/// <summary>A data cell: raw text, the parsed number (or missing) and where it is.</summary>
/// <param name="Raw">Text as printed.</param>
/// <param name="Value">Parsed number; null when missing or invalid.</param>
/// <param name="IsMissing">Published as missing (blank, <c>—</c>, <c>…</c>, <c>/</c>, <c>-</c>).</param>
/// <param name="IsInvalid">Neither a number nor a missing marker: the table cannot be trusted there.</param>
/// <param name="Location">A1 reference or <c>row r, col c</c>.</param>
/// <param name="Note">Footnote marker stripped from the number, if any.</param>
/// <param name="Unit">
/// <c>%</c> when the cell is a percentage (formatted as one in xls/xlsx, or printed with a <c>%</c>): then
/// <paramref name="Value"/> is in percent points (12.3 for 12.3 %) whatever the format; null otherwise.
/// </param>
/// <remarks>
/// Where the file stores a number beside the displayed text (xls/xlsx, Excel HTML's <c>x:num</c>), the stored number is
/// <paramref name="Value"/> and the displayed text is <paramref name="Raw"/>, so rounding in the display never reaches the value.
/// A value type: a table holds one per data cell, and as objects they were a quarter of an HTML page's allocations.
/// </remarks>
public readonly record struct RawCell(string Raw, double? Value, bool IsMissing, bool IsInvalid, string Location, string? Note, string? Unit = null)
{
    // A double? field takes 16 bytes (its flag padded to 8): the value with its flag beside the two bools makes a cell
    // 48 bytes instead of 56.
    private readonly double value = Value.GetValueOrDefault();
    private readonly bool hasValue = Value.HasValue;

    public double? Value
    {
        get => hasValue ? value : null;
        init
        {
            this.value = value.GetValueOrDefault();
            hasValue = value.HasValue;
        }
    }
}
