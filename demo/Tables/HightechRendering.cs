using Warehouse.Demo.Formats;

namespace Warehouse.Demo.Tables;

/// <summary>
/// Lays out the high-tech tables as the S&amp;T/high-tech yearbooks publish them: Excel web pages (GB18030) up to
/// edition 2014, workbooks after. Both have a two-level header — the measure ("出口交货值 Export Delivery Value")
/// spanning the group columns — separate Chinese and English stub columns, and regional aggregate rows between
/// the national total and the provinces. In the export table the groups are printed as "of which" columns
/// (<c>#医药制造业</c>) under the total, as the yearbook marks parts of a total. Like the real workbooks, the
/// xlsx files store the numbers as text.
/// </summary>
internal static class HightechRendering
{
    public const int LastHtmlEdition = 2014;

    public static string FileName(HightechMeasure measure, int edition) =>
        HightechTable.FileStem(measure) + (edition <= LastHtmlEdition ? ".htm" : ".xlsx");

    public static byte[] Render(PrintedTable table, HightechMeasure measure) =>
        table.Edition <= LastHtmlEdition
            ? ExcelHtmlWriter.Write(BuildGrid(table, measure, html: true), HightechTable.FileStem(measure), table.TitleChinese)
            : XlsxWriter.Write(BuildGrid(table, measure, html: false), table.TableId, table.TitleChinese, new DateOnly(table.Edition, 11, 1));

    private static Grid BuildGrid(PrintedTable table, HightechMeasure measure, bool html)
    {
        var grid = new Grid(table.Columns.Count + 2);
        grid.ColumnWidths[0] = 10;
        grid.ColumnWidths[1] = 16;
        var wide = grid.ColumnCount;
        var title = grid.AddRow(new GridCell(table.TitleChinese, CellStyle.Title));
        grid.Merge(title, 0, 1, wide);
        var titleEn = grid.AddRow(new GridCell(table.TitleEnglish, CellStyle.Title));
        grid.Merge(titleEn, 0, 1, wide);
        grid.AddRow(new GridCell("单位：" + table.Unit.Chinese, CellStyle.Unit));
        grid.AddRow(new GridCell(table.Unit.English, CellStyle.Unit));

        var (parentCn, parentEn) = measure == HightechMeasure.ExportDelivery
            ? ("出口交货值", "Export Delivery Value")
            : ("平均用工人数", "Average Number of Employed Persons");
        var top = grid.AddRow(
            new GridCell(html ? "地  区" : "地区", CellStyle.Header),
            new GridCell("Region", CellStyle.Header),
            new GridCell(html ? parentCn : $"{parentCn}\n{parentEn}", CellStyle.Header));
        grid.Merge(top, 0, 2, 1);
        grid.Merge(top, 1, 2, 1);
        grid.Merge(top, 2, 1, table.Columns.Count);
        var ofWhich = measure == HightechMeasure.ExportDelivery ? "#" : string.Empty;
        grid.AddRow([null, null, .. table.Columns.Select(c =>
        {
            var chinese = c.Item == "total" ? c.Chinese : ofWhich + c.Chinese;
            return new GridCell(html ? chinese : HeaderText.Bilingual(chinese, c.English), CellStyle.Header);
        })]);

        // Older layouts pad two-character names to the width of three and indent the English names.
        var oldLayout = table.Edition <= 2017;
        foreach (var row in table.Rows)
        {
            var chinese = row.Chinese.Length == 2 && row.ProvinceCode is not null
                ? html ? $"{row.Chinese[0]}\u3000\u3000{row.Chinese[1]}" : oldLayout ? $"{row.Chinese[0]}    {row.Chinese[1]}" : row.Chinese
                : row.Chinese;
            var english = oldLayout ? "  " + row.English : row.English;
            grid.AddRow([new GridCell(chinese, CellStyle.Stub), new GridCell(english, CellStyle.Stub),
                .. LabourRendering.NumberCells(row, isNumber: html)]);
        }

        grid.AddBlankRow();
        foreach (var note in table.Notes)
        {
            var r = grid.AddRow(new GridCell(note, CellStyle.Note));
            if (html)
            {
                grid.Merge(r, 0, 1, wide);
            }
        }

        return grid;
    }
}
