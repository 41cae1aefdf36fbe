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
        foreach (var (path, render, _) in tables)
        {
            yield return new MirrorFile(path, render());
        }

        foreach (var file in IndexPages(tables.Select(t => t.Path).ToList()))
        {
            yield return file;
        }
    }

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
