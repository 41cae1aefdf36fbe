using System.Globalization;
using System.Net;
using System.Text;
using Warehouse.Etl.Serialization;

namespace Warehouse.Etl.Transform;

/// <summary>Writes the static docs site: <c>index.html</c> (search box, relations by layer, the lineage graph),
/// <c>lineage.svg</c>, and one page per relation under <c>relations/</c>. Offline: no CDN, no external fonts; the
/// search runs in the page over a JSON index embedded in it, so the site also works from <c>file://</c>.</summary>
public static class DocsSiteWriter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The layers in the order the index lists them.</summary>
    private static readonly string[] LayerOrder = ["schema", "staging", "intermediate", "marts", "indicators"];

    private const string Style =
        "body{font-family:system-ui,'Noto Sans CJK SC',sans-serif;max-width:1100px;margin:1.5em auto;padding:0 1em;box-sizing:border-box;color:#111}" +
        "table{border-collapse:collapse;width:100%;margin:.8em 0}th,td{border-bottom:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top;overflow-wrap:anywhere}" +
        "code,pre{font-family:ui-monospace,monospace;font-size:.9em}pre{background:#f6f6f6;padding:.8em;white-space:pre-wrap;overflow-wrap:anywhere}" +
        ".lineage-box{overflow:auto;border:1px solid #ddd;max-height:640px}.lineage-box svg{display:block}" +
        ".pass{color:#166534}.warn{color:#a16207}.fail{color:#b91c1c;font-weight:bold}.never{color:#666}" +
        "#search{width:100%;font-size:1.1em;padding:.4em;box-sizing:border-box}li.hidden{display:none}.muted{color:#555}";

    /// <summary>Writes the site into <paramref name="outDir"/>; returns the files written.</summary>
    /// <param name="relations">From <see cref="DocsCatalog.Build"/>.</param>
    /// <param name="outDir">Folder to write into (created).</param>
    /// <param name="note">A line under the title (which warehouse the types and test results were read from).</param>
    public static IReadOnlyList<string> Write(IReadOnlyList<DocsRelation> relations, string outDir, string note)
    {
        ArgumentNullException.ThrowIfNull(relations);
        var pages = Path.Combine(outDir, "relations");
        Directory.CreateDirectory(pages);
        var written = new List<string>();
        void Put(string path, string content)
        {
            File.WriteAllText(path, content, new UTF8Encoding(false));
            written.Add(path);
        }
        Put(Path.Combine(outDir, "lineage.svg"), LineageSvg.Render(relations));
        Put(Path.Combine(outDir, "index.html"), Index(relations, note));
        foreach (var relation in relations)
            Put(Path.Combine(outDir, relation.Page), Page(relation, relations));
        return written;
    }

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private static string Head(string title, string prefix) =>
        $"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n" +
        $"<title>{E(title)} — Warehouse docs</title>\n<style>{Style}</style>\n</head>\n<body>\n<p><a href=\"{prefix}index.html\">Warehouse docs</a></p>\n";

    private static string Index(IReadOnlyList<DocsRelation> relations, string note)
    {
        var sb = new StringBuilder(Head("Relations", ""));
        sb.Append("<h1>Warehouse relations</h1>\n<p class=\"muted\">").Append(E(note)).AppendLine("</p>");
        sb.AppendLine("<input id=\"search\" type=\"search\" placeholder=\"Search relations, columns, descriptions…\" autocomplete=\"off\" aria-label=\"search\">");
        sb.Append("<p id=\"count\" class=\"muted\">").Append(relations.Count.ToString(Inv)).AppendLine(" relations</p>");
        sb.AppendLine("<ul id=\"relations\">");
        foreach (var relation in relations.OrderBy(r => Array.IndexOf(LayerOrder, r.Layer)).ThenBy(r => r.QualifiedName, StringComparer.Ordinal))
        {
            var summary = relation.Description.Length > 140 ? relation.Description[..139] + "…" : relation.Description;
            sb.Append(Inv, $"<li data-name=\"{E(relation.QualifiedName)}\"><a href=\"{E(relation.Page)}\">{E(relation.QualifiedName)}</a> ")
              .Append(Inv, $"<span class=\"muted\">{E(relation.Layer)} {E(relation.Kind)}, {relation.Columns.Count} columns</span>{(summary.Length > 0 ? " — " + E(summary) : "")}<span class=\"hits muted\"></span></li>\n");
        }
        sb.AppendLine("</ul>");
        sb.AppendLine("<h2>Lineage</h2>\n<p class=\"muted\">Left to right: what each relation reads. Click a box for its page (<a href=\"lineage.svg\">SVG</a>).</p>");
        sb.Append("<div class=\"lineage-box\">").Append(LineageSvg.Render(relations)).AppendLine("</div>");
        var index = relations.Select(r => new
        {
            name = r.QualifiedName,
            layer = r.Layer,
            description = r.Description,
            columns = r.Columns.Select(c => new { name = c.Name, description = c.Description }).ToArray(),
        });
        // The default encoder escapes <, > and &, so the JSON cannot close its script element.
        sb.Append("<script id=\"search-index\" type=\"application/json\">").Append(JsonValueWriter.Serialize(index)).AppendLine("</script>");
        sb.AppendLine(SearchScript);
        sb.AppendLine("</body>\n</html>");
        return sb.ToString();
    }

    /// <summary>Filters the relation list as the user types: every word must occur in the relation's name, description,
    /// or one column's name or description; matching columns are named beside the relation.</summary>
    private const string SearchScript = """
        <script>
        (() => {
          const index = JSON.parse(document.getElementById('search-index').textContent);
          const byName = new Map(index.map(r => [r.name, r]));
          const items = [...document.querySelectorAll('#relations li')];
          const box = document.getElementById('search');
          const count = document.getElementById('count');
          const filter = () => {
            const words = box.value.toLowerCase().split(/\s+/).filter(w => w);
            let shown = 0;
            for (const li of items) {
              const r = byName.get(li.dataset.name);
              const own = (r.name + ' ' + r.layer + ' ' + r.description).toLowerCase();
              const cols = r.columns.filter(c => words.some(w => (c.name + ' ' + c.description).toLowerCase().includes(w)));
              const all = own + ' ' + r.columns.map(c => c.name + ' ' + c.description).join(' ').toLowerCase();
              const match = words.every(w => all.includes(w));
              li.classList.toggle('hidden', !match);
              li.querySelector('.hits').textContent = match && words.length && cols.length ? ' (columns: ' + cols.map(c => c.name).join(', ') + ')' : '';
              if (match) shown++;
            }
            count.textContent = words.length ? shown + ' of ' + items.length + ' relations' : items.length + ' relations';
          };
          box.addEventListener('input', filter);
          const q = new URLSearchParams(location.search).get('q');
          if (q) { box.value = q; filter(); }
        })();
        </script>
        """;

    private static string Links(IReadOnlyList<string> names, IReadOnlyList<DocsRelation> relations)
    {
        if (names.Count == 0) return "<p class=\"muted\">none</p>\n";
        var known = relations.ToDictionary(r => r.QualifiedName, StringComparer.Ordinal);
        var sb = new StringBuilder("<ul>\n");
        foreach (var name in names)
            sb.Append(known.ContainsKey(name) ? $"<li><a href=\"{E(name)}.html\">{E(name)}</a></li>\n" : $"<li>{E(name)}</li>\n");
        return sb.Append("</ul>\n").ToString();
    }

    private static string Page(DocsRelation r, IReadOnlyList<DocsRelation> relations)
    {
        var sb = new StringBuilder(Head(r.QualifiedName, "../"));
        sb.Append("<h1>").Append(E(r.QualifiedName)).AppendLine("</h1>");
        sb.Append(Inv, $"<p class=\"muted\">{E(r.Kind)} · layer {E(r.Layer)} · defined in <code>{E(r.SourceFile)}</code></p>\n");
        sb.Append("<p>").Append(r.Description.Length > 0 ? E(r.Description) : "<em>undocumented</em>").AppendLine("</p>");

        sb.AppendLine("<h2>Columns</h2>\n<table class=\"columns\">\n<thead><tr><th>column</th><th>type</th><th>description</th><th>tests</th></tr></thead>\n<tbody>");
        foreach (var c in r.Columns)
            sb.Append(Inv, $"<tr><td><code>{E(c.Name)}</code></td><td>{E(c.Type)}</td><td>{E(c.Description)}</td><td>{E(string.Join(", ", c.Tests))}</td></tr>\n");
        sb.AppendLine("</tbody>\n</table>");

        sb.AppendLine("<h2>Data tests</h2>");
        if (r.Tests.Count == 0)
        {
            sb.AppendLine("<p class=\"muted\">none</p>");
        }
        else
        {
            sb.AppendLine("<table class=\"tests\">\n<thead><tr><th>test</th><th>severity</th><th>last result</th><th>failing rows</th><th>run</th><th>executed (UTC)</th></tr></thead>\n<tbody>");
            foreach (var t in r.Tests)
            {
                var status = t.Status ?? "never";
                sb.Append(Inv, $"<tr><td><code>{E(t.Name)}</code></td><td>{E(t.Severity)}</td><td class=\"{E(status)}\">{(t.Status is null ? "not run in this warehouse" : E(t.Status))}</td>")
                  .Append(Inv, $"<td>{t.FailingRows?.ToString(Inv) ?? ""}</td><td>{E(t.RunId)}</td><td>{t.ExecutedAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", Inv) ?? ""}</td></tr>\n");
            }
            sb.AppendLine("</tbody>\n</table>");
        }

        sb.AppendLine("<h2>Upstream</h2>").Append(Links(r.Upstream, relations));
        sb.AppendLine("<h2>Downstream</h2>").Append(Links(r.Downstream, relations));
        sb.AppendLine("<h2>SQL</h2>").Append("<pre><code>").Append(E(r.Sql)).AppendLine("</code></pre>");
        sb.AppendLine("</body>\n</html>");
        return sb.ToString();
    }
}
