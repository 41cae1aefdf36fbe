using System.Net;
using System.Text;

namespace Warehouse.Analysis.Output;

/// <summary>Writes a <see cref="RegressionTable"/> as plain text, markdown, LaTeX or an HTML fragment.</summary>
public static class TableRenderer
{
    public static string Text(RegressionTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var labelWidth = Math.Max(12, table.Rows.Max(r => r.Label.Length) + 2);
        var colWidth = Math.Max(12, table.Columns.Concat(table.Rows.SelectMany(r => r.Cells)).Max(c => c.Length) + 2);
        var total = labelWidth + (colWidth * table.Columns.Count);
        var sb = new StringBuilder();
        sb.AppendLine(table.Title);
        sb.AppendLine(new string('=', total));
        sb.Append("".PadRight(labelWidth));
        foreach (var c in table.Columns) sb.Append(c.PadLeft(colWidth));
        sb.AppendLine();
        sb.AppendLine(new string('-', total));
        var footerStarted = false;
        foreach (var row in table.Rows)
        {
            if (row.Kind == RowKind.Footer && !footerStarted)
            {
                sb.AppendLine(new string('-', total));
                footerStarted = true;
            }
            sb.Append(row.Label.PadRight(labelWidth));
            foreach (var c in row.Cells) sb.Append(c.PadLeft(colWidth));
            sb.AppendLine();
        }
        sb.AppendLine(new string('=', total));
        foreach (var n in table.Notes) sb.AppendLine(n);
        return sb.ToString();
    }

    public static string Markdown(RegressionTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var sb = new StringBuilder();
        sb.Append("### ").AppendLine(table.Title).AppendLine();
        sb.Append("| |").AppendJoin("", table.Columns.Select(c => $" {c} |")).AppendLine();
        sb.Append("|---|").AppendJoin("", table.Columns.Select(_ => "---:|")).AppendLine();
        foreach (var row in table.Rows)
        {
            var label = row.Kind == RowKind.Footer ? $"**{row.Label}**" : row.Label.Replace("_", "\\_", StringComparison.Ordinal);
            sb.Append("| ").Append(label).Append(" |").AppendJoin("", row.Cells.Select(c => $" {c.Replace("*", "\\*", StringComparison.Ordinal)} |")).AppendLine();
        }
        sb.AppendLine();
        foreach (var n in table.Notes) sb.Append("_").Append(n.Replace("*", "\\*", StringComparison.Ordinal)).AppendLine("_  ");
        return sb.ToString();
    }

    public static string Latex(RegressionTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var sb = new StringBuilder();
        sb.AppendLine("\\begin{table}[htbp]\\centering");
        sb.Append("\\caption{").Append(Output.Latex.Escape(table.Title)).AppendLine("}");
        sb.Append("\\begin{tabular}{l").Append(new string('c', table.Columns.Count)).AppendLine("}");
        sb.AppendLine("\\hline\\hline");
        sb.Append(' ').AppendJoin("", table.Columns.Select(c => " & " + Output.Latex.Escape(c))).AppendLine(" \\\\");
        sb.AppendLine("\\hline");
        var footerStarted = false;
        foreach (var row in table.Rows)
        {
            if (row.Kind == RowKind.Footer && !footerStarted)
            {
                sb.AppendLine("\\hline");
                footerStarted = true;
            }
            var label = row.Label == "R²" ? "$R^2$" : row.Label == "Within R²" ? "Within $R^2$" : Output.Latex.Escape(row.Label);
            sb.Append(label).AppendJoin("", row.Cells.Select(c => " & " + StarsToLatex(c))).AppendLine(" \\\\");
        }
        sb.AppendLine("\\hline\\hline");
        sb.Append("\\multicolumn{").Append(table.Columns.Count + 1).Append("}{l}{\\footnotesize ")
          .AppendJoin(" ", table.Notes.Select(Output.Latex.Escape)).AppendLine("}");
        sb.AppendLine("\\end{tabular}");
        sb.AppendLine("\\end{table}");
        return sb.ToString();
    }

    private static string StarsToLatex(string cell)
    {
        var stars = cell.Length - cell.TrimEnd('*').Length;
        var body = Output.Latex.Escape(cell.TrimEnd('*'));
        return stars == 0 ? body : $"{body}$^{{{new string('*', stars)}}}$";
    }

    public static string Html(RegressionTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var sb = new StringBuilder();
        sb.Append("<table class=\"regression\">\n<caption>").Append(WebUtility.HtmlEncode(table.Title)).AppendLine("</caption>");
        sb.Append("<thead><tr><th></th>").AppendJoin("", table.Columns.Select(c => $"<th>{WebUtility.HtmlEncode(c)}</th>")).AppendLine("</tr></thead>");
        sb.AppendLine("<tbody>");
        foreach (var row in table.Rows)
        {
            var cls = row.Kind switch { RowKind.StdError => " class=\"se\"", RowKind.Footer => " class=\"footer\"", _ => "" };
            sb.Append("<tr").Append(cls).Append("><th>").Append(WebUtility.HtmlEncode(row.Label)).Append("</th>")
              .AppendJoin("", row.Cells.Select(c => $"<td>{WebUtility.HtmlEncode(c)}</td>")).AppendLine("</tr>");
        }
        sb.AppendLine("</tbody>");
        sb.Append("<tfoot><tr><td colspan=\"").Append(table.Columns.Count + 1).Append("\">")
          .AppendJoin("<br>", table.Notes.Select(WebUtility.HtmlEncode)).AppendLine("</td></tr></tfoot>");
        sb.AppendLine("</table>");
        return sb.ToString();
    }
}
