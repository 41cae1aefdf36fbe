using System.Net;
using System.Text;

namespace Warehouse.Demo.Formats;

/// <summary>
/// The pages of an online yearbook edition as the China Statistical Yearbook serves them (…/ndsj/&lt;edition&gt;/):
/// <c>indexch.htm</c>, a GB2312 frameset whose left frame <c>left.htm</c> lists the tables
/// (<c>&lt;ul id="foldinglist"&gt;&lt;li&gt;&lt;a href='html/E0402C.htm'&gt;4-2 …&lt;/a&gt;</c>), and per table a page named by
/// its number (<c>E</c>, chapter and table as two digits each, <c>C</c> for Chinese). Editions that publish a
/// spreadsheet show an image with the Excel file linked beside it instead of an HTML table.
/// </summary>
internal static class YearbookSiteWriter
{
    /// <summary>The numbered file stem of table <c>4-2</c>: <c>E0402C</c>.</summary>
    public static string NumberedStem(string tableNumber)
    {
        var parts = tableNumber.Split('-');
        return "E" + int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture).ToString("00", System.Globalization.CultureInfo.InvariantCulture)
            + int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture).ToString("00", System.Globalization.CultureInfo.InvariantCulture) + "C";
    }

    /// <summary><c>indexch.htm</c>: the table list on the left, a cover page on the right.</summary>
    public static byte[] Frameset(string title) => Page(title,
        "</head>\r\n<frameset cols=\"280,*\" frameborder=\"1\">\r\n" +
        "<frame src=\"left.htm\" name=\"contents\" scrolling=\"auto\">\r\n" +
        "<frame src=\"main.htm\" name=\"main\" scrolling=\"auto\">\r\n" +
        "<noframes><body>本页使用框架。<a href=\"left.htm\">目录</a></body></noframes>\r\n</frameset>\r\n</html>\r\n");

    /// <summary><c>main.htm</c>: the cover page shown beside the list.</summary>
    public static byte[] Cover(string title) => Page(title,
        $"<body>\r\n<h2>{WebUtility.HtmlEncode(title)}</h2>\r\n<p>演示语料（demo corpus）：合成数据，并非官方统计。</p>\r\n</body>\r\n</html>\r\n");

    /// <summary><c>left.htm</c>: chapters as folding list items, each table a link with its number and title.</summary>
    public static byte[] TableList(string title, IEnumerable<(string Chapter, IReadOnlyList<(string Href, string Text)> Tables)> chapters)
    {
        var sb = new StringBuilder("<body>\r\n<ul id=\"foldinglist\">\r\n");
        foreach (var (chapter, tables) in chapters)
        {
            sb.Append("<li>").Append(WebUtility.HtmlEncode(chapter)).Append("\r\n<ul>\r\n");
            foreach (var (href, text) in tables)
                sb.Append("<li><a href='").Append(WebUtility.HtmlEncode(href)).Append("' target=\"main\">").Append(WebUtility.HtmlEncode(text)).Append("</a></li>\r\n");
            sb.Append("</ul></li>\r\n");
        }

        sb.Append("</ul>\r\n</body>\r\n</html>\r\n");
        return Page(title, sb.ToString());
    }

    /// <summary>A numbered page of an edition that publishes the table as a spreadsheet: the image and the Excel link.</summary>
    public static byte[] SpreadsheetPage(string title, string stem, string spreadsheetName) => Page(title,
        $"<body>\r\n<p align=\"center\"><img src=\"{stem}.jpg\" alt=\"{WebUtility.HtmlEncode(title)}\"></p>\r\n" +
        $"<p align=\"center\"><a href=\"{WebUtility.HtmlEncode(spreadsheetName)}\">{WebUtility.HtmlEncode(spreadsheetName)}</a></p>\r\n</body>\r\n</html>\r\n");

    private static byte[] Page(string title, string rest)
    {
        var head = "<html>\r\n<head>\r\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">\r\n" +
            $"<title>{WebUtility.HtmlEncode(title)}</title>\r\n" +
            "<meta name=\"description\" content=\"演示语料 demo corpus: synthetic data, not official statistics\">\r\n" + (rest.StartsWith("</head>", StringComparison.Ordinal) ? string.Empty : "</head>\r\n");
        return ExcelHtmlWriter.Gb18030.GetBytes(head + rest);
    }
}
