using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;
using Warehouse.Demo.Economy;
using Warehouse.Demo.Formats;

namespace Warehouse.Bench.Parsing;

/// <summary>
/// Generates yearbook-shaped tables in memory for the parse benchmark: Excel-web-page HTML in GB18030, xlsx, and
/// NBS portal CSV, each 32 rows (national + 31 provinces) by 20 value columns with a two-row header.
/// </summary>
public static class ParseBenchCorpus
{
    /// <summary>The 19 sections as GB/T 4754-2011 prints them: the demo economy's list.</summary>
    private static readonly string[] Sectors = DemoSectors.Gbt2011.Select(s => s.Chinese).ToArray();

    /// <summary>The generator for a reader's name (html, xlsx or nbs-csv).</summary>
    /// <exception cref="ArgumentException">Another name.</exception>
    public static Func<int, byte[]> For(string reader) => reader switch
    {
        "html" => Html,
        "xlsx" => Xlsx,
        "nbs-csv" => NbsCsv,
        _ => throw new ArgumentException($"no bench corpus for reader '{reader}' (html, xlsx or nbs-csv)", nameof(reader)),
    };

    private static IEnumerable<(string Chinese, string English)> Rows() =>
        new[] { ("全　　国", "National Total") }.Concat(DemoProvinces.All.Select(p => (p.Padded("\u3000\u3000"), p.English)));

    private static string Value(int seed, int row, int col) =>
        ((seed * 7919 + row * 131 + col * 17) % 100000 / 10.0).ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>An Excel "Save as Web Page" table, GB18030 bytes.</summary>
    public static byte[] Html(int seed)
    {
        var sb = new StringBuilder(64 * 1024);
        sb.Append("<html><head><meta http-equiv=Content-Type content=\"text/html; charset=gb2312\"><style>td{mso-number-format:General}</style></head><body>");
        sb.Append("<table border=0 cellpadding=0 cellspacing=0>");
        sb.Append("<tr><td colspan=22 class=xl24>4-2 按行业分城镇单位就业人员(").Append(2000 + seed % 24).Append("年)</td></tr>");
        sb.Append("<tr><td colspan=22>单位：万人</td></tr>");
        sb.Append("<tr><td rowspan=2 class=xl25>地　　区</td><td rowspan=2>Region</td><td rowspan=2>合计</td><td colspan=19>按行业分</td></tr><tr>");
        foreach (var s in Sectors)
            sb.Append("<td class=xl26 width=64 style='width:48pt'>").Append(s).Append("</td>");
        sb.Append("</tr>");
        var r = 0;
        foreach (var (zh, en) in Rows())
        {
            sb.Append("<tr height=18 style='height:13.5pt'><td class=xl27>").Append(zh).Append("</td><td class=xl28>").Append(en).Append("</td>");
            for (var c = 0; c < 20; c++)
                sb.Append("<td class=xl29 align=right x:num>").Append(Value(seed, r, c)).Append("</td>");
            sb.Append("</tr>");
            r++;
        }

        sb.Append("</table><p>注：本表为城镇非私营单位数据。</p></body></html>");
        return ExcelHtmlWriter.Gb18030.GetBytes(sb.ToString());
    }

    /// <summary>An NBS portal export, years as columns, UTF-8 with BOM.</summary>
    public static byte[] NbsCsv(int seed)
    {
        var sb = new StringBuilder(16 * 1024);
        sb.Append("\uFEFF数据库：分省年度数据 \n指标：地区生产总值(亿元) \n地区\t,");
        for (var y = 2023; y >= 2004; y--)
            sb.Append(y).Append("年\t,");
        sb.Append('\n');
        foreach (var province in DemoProvinces.All)
        {
            sb.Append(province.Short).Append("市\t,");
            for (var c = 0; c < 20; c++)
                sb.Append(Value(seed, province.Code, c)).Append("\t,");
            sb.Append('\n');
        }

        sb.Append("注：2023年数据为初步核算数。\n数据来源：国家统计局\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>An xlsx workbook (inline strings, one merged title, a two-row header).</summary>
    public static byte[] Xlsx(int seed)
    {
        var sheet = new StringBuilder(64 * 1024);
        sheet.Append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        var rowIndex = 1;
        void Row(IEnumerable<string?> cells)
        {
            sheet.Append("<row r=\"").Append(rowIndex).Append("\">");
            var c = 0;
            foreach (var cell in cells)
            {
                var reference = XlsxWriter.CellRef(rowIndex - 1, c++);
                if (cell is null)
                    continue;
                if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                    sheet.Append("<c r=\"").Append(reference).Append("\"><v>").Append(cell).Append("</v></c>");
                else
                    sheet.Append("<c r=\"").Append(reference).Append("\" t=\"inlineStr\"><is><t>").Append(SecurityElement.Escape(cell)).Append("</t></is></c>");
            }

            sheet.Append("</row>");
            rowIndex++;
        }

        Row(["2-5 各地区高技术产业出口交货值(" + (2000 + seed % 24) + "年)"]);
        Row(["单位：万元"]);
        Row(new[] { "地区", "Region", "合计\nTotal" }.Concat(Sectors.Take(19)));
        var r = 0;
        foreach (var (zh, en) in Rows())
        {
            Row(new[] { zh, en }.Concat(Enumerable.Range(0, 20).Select(c => Value(seed, r, c))));
            r++;
        }

        sheet.Append("</sheetData><mergeCells count=\"1\"><mergeCell ref=\"A1:V1\"/></mergeCells></worksheet>");
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Entry(zip, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>");
            Entry(zip, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            Entry(zip, "xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            Entry(zip, "xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>");
            Entry(zip, "xl/worksheets/sheet1.xml", sheet.ToString());
        }

        return buffer.ToArray();
    }

    private static void Entry(ZipArchive zip, string name, string text)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
        entry.LastWriteTime = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var stream = entry.Open();
        stream.Write(Encoding.UTF8.GetBytes(text));
    }
}
