namespace Warehouse.Etl.Vocabulary;

/// <summary>An indicator of the vocabulary (docs/architecture.md#vocabulary, sql/seeds/indicator.csv) with its canonical unit.</summary>
/// <param name="Name">Vocabulary name, e.g. <c>gdp</c>.</param>
/// <param name="Unit">Canonical unit, e.g. <c>100M yuan</c>.</param>
/// <param name="Items">What its item column holds: <c>none</c> (null item), <c>sectors</c>, <c>hightech_groups</c>, or <c>total</c> only.</param>
public sealed record IndicatorInfo(string Name, string Unit, string Items = "none")
{
    /// <summary>The item of a single-series indicator: null, or <c>total</c> when the vocabulary says so.</summary>
    public string? Item => Items == "total" ? "total" : null;
}

/// <summary>The indicator vocabulary with canonical units; sql/seeds/indicator.csv holds the same rows for the SQL layers (a test keeps them equal).</summary>
public static class IndicatorCatalog
{
    /// <summary>Vocabulary with canonical units.</summary>
    public static IReadOnlyDictionary<string, IndicatorInfo> Vocabulary { get; } = new IndicatorInfo[]
    {
        new("urban_employment", "10k persons", "sectors"),
        new("hightech_export_delivery", "10k yuan", "hightech_groups"),
        new("hightech_employment", "persons", "hightech_groups"),
        new("gdp", "100M yuan"),
        new("gdp_per_capita", "yuan"),
        new("population", "10k persons"),
        new("area", "km²"),
        new("rd_expenditure", "10k yuan"),
        new("loans_balance", "100M yuan"),
        new("fdi_actual", "10k USD"),
        new("trade_total", "1000 USD"),
        new("road_length", "km"),
        new("rail_length", "km"),
        new("usd_cny", "yuan per USD"),
        new("hightech_enterprises", "count"),
        new("hightech_revenue", "100M yuan"),
        new("hightech_profit", "100M yuan"),
        new("hightech_rd_expenditure", "10k yuan"),
        new("hightech_new_product_sales", "10k yuan"),
        new("hightech_new_product_exports", "10k yuan"),
        new("rd_intensity", "%"),
        new("hightech_trade_exports", "1000 USD"),
        new("hightech_trade_imports", "1000 USD"),
        new("hightech_trade_total", "1000 USD"),
    }.ToDictionary(i => i.Name);

    public static bool IsKnown(string indicator) => Vocabulary.ContainsKey(indicator);
}
