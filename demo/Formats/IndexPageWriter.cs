using System.Net;
using System.Text;

namespace Warehouse.Demo.Formats;

/// <summary>
/// Index pages that let an HTTP crawl discover the tables: the list markup of the online yearbooks'
/// <c>left.htm</c> (<c>&lt;ul id="foldinglist"&gt;&lt;li&gt;&lt;a href='…'&gt;</c>), relative hrefs, UTF-8.
/// </summary>
internal static class IndexPageWriter
{
    public static byte[] Write(string title, IEnumerable<(string Href, string Text)> links)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.Append("<title>").Append(WebUtility.HtmlEncode(title)).Append("</title>\n</head>\n<body>\n");
        sb.Append("<h1>").Append(WebUtility.HtmlEncode(title)).Append("</h1>\n");
        sb.Append("<p>演示语料（demo corpus）：合成数据，并非官方统计。 Demo corpus: synthetic data, not official statistics.</p>\n");
        sb.Append("<ul id=\"foldinglist\">\n");
        foreach (var (href, text) in links)
        {
            sb.Append("<li><a href='").Append(WebUtility.HtmlEncode(href)).Append("'>").Append(WebUtility.HtmlEncode(text)).Append("</a></li>\n");
        }

        sb.Append("</ul>\n</body>\n</html>\n");
        return new UTF8Encoding(false).GetBytes(sb.ToString());
    }
}
