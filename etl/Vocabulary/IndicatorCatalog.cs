namespace Warehouse.Etl.Vocabulary;

/// <summary>An indicator of the vocabulary (docs/architecture.md#vocabulary) with its canonical unit.</summary>
/// <param name="Name">Vocabulary name, e.g. <c>gdp</c>.</param>
/// <param name="Unit">Canonical unit, e.g. <c>100M yuan</c>.</param>
/// <param name="Item">Fixed item for indicators read from a single-item series (e.g. <c>total</c>), else null.</param>
public sealed record IndicatorInfo(string Name, string Unit, string? Item = null);

/// <summary>Indicators of the vocabulary and the Chinese / English names the portal and yearbooks print for them.</summary>
public static class IndicatorCatalog
{
    /// <summary>Vocabulary with canonical units.</summary>
    public static IReadOnlyDictionary<string, IndicatorInfo> Vocabulary { get; } = new Dictionary<string, IndicatorInfo>
    {
        ["urban_employment"] = new("urban_employment", "10k persons"),
        ["hightech_export_delivery"] = new("hightech_export_delivery", "10k yuan"),
        ["hightech_employment"] = new("hightech_employment", "persons"),
        ["gdp"] = new("gdp", "100M yuan"),
        ["gdp_per_capita"] = new("gdp_per_capita", "yuan"),
        ["population"] = new("population", "10k persons"),
        ["area"] = new("area", "km²"),
        ["rd_expenditure"] = new("rd_expenditure", "10k yuan"),
        ["loans_balance"] = new("loans_balance", "100M yuan"),
        ["fdi_actual"] = new("fdi_actual", "10k USD"),
        ["trade_total"] = new("trade_total", "1000 USD"),
        ["road_length"] = new("road_length", "km"),
        ["rail_length"] = new("rail_length", "km"),
        ["usd_cny"] = new("usd_cny", "yuan per USD"),
    };

    /// <summary>Printed names, most specific first (人均地区生产总值 before 地区生产总值).</summary>
    private static readonly (string Indicator, string[] Chinese, string[] English)[] Names =
    [
        ("gdp_per_capita", ["人均地区生产总值", "人均生产总值", "人均GDP"], ["per capita gdp", "gdp per capita", "per capita gross regional product"]),
        ("gdp", ["地区生产总值", "生产总值"], ["gross regional product", "gdp"]),
        ("population", ["年末常住人口", "常住人口", "年末人口", "年末总人口"], ["population"]),
        ("area", ["行政区划面积", "土地面积", "区域面积", "面积"], ["area"]),
        ("rd_expenditure", ["R&D经费内部支出", "R&D经费", "研究与试验发展经费", "研究与试验发展(R&D)经费"], ["expenditure on r d", "r d expenditure"]),
        ("loans_balance", ["贷款余额", "各项贷款"], ["loans"]),
        ("fdi_actual", ["实际利用外商直接投资", "外商直接投资实际使用", "实际使用外商直接投资", "实际使用外资", "外商直接投资"], ["foreign direct investment", "fdi"]),
        ("trade_total", ["进出口总额", "货物进出口"], ["total imports and exports", "imports and exports"]),
        ("road_length", ["公路里程", "公路线路里程"], ["highway", "road"]),
        ("rail_length", ["铁路营业里程", "铁路里程"], ["railway"]),
        ("usd_cny", ["人民币汇率", "汇率"], ["exchange rate"]),
        ("urban_employment", ["城镇单位就业人员", "城镇非私营单位就业人员"], ["employed persons in urban"]),
    ];

    public static bool IsKnown(string indicator) => Vocabulary.ContainsKey(indicator);

    /// <summary>The indicator a printed name (indicator line or header cell) denotes, or null.</summary>
    public static string? Resolve(string printed)
    {
        var text = LabelText.Normalize(printed);
        var latin = LabelText.LatinPart(text);
        foreach (var (indicator, zh, en) in Names)
        {
            if (zh.Any(k => text.Contains(k, StringComparison.OrdinalIgnoreCase)))
                return indicator;
        }

        if (LabelText.ChinesePart(text).Length > 0)
            return null;
        foreach (var (indicator, _, en) in Names)
        {
            if (en.Any(k => latin.Contains(k, StringComparison.Ordinal)))
                return indicator;
        }

        return null;
    }
}
