using System.Globalization;
using System.Net;
using System.Text;

namespace Warehouse.Etl.Transform;

/// <summary>The lineage graph as a standalone SVG: one linked box per relation (coloured by layer), one curve per
/// dependency; no script, no external resources.</summary>
public static class LineageSvg
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <param name="relations">Every relation; edges are their upstream lists.</param>
    /// <param name="linkPrefix">Prepended to each relation's page path (e.g. <c>../</c> from a relation page).</param>
    public static string Render(IReadOnlyList<DocsRelation> relations, string linkPrefix = "")
    {
        ArgumentNullException.ThrowIfNull(relations);
        var byName = relations.ToDictionary(r => r.QualifiedName, StringComparer.Ordinal);
        var nodes = LineageLayout.Layout(relations.ToDictionary(r => r.QualifiedName, r => r.Upstream, StringComparer.Ordinal));
        var at = nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
        var width = nodes.Max(n => n.X) + LineageLayout.NodeWidth + LineageLayout.Margin;
        var height = nodes.Max(n => n.Y) + LineageLayout.NodeHeight + LineageLayout.Margin;
        var sb = new StringBuilder();
        sb.Append(Inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" class=\"lineage\" viewBox=\"0 0 {width:0} {height:0}\" width=\"{width:0}\" height=\"{height:0}\" role=\"img\" aria-label=\"lineage graph\">\n");
        sb.AppendLine("<style>.edge{fill:none;stroke:#8899aa;stroke-width:1.2}.node rect{stroke:#334;stroke-width:1;rx:4}.node text{font:12px sans-serif;fill:#111}" +
                      ".schema rect{fill:#eee}.staging rect{fill:#dbeafe}.intermediate rect{fill:#e0e7ff}.marts rect{fill:#dcfce7}.indicators rect{fill:#fef3c7}</style>");
        foreach (var relation in relations)
        {
            var to = at[relation.QualifiedName];
            foreach (var up in relation.Upstream.Where(at.ContainsKey))
            {
                var from = at[up];
                var (x1, y1) = (from.X + LineageLayout.NodeWidth, from.Y + (LineageLayout.NodeHeight / 2));
                var (x2, y2) = (to.X, to.Y + (LineageLayout.NodeHeight / 2));
                var dx = (x2 - x1) / 2;
                sb.Append(Inv, $"<path class=\"edge\" data-from=\"{up}\" data-to=\"{relation.QualifiedName}\" d=\"M{x1:0.#} {y1:0.#} C{x1 + dx:0.#} {y1:0.#} {x2 - dx:0.#} {y2:0.#} {x2:0.#} {y2:0.#}\"/>\n");
            }
        }
        foreach (var node in nodes)
        {
            var relation = byName[node.Name];
            var href = WebUtility.HtmlEncode(linkPrefix + relation.Page);
            var label = relation.Name.Length > 30 ? relation.Name[..29] + "…" : relation.Name;
            sb.Append(Inv, $"<a href=\"{href}\" xlink:href=\"{href}\"><g class=\"node {relation.Layer}\" data-relation=\"{node.Name}\"><title>{WebUtility.HtmlEncode(node.Name)} ({relation.Kind})</title>");
            sb.Append(Inv, $"<rect x=\"{node.X:0.#}\" y=\"{node.Y:0.#}\" width=\"{LineageLayout.NodeWidth:0}\" height=\"{LineageLayout.NodeHeight:0}\"/>");
            sb.Append(Inv, $"<text x=\"{node.X + 8:0.#}\" y=\"{node.Y + 17:0.#}\">{WebUtility.HtmlEncode(label)}</text></g></a>\n");
        }
        sb.AppendLine("</svg>");
        return sb.ToString();
    }
}
