namespace Warehouse.Demo.Tables;

/// <summary>One printed cell: the number it stands for (null = gap) and the text as printed.</summary>
internal sealed record PrintedCell(decimal? Value, string Text)
{
    public static readonly PrintedCell Blank = new(null, string.Empty);
}

/// <summary>A data column: the staging item it carries and its printed header.</summary>
/// <param name="Item">Staging item (sector letter, group code, <c>total</c>).</param>
/// <param name="Chinese">Header as printed.</param>
/// <param name="English">English header as printed.</param>
/// <param name="IsValue">False for a printed column the vocabulary has no item for (the high-tech tables' total:
/// docs/architecture.md#vocabulary items are group codes only), which — like the regional rows — is printed but not staged.</param>
internal sealed record PrintedColumn(string Item, string Chinese, string English, bool IsValue = true);

/// <summary>A stub row. <see cref="ProvinceCode"/> is 0 for the national total and null for regional aggregates.</summary>
internal sealed record PrintedRow(short? ProvinceCode, string Chinese, string English, IReadOnlyList<PrintedCell> Cells);

/// <summary>How a table prints its unit and how a printed number converts to the canonical unit.</summary>
/// <param name="Chinese">Unit as printed (万人, 千元 …).</param>
/// <param name="English">English unit line, e.g. <c>(10 000 persons)</c>.</param>
/// <param name="Canonical">Canonical unit (docs/architecture.md#vocabulary).</param>
/// <param name="Factor">canonical = printed x factor.</param>
/// <param name="Decimals">Digits after the point as printed.</param>
internal sealed record PrintedUnit(string Chinese, string English, string Canonical, decimal Factor, int Decimals);

/// <summary>
/// A yearbook table as published — title, unit, columns, stub rows, cells, notes — independent of the file
/// format it is written in. <see cref="Values"/> derives the canonical observations from the printed numbers,
/// so the files and the reported values cannot drift apart.
/// </summary>
internal sealed record PrintedTable(
    string Source,
    int Edition,
    string TableId,
    string Indicator,
    string TitleChinese,
    string TitleEnglish,
    PrintedUnit Unit,
    IReadOnlyList<PrintedColumn> Columns,
    IReadOnlyList<PrintedRow> Rows,
    IReadOnlyList<string> Notes)
{
    public int Year => Edition - 1;

    public IEnumerable<DemoValue> Values()
    {
        foreach (var row in Rows)
        {
            if (row.ProvinceCode is not { } code)
            {
                continue;
            }

            for (var c = 0; c < Columns.Count; c++)
            {
                if (!Columns[c].IsValue)
                {
                    continue;
                }

                var printed = row.Cells[c].Value;
                yield return new DemoValue(Source, Edition, TableId, code, (short)Year, Indicator, Columns[c].Item,
                    printed is { } v ? (double)(v * Unit.Factor) : null, Unit.Canonical);
            }
        }
    }
}
