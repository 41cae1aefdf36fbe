using System.Globalization;
using System.Security;
using System.Text;

namespace Warehouse.Demo.Formats;

/// <summary>
/// Writes a <see cref="Grid"/> as a one-sheet .xlsx shaped like the yearbook workbooks (shared strings, merged
/// title and header cells, wrapped multi-line header cells, numbers either as numbers or — like the real
/// S&amp;T-yearbook files — as text). Hand-written XML in a <see cref="StoredZipWriter"/> keeps every byte
/// under our control: fixed docProps dates, fixed part order, no runtime-dependent compression.
/// </summary>
internal static class XlsxWriter
{
    private const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string Header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n";

    /// <param name="grid">The sheet.</param>
    /// <param name="sheetName">Worksheet tab name.</param>
    /// <param name="title">Document title for docProps.</param>
    /// <param name="stamp">Fixed creation/modification time written into docProps/core.xml.</param>
    public static byte[] Write(Grid grid, string sheetName, string title, DateOnly stamp)
    {
        var zip = new StoredZipWriter();
        var strings = new SharedStrings();
        var sheet = SheetXml(grid, strings);
        zip.Add("[Content_Types].xml", Utf8(ContentTypes));
        zip.Add("_rels/.rels", Utf8(RootRels));
        zip.Add("docProps/app.xml", Utf8(AppXml(sheetName)));
        zip.Add("docProps/core.xml", Utf8(CoreXml(title, stamp)));
        zip.Add("xl/workbook.xml", Utf8(WorkbookXml(sheetName)));
        zip.Add("xl/_rels/workbook.xml.rels", Utf8(WorkbookRels));
        zip.Add("xl/styles.xml", Utf8(Styles));
        zip.Add("xl/sharedStrings.xml", Utf8(strings.ToXml()));
        zip.Add("xl/worksheets/sheet1.xml", Utf8(sheet));
        return zip.ToArray();
    }

