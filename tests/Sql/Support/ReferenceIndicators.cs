using Warehouse.Bench.Transform;

namespace Warehouse.Tests.Sql.Support;

/// <summary>
/// An independent C# computation of the indicators of docs/architecture.md#formulas from staging rows (newest edition wins),
/// written from the formulas, not from the SQL, to check the SQL against.
/// </summary>
public sealed class ReferenceIndicators
{
    private readonly Dictionary<(int P, int Y, string I, string? Item), double?> current;

    public ReferenceIndicators(IEnumerable<StagingRow> rows)
    {
        current = rows
            .GroupBy(r => (r.ProvinceCode, r.Year, r.Indicator, r.Item))
            .ToDictionary(g => (g.Key.ProvinceCode, g.Key.Year, g.Key.Indicator, g.Key.Item),
                g => g.OrderBy(r => r.Value is null).ThenByDescending(r => r.Edition ?? int.MinValue).First().Value);
    }

    public double? Get(int province, int year, string indicator, string? item = null) =>
        current.TryGetValue((province, year, indicator, item), out var v) ? v : null;

    /// <summary>LQ of manufacturing (C) and producer services (G, I, J, L, M) over the given provinces.</summary>
    public Dictionary<int, (double Lqm, double Lqs)> LocationQuotients(IReadOnlyList<int> provinces, int year)
    {
        string[] services = ["G", "I", "J", "L", "M"];
        var e = provinces.ToDictionary(p => p, p => (
            Total: Get(p, year, "urban_employment", "total")!.Value,
            M: Get(p, year, "urban_employment", "C")!.Value,
            S: services.Sum(s => Get(p, year, "urban_employment", s)!.Value)));
        double total = e.Values.Sum(v => v.Total), m = e.Values.Sum(v => v.M), s = e.Values.Sum(v => v.S);
        return e.ToDictionary(kv => kv.Key, kv => (kv.Value.M / kv.Value.Total / (m / total), kv.Value.S / kv.Value.Total / (s / total)));
    }

    public static double Coagglomeration(double lqm, double lqs) => 1 - Math.Abs(lqm - lqs) / (lqm + lqs) + (lqm + lqs);

    /// <summary>PRODY per product and EXPY per province (Hausmann, Hwang and Rodrik 2007) over the given products.</summary>
    public (Dictionary<string, double> Prody, Dictionary<int, double> Expy) Sophistication(IReadOnlyList<int> provinces, int year, IReadOnlyList<string> products)
    {
        var shares = new Dictionary<int, Dictionary<string, double>>();
        var y = new Dictionary<int, double>();
        foreach (int p in provinces)
        {
            var x = products.ToDictionary(k => k, k => Get(p, year, "hightech_export_delivery", k) ?? 0);
            double basket = x.Values.Sum();
            double? gdpPc = Get(p, year, "gdp_per_capita");
            if (basket <= 0 || gdpPc is null)
                continue;
            shares[p] = x.ToDictionary(kv => kv.Key, kv => kv.Value / basket);
            y[p] = gdpPc.Value;
        }

        var prody = new Dictionary<string, double>();
        foreach (string k in products)
        {
            double denominator = shares.Values.Sum(s => s[k]);
            if (denominator > 0)
                prody[k] = shares.Sum(s => s.Value[k] / denominator * y[s.Key]);
        }

        var expy = shares.ToDictionary(s => s.Key, s => prody.Sum(kv => s.Value[kv.Key] * kv.Value));
        return (prody, expy);
    }

    /// <summary>Controls from the definitions, converting every quantity to base units (yuan, USD, km, km²) first.</summary>
    public (double Rd, double Fin, double Fdi, double Ti, double Open, double LnGdpPc) Controls(int p, int year)
    {
        const double yuanPer100MYuan = 1e8, yuanPer10kYuan = 1e4, usdPer10kUsd = 1e4, usdPer1000Usd = 1e3;
        double gdpYuan = Get(p, year, "gdp")!.Value * yuanPer100MYuan;
        double rate = Get(0, year, "usd_cny")!.Value;
        double rdYuan = Get(p, year, "rd_expenditure")!.Value * yuanPer10kYuan;
        double loansYuan = Get(p, year, "loans_balance")!.Value * yuanPer100MYuan;
        double fdiYuan = Get(p, year, "fdi_actual")!.Value * usdPer10kUsd * rate;
        double tradeYuan = Get(p, year, "trade_total")!.Value * usdPer1000Usd * rate;
        double km = Get(p, year, "road_length")!.Value + Get(p, year, "rail_length")!.Value;
        return (rdYuan / gdpYuan, loansYuan / gdpYuan, fdiYuan / gdpYuan, km / Get(p, year, "area")!.Value,
            tradeYuan / gdpYuan, Math.Log(Get(p, year, "gdp_per_capita")!.Value));
    }
}
