using Warehouse.Demo.Economy;
using Warehouse.Demo.Formats;
using Warehouse.Demo.Tables;

namespace Warehouse.Demo;

/// <summary>One file of the mirror: its path relative to the mirror root (always with '/') and its bytes.</summary>
internal sealed record MirrorFile(string Path, byte[] Content);

/// <summary>
/// Assembles the mirror in the agreed layout (see the brief "The demo mirror's layout"):
/// <c>labour/&lt;edition&gt;/urban_employment_by_sector.{htm|xlsx}</c>,
/// <c>hightech/&lt;edition&gt;/hightech_{export_delivery|employment}.{htm|xlsx}</c>, <c>nbs/fsnd_&lt;indicator&gt;.csv</c>,
/// and index pages linking editions and tables.
/// </summary>
internal static class DemoMirror
{
    public const int FirstEdition = DemoEconomy.FirstYear + 1;
    public const int LastEdition = DemoEconomy.LastYear + 1;

    public static IEnumerable<int> Editions => Enumerable.Range(FirstEdition, LastEdition - FirstEdition + 1);

    /// <summary>Every printed table with its rendering, in a fixed order.</summary>
    public static IEnumerable<(string Path, Func<byte[]> Render, IEnumerable<DemoValue> Values)> Tables(DemoEconomy economy)
    {
        foreach (var edition in Editions)
        {
            var labour = LabourTable.Build(economy, edition);
            yield return ($"labour/{edition}/{LabourRendering.FileName(edition)}", () => LabourRendering.Render(labour), labour.Values());
        }

        foreach (var edition in Editions)
        {
            foreach (var measure in new[] { HightechMeasure.ExportDelivery, HightechMeasure.Employment })
            {
                var table = HightechTable.Build(economy, edition, measure);
                yield return ($"hightech/{edition}/{HightechRendering.FileName(measure, edition)}",
                    () => HightechRendering.Render(table, measure), table.Values());
            }
        }

        foreach (var indicator in NbsExport.Indicators)
        {
            var export = NbsExport.Build(economy, indicator);
            yield return ($"nbs/{export.FileName}", () => NbsCsvWriter.Write(export), export.Values());
        }
    }

    public static IEnumerable<MirrorFile> Files(DemoEconomy economy)
    {
        var tables = Tables(economy).ToList();
        var rendered = new List<MirrorFile>();
        foreach (var (path, render, _) in tables)
        {
            var file = new MirrorFile(path, render());
            rendered.Add(file);
            yield return file;
        }

        foreach (var file in IndexPages(tables.Select(t => t.Path).ToList()))
        {
            yield return file;
        }

        foreach (var file in SitePages(rendered))
        {
            yield return file;
        }
    }

    /// <summary>
    /// Each yearbook edition also as the online yearbook serves it (<c>&lt;edition&gt;/indexch.htm</c>, a frameset with the
    /// table list <c>left.htm</c> and numbered table pages <c>html/E0402C.htm</c>; a spreadsheet edition's page shows
    /// an image and links <c>html/E0402C.xlsx</c>), so the default build and <c>demo serve</c> crawl the real layout.
    /// The same bytes as the flat files, under their numbered names.
    /// </summary>
    private static IEnumerable<MirrorFile> SitePages(IReadOnlyList<MirrorFile> rendered)
    {
        foreach (var source in new[] { "labour", "hightech" })
        {
            foreach (var edition in Editions)
            {
                var prefix = $"{source}/{edition}/";
                var title = $"{SiteTitles[source]} {edition}";
                var links = new List<(string Href, string Text)>();
                foreach (var table in rendered.Where(f => f.Path.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(f => f.Path, StringComparer.Ordinal))
                {
                    var name = table.Path[prefix.Length..];
                    var text = LinkText(name);
                    var stem = YearbookSiteWriter.NumberedStem(text.Split(' ')[0]);
                    var extension = System.IO.Path.GetExtension(name);
                    if (extension == ".htm")
                    {
                        yield return new MirrorFile($"{prefix}html/{stem}.htm", table.Content);
                    }
                    else
                    {
                        yield return new MirrorFile($"{prefix}html/{stem}.htm", YearbookSiteWriter.SpreadsheetPage(text, stem, stem + extension));
                        yield return new MirrorFile($"{prefix}html/{stem}{extension}", table.Content);
                    }

                    links.Add(($"html/{stem}.htm", text));
                }

                yield return new MirrorFile($"{prefix}indexch.htm", YearbookSiteWriter.Frameset(title));
                yield return new MirrorFile($"{prefix}main.htm", YearbookSiteWriter.Cover(title));
                yield return new MirrorFile($"{prefix}left.htm", YearbookSiteWriter.TableList(title,
                    links.GroupBy(l => l.Text.Split('-')[0]).Select(g => ($"第{g.Key}章", (IReadOnlyList<(string, string)>)g.OrderBy(l => l.Href, StringComparer.Ordinal).ToList()))));
            }
        }
    }

    private static readonly Dictionary<string, string> SiteTitles = new(StringComparer.Ordinal)
    {
        ["labour"] = "中国劳动统计年鉴（演示）",
        ["hightech"] = "中国高技术产业统计年鉴（演示）",
    };

    private static IEnumerable<MirrorFile> IndexPages(IReadOnlyList<string> tablePaths)
    {
        var titles = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["labour"] = "中国劳动统计年鉴（演示） China Labour Statistical Yearbook (demo)",
            ["hightech"] = "中国高技术产业统计年鉴（演示） China Statistics Yearbook on High Technology Industry (demo)",
            ["nbs"] = "国家数据 分省年度数据（演示） NBS provincial annual data (demo)",
        };

        yield return new MirrorFile("index.html", IndexPageWriter.Write("warehouse demo corpus",
            titles.Select(t => ($"{t.Key}/index.html", t.Value))));

        foreach (var source in new[] { "labour", "hightech" })
        {
            yield return new MirrorFile($"{source}/index.html", IndexPageWriter.Write(titles[source],
                Editions.Select(e => ($"{e}/index.html", $"{e}年版 {e} edition"))));
            foreach (var edition in Editions)
            {
                var prefix = $"{source}/{edition}/";
                var links = tablePaths.Where(p => p.StartsWith(prefix, StringComparison.Ordinal))
                    .Select(p => p[prefix.Length..])
                    .Select(name => (name, LinkText(name)));
                yield return new MirrorFile($"{prefix}index.html", IndexPageWriter.Write($"{titles[source]} {edition}", links));
            }
        }

        yield return new MirrorFile("nbs/index.html", IndexPageWriter.Write(titles["nbs"],
            tablePaths.Where(p => p.StartsWith("nbs/", StringComparison.Ordinal)).Select(p => (p[4..], p[4..]))));
    }

    private static string LinkText(string fileName) => Path.GetFileNameWithoutExtension(fileName) switch
    {
        LabourRendering.FileStem => "4-2 分地区按行业分城镇非私营单位就业人员数",
        "hightech_export_delivery" => "2-5 各地区高技术产业出口交货值",
        "hightech_employment" => "2-3 各地区高技术产业平均用工人数",
        var other => other,
    };
}
