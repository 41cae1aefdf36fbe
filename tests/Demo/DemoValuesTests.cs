using Warehouse.Demo;
using Warehouse.Demo.Economy;
using Warehouse.Demo.Tables;

namespace Warehouse.Tests.Demo;

/// <summary>What the corpus publishes: complete where the panel needs it, gaps where the brief asks for them.</summary>
[TestFixture]
public sealed class DemoValuesTests
{
    private static readonly short[] SampleProvinces = DemoProvinces.All.Select(p => p.Code).Where(c => c != 54).ToArray();

    private IReadOnlyList<DemoValue> values = [];

    [OneTimeSetUp]
    public void Load() => values = DemoCorpus.Values();

    [Test]
    public void Every_table_contributes_the_expected_number_of_values()
    {
        var labour = values.Count(v => v.Source == "labour_yearbook");
        var hightech = values.Count(v => v.Source == "hightech_yearbook");
        var nbs = values.Count(v => v.Source == "nbs_provincial");
        // labour: 14 editions x (national + 31) x (total + 19); high-tech: 2 tables x 32 rows x (5 groups, +1 from data year 2013)
        Assert.Multiple(() =>
        {
            Assert.That(labour, Is.EqualTo(14 * 32 * 20));
            Assert.That(hightech, Is.EqualTo(2 * 32 * (3 * 5 + 11 * 6)));
            Assert.That(nbs, Is.EqualTo(10 * 31 * 14 + 14));
            Assert.That(values.Select(v => (v.Source, v.Edition, v.TableId, v.ProvinceCode, v.Year, v.Item)).Distinct().Count(),
                Is.EqualTo(values.Count), "one value per key");
            Assert.That(values.Where(v => v.Edition is not null), Has.All.Matches<DemoValue>(v => v.Year == v.Edition - 1));
        });
    }