    public static string ColumnName(int zeroBasedColumn)
    {
        var name = string.Empty;
        for (var n = zeroBasedColumn + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    public static string CellRef(int row, int column) => ColumnName(column) + (row + 1).ToString(CultureInfo.InvariantCulture);

    private static byte[] Utf8(string s) => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(s);

    private static string Esc(string s) => SecurityElement.Escape(s);

    private static string SheetXml(Grid grid, SharedStrings strings)
    {
        var sb = new StringBuilder(Header);
        sb.Append("<worksheet xmlns=\"").Append(MainNs).Append("\" xmlns:r=\"").Append(RelNs).Append("\">");
        var lastRow = Math.Max(grid.Rows.Count - 1, 0);
        sb.Append("<dimension ref=\"A1:").Append(CellRef(lastRow, grid.ColumnCount - 1)).Append("\"/>");
        sb.Append("<sheetViews><sheetView tabSelected=\"1\" workbookViewId=\"0\"/></sheetViews>");
        sb.Append("<sheetFormatPr defaultRowHeight=\"15\"/><cols>");
        for (var c = 0; c < grid.ColumnCount; c++)
        {
            var col = (c + 1).ToString(CultureInfo.InvariantCulture);
            sb.Append("<col min=\"").Append(col).Append("\" max=\"").Append(col).Append("\" width=\"")
              .Append(grid.ColumnWidths[c].ToString("0.##", CultureInfo.InvariantCulture)).Append("\" customWidth=\"1\"/>");
        }

        sb.Append("</cols><sheetData>");
        for (var r = 0; r < grid.Rows.Count; r++)
        {
            var row = grid.Rows[r];
            if (row.All(c => c is null))
            {
                continue; // Excel leaves empty rows out of sheetData; readers see the gap as blank rows.
            }

            var rowNo = (r + 1).ToString(CultureInfo.InvariantCulture);
            var tall = row.Any(c => c is { Style: CellStyle.Header });
            sb.Append("<row r=\"").Append(rowNo).Append('"').Append(tall ? " ht=\"96\" customHeight=\"1\"" : string.Empty).Append('>');
            for (var c = 0; c < row.Length; c++)
            {
                if (row[c] is not { } cell)
                {
                    continue;
                }

                sb.Append("<c r=\"").Append(CellRef(r, c)).Append('"');
                var style = StyleIndex(cell.Style);
                if (style != 0)
                {
                    sb.Append(" s=\"").Append(style.ToString(CultureInfo.InvariantCulture)).Append('"');
                }

                if (cell.IsNumber)
                {
                    sb.Append("><v>").Append(cell.Text).Append("</v></c>");
                }
                else
                {
                    sb.Append(" t=\"s\"><v>").Append(strings.IndexOf(cell.Text).ToString(CultureInfo.InvariantCulture)).Append("</v></c>");
                }
            }

            sb.Append("</row>");
        }

        sb.Append("</sheetData>");
        if (grid.Merges.Count > 0)
        {
            sb.Append("<mergeCells count=\"").Append(grid.Merges.Count.ToString(CultureInfo.InvariantCulture)).Append("\">");
            foreach (var m in grid.Merges)
            {
                sb.Append("<mergeCell ref=\"").Append(CellRef(m.Row, m.Column)).Append(':')
                  .Append(CellRef(m.Row + m.RowSpan - 1, m.Column + m.ColumnSpan - 1)).Append("\"/>");
            }

            sb.Append("</mergeCells>");
        }

        sb.Append("<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>");
        return sb.ToString();
    }

    private static int StyleIndex(CellStyle style) => style switch
    {
        CellStyle.Title => 1,
        CellStyle.Header => 2,
        CellStyle.Number => 3,
        _ => 0,
    };

    private sealed class SharedStrings
    {
        private readonly Dictionary<string, int> index = new(StringComparer.Ordinal);
        private readonly List<string> ordered = [];
        private int count;

        public int IndexOf(string text)
        {
            count++;
            if (!index.TryGetValue(text, out var i))
            {
                i = ordered.Count;
                index[text] = i;
                ordered.Add(text);
            }

            return i;
        }

        public string ToXml()
        {
            var sb = new StringBuilder(Header);
            sb.Append("<sst xmlns=\"").Append(MainNs).Append("\" count=\"").Append(count.ToString(CultureInfo.InvariantCulture))
              .Append("\" uniqueCount=\"").Append(ordered.Count.ToString(CultureInfo.InvariantCulture)).Append("\">");
            foreach (var s in ordered)
            {
                sb.Append("<si><t xml:space=\"preserve\">").Append(Esc(s)).Append("</t></si>");
            }

            return sb.Append("</sst>").ToString();
        }
    }

    private const string ContentTypes = Header +
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
        "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
        "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
        "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>" +
        "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" +
        "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>" +
        "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>" +
        "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>" +
        "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>" +
        "</Types>";

    private const string RootRels = Header +
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
        "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>" +
        "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>" +
        "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>" +
        "</Relationships>";

    private const string WorkbookRels = Header +
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
        "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>" +
        "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>" +
        "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>" +
        "</Relationships>";

    // Style 1 = bold title, 2 = centred wrapped header (multi-line bilingual cells), 3 = right-aligned number.
    private const string Styles = Header +
        "<styleSheet xmlns=\"" + MainNs + "\">" +
        "<fonts count=\"2\"><font><sz val=\"10\"/><name val=\"宋体\"/><family val=\"3\"/><charset val=\"134\"/></font>" +
        "<font><b/><sz val=\"12\"/><name val=\"宋体\"/><family val=\"3\"/><charset val=\"134\"/></font></fonts>" +
        "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>" +
        "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>" +
        "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>" +
        "<cellXfs count=\"4\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>" +
        "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>" +
        "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\"><alignment horizontal=\"center\" vertical=\"center\" wrapText=\"1\"/></xf>" +
        "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\"><alignment horizontal=\"right\"/></xf></cellXfs>" +
        "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>" +
        "</styleSheet>";

    private static string AppXml(string sheetName) => Header +
        "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" " +
        "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">" +
        "<Application>warehouse demo corpus</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>" +
        "<TitlesOfParts><vt:vector size=\"1\" baseType=\"lpstr\"><vt:lpstr>" + Esc(sheetName) + "</vt:lpstr></vt:vector></TitlesOfParts>" +
        "</Properties>";

    private static string CoreXml(string title, DateOnly stamp)
    {
        var when = stamp.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";
        return Header +
            "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" " +
            "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" " +
            "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">" +
            "<dc:title>" + Esc(title) + "</dc:title><dc:creator>warehouse demo corpus</dc:creator>" +
            "<dc:description>demo corpus: synthetic data, not official statistics</dc:description>" +
            "<dcterms:created xsi:type=\"dcterms:W3CDTF\">" + when + "</dcterms:created>" +
            "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">" + when + "</dcterms:modified>" +
            "</cp:coreProperties>";
    }

    private static string WorkbookXml(string sheetName) => Header +
        "<workbook xmlns=\"" + MainNs + "\" xmlns:r=\"" + RelNs + "\">" +
        "<workbookPr/><bookViews><workbookView xWindow=\"0\" yWindow=\"0\" windowWidth=\"28800\" windowHeight=\"12300\"/></bookViews>" +
        "<sheets><sheet name=\"" + Esc(sheetName) + "\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
}
