using Warehouse.Demo.Formats;

namespace Warehouse.Demo.Tables;

/// <summary>Lays out table 4-2 as the labour yearbook publishes it: Excel web pages up to edition 2015, xlsx after.</summary>
internal static class LabourRendering
{
    public const int LastHtmlEdition = 2015;

    public const string FileStem = "urban_employment_by_sector";

    public static string FileName(int edition) => FileStem + (edition <= LastHtmlEdition ? ".htm" : ".xlsx");

    public static byte[] Render(PrintedTable table) =>
        table.Edition <= LastHtmlEdition
            ? ExcelHtmlWriter.Write(HtmlGrid(table), FileStem, table.TitleChinese)
            : XlsxWriter.Write(XlsxGrid(table), "4-2", table.TitleChinese, new DateOnly(table.Edition, 9, 1));

    /// <summary>
    /// The web-page layout: Chinese only; title and unit rows inside the table; each header's words split over
    /// several rows (地区 and 合计 span them); names padded with U+3000; a blank spacer row between the groups of
    /// provinces (by the first digit of the code: north, north-east, east, centre-south, south-west, north-west);
    /// footnotes as rows after the data.
    /// </summary>
    private static Grid HtmlGrid(PrintedTable table)
    {
        var grid = new Grid(table.Columns.Count + 1);
        grid.ColumnWidths[0] = 11;
        grid.AddSpanningRow(table.TitleChinese, CellStyle.Title);
        grid.AddSpanningRow("单位：" + table.Unit.Chinese, CellStyle.Unit);

        var pieces = table.Columns.Select(c => c.Item == "total" ? ["合  计"] : HeaderText.SplitChinese(c.Chinese)).ToArray();
        var headerRows = pieces.Max(p => p.Count);
        var first = grid.Rows.Count;
        for (var r = 0; r < headerRows; r++)
        {
            var cells = new GridCell?[grid.ColumnCount];
            if (r == 0)
            {
                cells[0] = new GridCell("地  区", CellStyle.Header);
            }

            for (var c = 0; c < pieces.Length; c++)
            {
                if (r < pieces[c].Count)
                {
                    cells[c + 1] = new GridCell(pieces[c][r], CellStyle.Header);
                }
            }

            grid.AddRow(cells);
        }

        grid.Merge(first, 0, headerRows, 1);
        grid.Merge(first, 1, headerRows, 1);

        var previousGroup = -1;
        foreach (var row in table.Rows)
        {
            var group = row.ProvinceCode is { } code ? code / 10 : -1;
            if (previousGroup >= 0 && group != previousGroup)
            {
                grid.AddBlankRow();
            }

            previousGroup = group;
            var name = row.Chinese.Length == 2 ? $"{row.Chinese[0]}\u3000\u3000{row.Chinese[1]}" : row.Chinese;
            grid.AddRow([new GridCell(name, CellStyle.Stub), .. NumberCells(row, isNumber: true)]);
        }

        grid.AddBlankRow();
        foreach (var note in table.Notes)
        {
            grid.AddSpanningRow(note, CellStyle.Note);
        }

        return grid;
    }

    /// <summary>
    /// The workbook layout: bilingual title and unit rows, one header row of multi-line bilingual cells,
    /// stub "北京 Beijing" in one cell; editions 2016–2018 keep the spacer rows of the old layout.
    /// </summary>
    private static Grid XlsxGrid(PrintedTable table)
    {
        var grid = new Grid(table.Columns.Count + 1);
        grid.ColumnWidths[0] = 18;
        grid.AddSpanningRow(table.TitleChinese, CellStyle.Title);
        grid.AddSpanningRow(table.TitleEnglish, CellStyle.Title);
        grid.AddRow(new GridCell("单位：" + table.Unit.Chinese, CellStyle.Unit));
        grid.AddRow(new GridCell(table.Unit.English, CellStyle.Unit));
        grid.AddRow([new GridCell("地区\nRegion", CellStyle.Header),
            .. table.Columns.Select(c => new GridCell(HeaderText.Bilingual(c.Chinese, c.English), CellStyle.Header))]);

        var spacers = table.Edition <= 2018;
        var previousGroup = -1;
        foreach (var row in table.Rows)
        {
            var group = row.ProvinceCode is { } code ? code / 10 : -1;
            if (spacers && previousGroup >= 0 && group != previousGroup)
            {
                grid.AddBlankRow();
            }

            previousGroup = group;
            grid.AddRow([new GridCell($"{row.Chinese} {row.English}", CellStyle.Stub), .. NumberCells(row, isNumber: true)]);
        }

        grid.AddBlankRow();
        foreach (var note in table.Notes)
        {
            grid.AddRow(new GridCell(note, CellStyle.Note));
        }

        return grid;
    }

    /// <summary>Number cells; a cell whose text is not a plain number (— or a footnote marker) is text.</summary>
    internal static IEnumerable<GridCell?> NumberCells(PrintedRow row, bool isNumber) =>
        row.Cells.Select(c => c.Text.Length == 0
            ? null
            : new GridCell(c.Text, CellStyle.Number, isNumber && c.Value is { } v && c.Text == Printing.Format(v, Decimals(c.Text))));

    private static int Decimals(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? 0 : text.Length - dot - 1;
    }
}
