using Warehouse.Demo.Economy;

namespace Warehouse.Demo.Tables;

/// <summary>An NBS portal indicator: file name, printed name and unit, canonical unit and digits.</summary>
internal sealed record NbsIndicator(string Name, string Chinese, string RawUnit, string Canonical, decimal Factor, int Decimals);

/// <summary>One row of a years-as-columns export: a province (or 全国) and its values, newest year first.</summary>
internal sealed record NbsRow(short ProvinceCode, string Name, IReadOnlyList<PrintedCell> CellsNewestFirst);

/// <summary>
/// One NBS data-portal export ("分省年度数据", years as columns 2023 … 2010) per indicator of docs/architecture.md#vocabulary.
/// Gaps: Tibet published no FDI for 2010–2013 and no R&amp;D expenditure for 2010 (blank cells).
/// </summary>
internal sealed record NbsExport(NbsIndicator Indicator, IReadOnlyList<NbsRow> Rows)
{
    public const string Source = "nbs_provincial";

    public static readonly IReadOnlyList<NbsIndicator> Indicators =
    [
        new("gdp", "地区生产总值", "亿元", "100M yuan", 1m, 1),
        new("gdp_per_capita", "人均地区生产总值", "元/人", "yuan", 1m, 0),
        new("population", "年末常住人口", "万人", "10k persons", 1m, 0),
        new("area", "行政区域土地面积", "平方公里", "km²", 1m, 0),
        new("rd_expenditure", "R&D经费支出", "万元", "10k yuan", 1m, 0),
        new("loans_balance", "金融机构人民币各项贷款余额", "亿元", "100M yuan", 1m, 1),
        new("fdi_actual", "实际利用外商直接投资额", "万美元", "10k USD", 1m, 0),
        new("trade_total", "经营单位所在地进出口总额", "千美元", "1000 USD", 1m, 0),
        new("road_length", "公路里程", "公里", "km", 1m, 0),
        new("rail_length", "铁路营业里程", "公里", "km", 1m, 0),
        new("usd_cny", "人民币汇率", "元/美元", "yuan per USD", 1m, 4),
    ];

    public string FileName => $"fsnd_{Indicator.Name}.csv";

    public static NbsExport Build(DemoEconomy economy, NbsIndicator indicator)
    {
        var years = Enumerable.Range(DemoEconomy.FirstYear, DemoEconomy.Years).Reverse().ToArray();
        if (indicator.Name == "usd_cny")
        {
            var cells = years.Select(y => Printing.Cell(Printing.Round(DemoEconomy.UsdCny(y), 4), 4)).ToArray();
            return new NbsExport(indicator, [new NbsRow(0, "全国", cells)]);
        }

        var rows = new List<NbsRow>();
        for (var p = 0; p < economy.Provinces.Count; p++)
        {
            var prov = economy.Provinces[p];
            var cells = years.Select(y => IsGap(prov.Code, indicator.Name, y)
                ? PrintedCell.Blank
                : Printing.Cell(Printing.Round(Truth(economy, indicator.Name, p, y), indicator.Decimals), indicator.Decimals)).ToArray();
            rows.Add(new NbsRow(prov.Code, prov.Full, cells));
        }

        return new NbsExport(indicator, rows);
    }

    public IEnumerable<DemoValue> Values()
    {
        foreach (var row in Rows)
        {
            for (var i = 0; i < row.CellsNewestFirst.Count; i++)
            {
                var year = (short)(DemoEconomy.LastYear - i);
                var printed = row.CellsNewestFirst[i].Value;
                yield return new DemoValue(Source, null, Indicator.Name, row.ProvinceCode, year, Indicator.Name, null,
                    printed is { } v ? (double)(v * Indicator.Factor) : null, Indicator.Canonical);
            }
        }
    }

    private static bool IsGap(short province, string indicator, int year) =>
        province == 54 && ((indicator == "fdi_actual" && year <= 2013) || (indicator == "rd_expenditure" && year == 2010));

    private static double Truth(DemoEconomy e, string indicator, int p, int year) => indicator switch
    {
        "gdp" => e.Gdp(p, year),
        "gdp_per_capita" => e.GdpPerCapita(p, year),
        "population" => e.Population(p, year),
        "area" => e.Provinces[p].AreaKm2,
        "rd_expenditure" => e.RdExpenditure(p, year),
        "loans_balance" => e.LoansBalance(p, year),
        "fdi_actual" => e.FdiActual(p, year),
        "trade_total" => e.TradeTotal(p, year),
        "road_length" => e.RoadLength(p, year),
        "rail_length" => e.RailLength(p, year),
        _ => throw new ArgumentOutOfRangeException(nameof(indicator), indicator, "not an NBS demo indicator"),
    };
}