    [Test]
    public void Units_are_the_canonical_ones_of_the_vocabulary()
    {
        var units = values.GroupBy(v => v.Indicator).ToDictionary(g => g.Key, g => g.Select(v => v.Unit).Distinct().Single());
        Assert.That(units, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["urban_employment"] = "10k persons", ["hightech_export_delivery"] = "10k yuan", ["hightech_employment"] = "persons",
            ["gdp"] = "100M yuan", ["gdp_per_capita"] = "yuan", ["population"] = "10k persons", ["area"] = "km²",
            ["rd_expenditure"] = "10k yuan", ["loans_balance"] = "100M yuan", ["fdi_actual"] = "10k USD",
            ["trade_total"] = "1000 USD", ["road_length"] = "km", ["rail_length"] = "km", ["usd_cny"] = "yuan per USD",
        }));
    }

    [Test]
    public void The_panel_inputs_are_complete_for_30_provinces_and_14_years()
    {
        var index = values.ToLookup(v => (v.Source, v.Indicator, v.ProvinceCode, v.Year, v.Item));
        bool Has(string source, string indicator, short province, int year, string? item) =>
            index[(source, indicator, province, (short)year, item)].Any(v => v.Value is > 0);

        var missing = new List<string>();
        foreach (var p in SampleProvinces)
        {
            for (var year = 2010; year <= 2023; year++)
            {
                foreach (var item in new[] { "total", "C", "G", "I", "J", "L", "M" })
                {
                    if (!Has("labour_yearbook", "urban_employment", p, year, item)) missing.Add($"{p}/{year}/employment {item}");
                }

                if (!Has("hightech_yearbook", "hightech_export_delivery", p, year, "electronics_comm")) missing.Add($"{p}/{year}/exports");
                foreach (var indicator in new[] { "gdp", "gdp_per_capita", "area", "rd_expenditure", "loans_balance", "fdi_actual", "trade_total", "road_length", "rail_length" })
                {
                    if (!Has("nbs_provincial", indicator, p, year, null)) missing.Add($"{p}/{year}/{indicator}");
                }
            }
        }

        Assert.That(missing, Is.Empty);
        Assert.That(Enumerable.Range(2010, 14).All(y => Has("nbs_provincial", "usd_cny", 0, y, null)), Is.True);
    }

    [Test]
    public void Genuine_gaps_are_published_as_missing_in_small_provinces_only()
    {
        var gaps = values.Where(v => v.Value is null).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(gaps.Select(v => v.ProvinceCode).Distinct(), Is.EquivalentTo(new short[] { 46, 54, 63, 64 }));
            Assert.That(gaps.Any(v => v is { ProvinceCode: 54, Indicator: "urban_employment", Item: "O" }), Is.True);
            Assert.That(gaps.Any(v => v is { ProvinceCode: 46, Indicator: "hightech_export_delivery", Item: "aerospace" }), Is.True);
            Assert.That(gaps.Count(v => v is { ProvinceCode: 54, Indicator: "fdi_actual" }), Is.EqualTo(4));
        });
    }

    [Test]
    public void Information_chemicals_appear_from_data_year_2013()
    {
        var years = values.Where(v => v.Item == "info_chemicals").Select(v => v.Year).Distinct().Order();
        Assert.That(years, Is.EqualTo(Enumerable.Range(2013, 11).Select(y => (short)y)));
    }

    [Test]
    public void Sector_names_follow_the_classification_of_the_data_year()
    {
        var economy = DemoEconomy.Create(DemoCorpus.DefaultSeed);
        var old = LabourTable.Build(economy, 2012).Columns.ToDictionary(c => c.Item, c => c.Chinese);
        var current = LabourTable.Build(economy, 2013).Columns.ToDictionary(c => c.Item, c => c.Chinese);
        Assert.Multiple(() =>
        {
            Assert.That(old["I"], Is.EqualTo("信息传输、计算机服务和软件业"));
            Assert.That(current["I"], Is.EqualTo("信息传输、软件和信息技术服务业"));
            // GB/T 4754-2002 prints transport before information services and wholesale: the column order differs.
            Assert.That(LabourTable.Build(economy, 2012).Columns.Select(c => c.Item).Skip(6).Take(3), Is.EqualTo(new[] { "G", "I", "F" }));
            Assert.That(LabourTable.Build(economy, 2013).Columns.Select(c => c.Item).Skip(6).Take(3), Is.EqualTo(new[] { "F", "G", "H" }));
        });
    }

    [Test]
    public void Printed_totals_add_up_and_the_national_labour_row_exceeds_the_provinces()
    {
        var labour = values.Where(v => v is { Source: "labour_yearbook", Edition: 2020 }).ToList();
        var beijing = labour.Where(v => v.ProvinceCode == 11).ToList();
        var sumOfSections = beijing.Where(v => v.Item != "total").Sum(v => v.Value!.Value);
        var provincesTotal = labour.Where(v => v.ProvinceCode != 0 && v.Item == "total").Sum(v => v.Value!.Value);
        var national = labour.Single(v => v.ProvinceCode == 0 && v.Item == "total").Value!.Value;
        Assert.Multiple(() =>
        {
            Assert.That(beijing.Single(v => v.Item == "total").Value!.Value, Is.EqualTo(sumOfSections).Within(1e-6));
            Assert.That(national, Is.InRange(provincesTotal * 1.005, provincesTotal * 1.03));
        });
    }

    [Test]
    public void Magnitudes_are_plausible()
    {
        double Get(string indicator, short p, int year, string? item = null) =>
            values.Where(v => v.Indicator == indicator && v.ProvinceCode == p && v.Year == year && v.Item == item)
                  .OrderByDescending(v => v.Edition).First().Value!.Value;

        Assert.Multiple(() =>
        {
            // National urban non-private employment: some 130–200 million (10k persons).
            Assert.That(Get("urban_employment", 0, 2015, "total"), Is.InRange(11000, 20000));
            // Beijing's economy 2010–2023 in 100M yuan.
            Assert.That(Get("gdp", 11, 2010), Is.InRange(10000, 20000));
            Assert.That(Get("gdp", 11, 2023), Is.InRange(30000, 60000));
            // Coastal export concentration: Guangdong exports far more high-tech goods than Gansu.
            Assert.That(Get("hightech_export_delivery", 44, 2020, "electronics_comm"),
                Is.GreaterThan(50 * Get("hightech_export_delivery", 62, 2020, "electronics_comm")));
            // Beijing is service-heavy: finance and IT alone employ more than half as many as its manufacturing.
            Assert.That(Get("urban_employment", 11, 2020, "J") + Get("urban_employment", 11, 2020, "I"),
                Is.GreaterThan(0.5 * Get("urban_employment", 11, 2020, "C")));
        });
    }
}
