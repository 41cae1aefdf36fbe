using Warehouse.Demo.Economy;

namespace Warehouse.Bench.Transform;

/// <summary>
/// A full, plausible staging table: 31 provinces (Tibet included, excluded by config) x 2010–2023, every indicator
/// of the vocabulary, the printed national rows, and a later edition that restates some employment figures.
/// Values are smooth random walks from a fixed seed so that no year-on-year jump test fires on it.
/// </summary>
public static class SyntheticStaging
{
    public const int FirstYear = 2010;
    public const int LastYear = 2023;

    /// <summary>The 31 GB/T 2260 province codes in yearbook order (the demo economy's list).</summary>
    public static readonly int[] Provinces = DemoProvinces.All.Select(p => (int)p.Code).ToArray();

    /// <summary>The GB/T 4754-2017 section letters, plus T (international organisations), which yearbooks never print
    /// but staging must carry without harm.</summary>
    public static readonly string[] Sections = [.. DemoSectors.Letters, "T"];

    /// <summary>The six high-tech industry groups (the demo economy's list).</summary>
    public static readonly string[] Groups = DemoHightechGroups.All.Select(g => g.Code).ToArray();

    /// <summary>Years whose employment the edition two years later restates (section C and the total move together).</summary>
    public static readonly int[] RestatedYears = [2012, 2016];

    /// <param name="seed">Seed of the random walks.</param>
    public static List<StagingRow> Generate(int seed = 20240601)
    {
        var random = new Random(seed);
        var rows = new List<StagingRow>();
        int cell = 0;
        StagingRow Row(string source, int? edition, string table, int province, int year, string indicator, string? item, double? value, string unit) =>
            new(source, edition, table, province, year, indicator, item, value, unit,
                $"{source}-{edition?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "portal"}-{table}".PadRight(64, '0'),
                $"row {++cell}, col 3");

        foreach (int province in Provinces)
        {
            double scale = 0.5 + random.NextDouble() * 2;
            var sectionBase = Sections.ToDictionary(s => s, _ => scale * (5 + random.NextDouble() * 60));
            var groupBase = Groups.ToDictionary(g => g, _ => scale * (1000 + random.NextDouble() * 90000));
            double gdp = scale * (5000 + random.NextDouble() * 30000);
            double area = 10000 + random.NextDouble() * 500000;
            double road = area * (0.2 + random.NextDouble());
            double rail = area * (0.005 + random.NextDouble() * 0.02);
            for (int year = FirstYear; year <= LastYear; year++)
            {
                double growth = Math.Pow(1.04 + random.NextDouble() * 0.02, year - FirstYear);
                var sections = Sections.ToDictionary(s => s, s => Math.Round(sectionBase[s] * growth * (0.97 + random.NextDouble() * 0.06), 2));
                foreach (var (section, value) in sections)
                    rows.Add(Row("labour_yearbook", year + 1, "4-2", province, year, "urban_employment", section, value, "10k persons"));
                rows.Add(Row("labour_yearbook", year + 1, "4-2", province, year, "urban_employment", "total", Math.Round(sections.Values.Sum(), 2), "10k persons"));
                if (RestatedYears.Contains(year))
                {
                    double delta = Math.Round(sections["C"] * 0.05, 2);
                    rows.Add(Row("labour_yearbook", year + 2, "4-2", province, year, "urban_employment", "C", sections["C"] + delta, "10k persons"));
                    rows.Add(Row("labour_yearbook", year + 2, "4-2", province, year, "urban_employment", "total", Math.Round(sections.Values.Sum(), 2) + delta, "10k persons"));
                }

                foreach (string group in Groups)
                {
                    double exports = Math.Round(groupBase[group] * growth * (0.95 + random.NextDouble() * 0.1), 1);
                    rows.Add(Row("hightech_yearbook", year + 1, "2-5", province, year, "hightech_export_delivery", group, exports, "10k yuan"));
                    rows.Add(Row("hightech_yearbook", year + 1, "2-3", province, year, "hightech_employment", group, Math.Round(exports / 30), "persons"));
                }

                double g = gdp * growth;
                double population = scale * 3000;
                rows.Add(Row("nbs_provincial", null, "gdp", province, year, "gdp", null, Math.Round(g, 2), "100M yuan"));
                rows.Add(Row("nbs_provincial", null, "gdp_per_capita", province, year, "gdp_per_capita", null, Math.Round(g * 1e8 / (population * 1e4)), "yuan"));
                rows.Add(Row("nbs_provincial", null, "population", province, year, "population", null, population, "10k persons"));
                rows.Add(Row("nbs_provincial", null, "area", province, year, "area", null, Math.Round(area), "km2"));
                rows.Add(Row("nbs_provincial", null, "rd_expenditure", province, year, "rd_expenditure", null, Math.Round(g * 1e4 * (0.005 + random.NextDouble() * 0.002), 1), "10k yuan"));
                rows.Add(Row("nbs_provincial", null, "loans_balance", province, year, "loans_balance", null, Math.Round(g * (1 + random.NextDouble() * 0.1), 2), "100M yuan"));
                rows.Add(Row("nbs_provincial", null, "fdi_actual", province, year, "fdi_actual", null, Math.Round(g * 1e4 / 6.5 * (0.01 + random.NextDouble() * 0.002), 1), "10k USD"));
                rows.Add(Row("nbs_provincial", null, "trade_total", province, year, "trade_total", null, Math.Round(g * 1e5 / 6.5 * (0.2 + random.NextDouble() * 0.02)), "1000 USD"));
                rows.Add(Row("nbs_provincial", null, "road_length", province, year, "road_length", null, Math.Round(road * growth), "km"));
                rows.Add(Row("nbs_provincial", null, "rail_length", province, year, "rail_length", null, Math.Round(rail * growth), "km"));
            }
        }

        for (int year = FirstYear; year <= LastYear; year++)
        {
            rows.Add(Row("nbs_provincial", null, "usd_cny", 0, year, "usd_cny", null, Math.Round(6.1 + random.NextDouble(), 4), "yuan per USD"));
            // The printed national row: deliberately not the sum of the sample provinces (it counts Tibet and is
            // skewed towards manufacturing), so a model that used it for the LQ totals would be caught.
            int y = year;
            var national = Sections.ToDictionary(s => s, s => Math.Round(
                rows.Where(r => r.Year == y && r.Indicator == "urban_employment" && r.Item == s && r.Edition == y + 1).Sum(r => r.Value!.Value)
                * (s == "C" ? 1.5 : 1.1), 2));
            foreach (var (section, value) in national)
                rows.Add(Row("labour_yearbook", year + 1, "4-2", 0, year, "urban_employment", section, value, "10k persons"));
            rows.Add(Row("labour_yearbook", year + 1, "4-2", 0, year, "urban_employment", "total", Math.Round(national.Values.Sum(), 2), "10k persons"));
        }

        return rows;
    }
}
