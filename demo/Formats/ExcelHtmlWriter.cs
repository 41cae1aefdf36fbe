using System.Globalization;
using System.Net;
using System.Text;

namespace Warehouse.Demo.Formats;

/// <summary>
/// Writes a <see cref="Grid"/> as the HTML Excel produces with "Save as Web Page" (Excel 2003, as on the
/// statistical bureaus' sites): Office namespaces, <c>mso-</c> CSS classes, <c>x:num</c> on numbers,
/// <c>rowspan</c>/<c>colspan</c> for merged cells, CRLF line ends, declared <c>charset=gb2312</c> and the bytes
/// encoded as GB18030 (the superset every reader must decode GB2312 pages with).
/// </summary>
internal static class ExcelHtmlWriter
{
    public static byte[] Write(Grid grid, string pageName, string title)
    {
        var sb = new StringBuilder();
        void Line(string s) => sb.Append(s).Append("\r\n");

        Line("<html xmlns:v=\"urn:schemas-microsoft-com:vml\"");
        Line("xmlns:o=\"urn:schemas-microsoft-com:office:office\"");
        Line("xmlns:x=\"urn:schemas-microsoft-com:office:excel\"");
        Line("xmlns=\"http://www.w3.org/TR/REC-html40\">");
        Line(string.Empty);
        Line("<head>");
        Line("<meta http-equiv=Content-Type content=\"text/html; charset=gb2312\">");
        Line("<meta name=ProgId content=Excel.Sheet>");
        Line("<meta name=Generator content=\"Microsoft Excel 11\">");
        Line($"<link rel=File-List href=\"{pageName}.files/filelist.xml\">");
        Line($"<title>{WebUtility.HtmlEncode(title)}</title>");
        Line($"<style id=\"{pageName}_Styles\">");
        Line("<!--table");
        Line("\t{mso-displayed-decimal-separator:\"\\.\";");
        Line("\tmso-displayed-thousand-separator:\"\\,\";}");
        Line(".xl24\t{mso-style-parent:style0; font-family:宋体; mso-font-charset:134;}");
        Line(".xl25\t{mso-style-parent:style0; font-size:12.0pt; font-weight:700; font-family:宋体; mso-font-charset:134;}");
        Line(".xl26\t{mso-style-parent:style0; text-align:center; vertical-align:middle; font-family:宋体; mso-font-charset:134;}");
        Line(".xl27\t{mso-style-parent:style0; mso-number-format:\"0\\.0\"; text-align:right;}");
        Line(".xl28\t{mso-style-parent:style0; text-align:left; font-family:宋体; mso-font-charset:134;}");
        Line("-->");
        Line("</style>");
        Line("</head>");
        Line(string.Empty);
        Line("<body link=blue vlink=purple>");
        Line("<!--[if !excel]>&nbsp;&nbsp;<![endif]-->");
        Line("<!--下列信息由 Microsoft Office Excel 的“发布为网页”向导生成。-->");
        Line("<!--如果同一条目从 Excel 中重新发布，则所有位于 DIV 标记之间的信息均将被替换。-->");
        Line("<!----------------------------->");
        Line("<!--“从 EXCEL 发布网页”向导开始-->");
        Line("<!----------------------------->");
        Line(string.Empty);
        Line($"<div id=\"{pageName}\" align=center x:publishsource=\"Excel\">");
        Line(string.Empty);
        var widthPx = grid.ColumnWidths.Sum(w => (int)(w * 7));
        Line($"<table x:str border=0 cellpadding=0 cellspacing=0 width={Int(widthPx)} style='border-collapse:");
        Line($" collapse;table-layout:fixed;width:{Int(widthPx * 3 / 4)}pt'>");
        foreach (var w in grid.ColumnWidths)
        {
            var px = (int)(w * 7);
            Line($" <col width={Int(px)} style='mso-width-source:userset;width:{Int(px * 3 / 4)}pt'>");
        }

        var covered = new bool[grid.Rows.Count, grid.ColumnCount];
        var mergeAt = grid.Merges.ToDictionary(m => (m.Row, m.Column));
        foreach (var m in grid.Merges)
        {
            for (var r = m.Row; r < m.Row + m.RowSpan; r++)
            {
                for (var c = m.Column; c < m.Column + m.ColumnSpan; c++)
                {
                    covered[r, c] = (r, c) != (m.Row, m.Column);
                }
            }
        }

        for (var r = 0; r < grid.Rows.Count; r++)
        {
            var row = grid.Rows[r];
            var blank = row.All(c => c is null);
            var height = blank ? 8 : row.Any(c => c is { Style: CellStyle.Title }) ? 24 : 19;
            Line($" <tr height={Int(height)} style='height:{(height * 0.75).ToString("0.0#", CultureInfo.InvariantCulture)}pt'>");
            for (var c = 0; c < grid.ColumnCount; c++)
            {
                if (covered[r, c])
                {
                    continue;
                }

                var span = mergeAt.TryGetValue((r, c), out var m)
                    ? (m.RowSpan > 1 ? $" rowspan={Int(m.RowSpan)}" : string.Empty) + (m.ColumnSpan > 1 ? $" colspan={Int(m.ColumnSpan)}" : string.Empty)
                    : string.Empty;
                var heightAttr = c == 0 ? $" height={Int(height)}" : string.Empty;
                if (row[c] is not { } cell)
                {
                    Line($"  <td{heightAttr}{span} class=xl24></td>");
                    continue;
                }

                var cls = cell.Style switch
                {
                    CellStyle.Title => "xl25",
                    CellStyle.Header => "xl26",
                    CellStyle.Number => "xl27",
                    CellStyle.Note or CellStyle.Unit => "xl28",
                    _ => "xl24",
                };
                var num = cell.IsNumber ? " align=right x:num" : string.Empty;
                Line($"  <td{heightAttr}{span} class={cls}{num}>{WebUtility.HtmlEncode(cell.Text).Replace("\n", "<br>", StringComparison.Ordinal)}</td>");
            }

            Line(" </tr>");
        }

        Line(" <![if supportMisalignedColumns]>");
        Line(" <tr height=0 style='display:none'>");
        foreach (var w in grid.ColumnWidths)
        {
            Line($"  <td width={Int((int)(w * 7))} style='width:{Int((int)(w * 7) * 3 / 4)}pt'></td>");
        }

        Line(" </tr>");
        Line(" <![endif]>");
        Line("</table>");
        Line(string.Empty);
        Line("</div>");
        Line(string.Empty);
        Line(string.Empty);
        Line("<!----------------------------->");
        Line("<!--“从 EXCEL 发布网页”向导结束-->");
        Line("<!----------------------------->");
        Line("</body>");
        Line(string.Empty);
        Line("</html>");
        return Gb18030.GetBytes(sb.ToString());
    }

    /// <summary>GB18030 with exceptions on unmappable text, so a character outside it fails loudly here.</summary>
    public static Encoding Gb18030
    {
        get
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
    }

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
