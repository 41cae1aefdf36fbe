using System.Net;
using System.Text;

namespace Warehouse.Analysis.Reporting;

/// <summary>A result table of the HTML report (nonlinearity, bootstrap, threshold, mediation): a caption, a header row
/// and rows whose first cell names the spec or term; cells are encoded here.</summary>
internal static class ResultTable
{
    public static string Html(string cssClass, string caption, IReadOnlyList<string> header, IReadOnlyList<string[]> rows)
    {
        var sb = new StringBuilder();
        sb.Append("<table class=\"").Append(cssClass).Append("\">\n<caption>").Append(WebUtility.HtmlEncode(caption)).AppendLine("</caption>");
        sb.Append("<thead><tr>").AppendJoin("", header.Select(h => $"<th>{WebUtility.HtmlEncode(h)}</th>")).AppendLine("</tr></thead>\n<tbody>");
        foreach (var r in rows)
            sb.Append("<tr><th>").Append(WebUtility.HtmlEncode(r[0])).Append("</th>").AppendJoin("", r.Skip(1).Select(c => $"<td>{WebUtility.HtmlEncode(c)}</td>")).AppendLine("</tr>");
        sb.AppendLine("</tbody>\n</table>");
        return sb.ToString();
    }
}
