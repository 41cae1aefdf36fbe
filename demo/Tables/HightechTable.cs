using Warehouse.Demo.Economy;

namespace Warehouse.Demo.Tables;

/// <summary>Which of the two high-tech yearbook tables.</summary>
internal enum HightechMeasure { ExportDelivery, Employment }

/// <summary>
/// High-tech industry yearbook tables 2-5 (export delivery value by region and group) and 2-3 (average
/// employed persons by region and group). Rows: national total, regional aggregates (the paper's three belts
/// in editions up to 2012, the NBS four regions after), 31 provinces; columns: total + the groups of the
/// classification in force (information chemicals from data year 2013).
/// </summary>
internal static class HightechTable
{
    public const string Source = "hightech_yearbook";

    public static string TableId(HightechMeasure m) => m == HightechMeasure.ExportDelivery ? "2-5" : "2-3";

    public static string Indicator(HightechMeasure m) =>
        m == HightechMeasure.ExportDelivery ? "hightech_export_delivery" : "hightech_employment";

    public static string FileStem(HightechMeasure m) => Indicator(m);

    /// <summary>
    /// Export delivery is printed in thousand yuan in the first two editions, in 100 million yuan (two decimals)
    /// in edition 2019 and in 10k yuan otherwise, so the pipeline's unit conversion is exercised.
    /// </summary>
    public static PrintedUnit UnitFor(HightechMeasure m, int edition) => m switch
    {
        HightechMeasure.Employment => new("人", "(person)", "persons", 1m, 0),
        _ when edition <= 2012 => new("千元", "(1000 yuan)", "10k yuan", 0.1m, 0),
        _ when edition == 2019 => new("亿元", "(100 million yuan)", "10k yuan", 10000m, 2),
        _ => new("万元", "(10000 yuan)", "10k yuan", 1m, 0),
    };

    public static PrintedTable Build(DemoEconomy economy, int edition, HightechMeasure measure)
    {
        var year = edition - 1;
        var unit = UnitFor(measure, edition);
        var groups = DemoHightechGroups.For(year).ToArray();
        var columns = new List<PrintedColumn> { new("total", "合计", "Total", IsValue: false) };
        columns.AddRange(groups.Select(g => new PrintedColumn(g.Code, g.Chinese(year), g.English(year))));

        var provinceRows = new List<PrintedRow>();
        foreach (var (prov, p) in economy.Provinces.Select((prov, p) => (prov, p)))
        {
            var cells = new PrintedCell[columns.Count];
            for (var k = 0; k < groups.Length; k++)
            {
                var truth = measure == HightechMeasure.ExportDelivery
                    ? economy.HightechExport(p, year, groups[k].Code)
                    : economy.HightechEmployment(p, year, groups[k].Code);
                cells[k + 1] = truth is { } v
                    ? Printing.Cell(Printing.Round(v / (double)unit.Factor, unit.Decimals), unit.Decimals)
                    : PrintedCell.Blank;
            }

            cells[0] = Printing.Cell(Printing.Sum(cells.Skip(1).Select(c => c.Value)), unit.Decimals);
            provinceRows.Add(new PrintedRow(prov.Code, prov.Short, EnglishName(prov, edition), cells));
        }

        var rows = new List<PrintedRow> { Aggregate(0, "全国", "National Total", provinceRows, columns.Count, unit) };
        foreach (var (chinese, english, members) in Regions(economy, edition))
        {
            rows.Add(Aggregate(null, chinese, english, provinceRows.Where(r => members.Contains(r.ProvinceCode!.Value)), columns.Count, unit));
        }

        rows.AddRange(provinceRows);
        var (titleCn, titleEn) = measure == HightechMeasure.ExportDelivery
            ? ($"2-5 各地区高技术产业出口交货值({year}年)", $"Export Delivery Value of High-tech Industry by Region ({year})")
            : ($"2-3 各地区高技术产业平均用工人数({year}年)", $"Average Number of Employed Persons in High-tech Industry by Region ({year})");
        var notes = new List<string>
        {
            year >= 2013
                ? "注：自2013年起按《高技术产业(制造业)分类(2013)》统计，新增信息化学品制造业。"
                : "注：按《高技术产业统计分类目录》统计；空白表示该地区无此行业企业。",
            Printing.DemoNoteChinese,
            Printing.DemoNoteEnglish,
        };
        return new PrintedTable(Source, edition, TableId(measure), Indicator(measure), titleCn, titleEn, unit, columns, rows, notes);
    }

    /// <summary>Tibet became "Xizang" in the English editions from 2020 on.</summary>
    private static string EnglishName(DemoProvince prov, int edition) =>
        prov.Code == 54 && edition >= 2020 ? "Xizang" : prov.English;

    private static IEnumerable<(string Chinese, string English, HashSet<short> Members)> Regions(DemoEconomy economy, int edition)
    {
        HashSet<short> Where(Func<DemoProvince, bool> f) => economy.Provinces.Where(f).Select(p => p.Code).ToHashSet();
        if (edition <= 2012)
        {
            yield return ("东部地区", "Eastern Region", Where(p => p.Belt == Belt.East));
            yield return ("中部地区", "Middle Region", Where(p => p.Belt == Belt.Middle));
            yield return ("西部地区", "Western Region", Where(p => p.Belt == Belt.West));
            yield break;
        }

        yield return ("东部地区", "Eastern Region", Where(p => p.Region == NbsRegion.East));
        yield return ("中部地区", "Middle Region", Where(p => p.Region == NbsRegion.Middle));
        yield return ("西部地区", "Western Region", Where(p => p.Region == NbsRegion.West));
        yield return ("东北地区", "Northeast Region", Where(p => p.Region == NbsRegion.Northeast));
    }

    private static PrintedRow Aggregate(short? code, string chinese, string english, IEnumerable<PrintedRow> members, int columns, PrintedUnit unit)
    {
        var list = members.ToList();
        var cells = new PrintedCell[columns];
        for (var c = 0; c < columns; c++)
        {
            cells[c] = Printing.Cell(Printing.Sum(list.Select(r => r.Cells[c].Value)), unit.Decimals);
        }

        return new PrintedRow(code, chinese, english, cells);
    }
}
