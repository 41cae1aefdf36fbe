using Microsoft.Extensions.Time.Testing;
using Warehouse.Bench.Transform;
using Warehouse.Demo;
using Warehouse.Etl.Transform;
using Warehouse.Tests.Sql.Support;

namespace Warehouse.Tests.Demo;

/// <summary>
/// The corpus's values, staged as the extractor would stage them, go through the real SQL model (in-memory
/// DuckDB) to the 420-row analysis panel with every model variable present and no data test failing — so the
/// default build has a complete panel once extraction reads the files back (the round-trip test covers that).
/// </summary>
[TestFixture]
public sealed class DemoCorpusWarehouseTests
{
    private TestWarehouse warehouse = null!;

    [OneTimeSetUp]
    public void Build()
    {
        warehouse = new TestWarehouse();
        warehouse.Load(DemoCorpus.Values().Select(v => new StagingRow(
            v.Source, v.Edition, v.TableId, v.ProvinceCode, v.Year, v.Indicator, v.Item, v.Value, v.Unit,
            RawSha256: "demo", Cell: "demo")));
        warehouse.Transform();
    }

    [OneTimeTearDown]
    public void Dispose() => warehouse.Dispose();

    [Test]
    public void The_panel_has_420_complete_rows_split_168_126_126()
    {
        var rows = warehouse.Rows("select region, count(*) as n, count(ln_etc) as y, count(co) as co, count(rd) as rd, count(fin) as fin, " +
                                  "count(fdi) as fdi, count(ti) as ti, count(open) as open, count(ln_gdp_pc) as gdp from panel group by region order by region");
        var byRegion = rows.ToDictionary(r => (string)r["region"]!, r => r);
        Assert.That(byRegion.Keys, Is.EquivalentTo(new[] { "east", "middle", "west" }));
        Assert.Multiple(() =>
        {
            foreach (var (region, expected) in new[] { ("east", 168L), ("middle", 126L), ("west", 126L) })
            {
                foreach (var column in new[] { "n", "y", "co", "rd", "fin", "fdi", "ti", "open", "gdp" })
                {
                    Assert.That(Convert.ToInt64(byRegion[region][column], System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(expected), $"{region} {column}");
                }
            }
        });
    }

    [Test]
    public void No_data_test_fails_and_no_staged_row_goes_unrecognised()
    {
        var summary = DataTestRunner.Run(warehouse.Connection, "demo-test", new FakeTimeProvider());
        TestContext.Out.WriteLine(string.Join("\n", summary.Messages));
        Assert.That(summary.Failed, Is.Zero, string.Join("\n", summary.Messages));
        Assert.That(summary.Messages, Has.None.Contains("assert_staging_rows_recognised"));
        Assert.That(summary.Messages, Has.None.Contains("assert_sectors_sum_to_total"));
    }

    [Test]
    public void Controls_and_export_sophistication_are_in_plausible_ranges()
    {
        var ranges = warehouse.Rows("select min(co) as co_min, max(co) as co_max, min(ln_etc) as y_min, max(ln_etc) as y_max, " +
                                    "min(rd) as rd_min, max(rd) as rd_max, min(open) as open_min, max(open) as open_max from panel").Single();
        double Get(string key) => Convert.ToDouble(ranges[key], System.Globalization.CultureInfo.InvariantCulture);
        TestContext.Out.WriteLine(string.Join(", ", ranges.Select(kv => $"{kv.Key}={kv.Value}")));
        Assert.Multiple(() =>
        {
            Assert.That(Get("co_min"), Is.GreaterThan(1.0));
            Assert.That(Get("co_max"), Is.LessThan(6.0));
            // ln of a GDP-per-capita-weighted index in yuan: EXPY between ~20 000 and ~200 000 yuan.
            Assert.That(Get("y_min"), Is.GreaterThan(Math.Log(20000)));
            Assert.That(Get("y_max"), Is.LessThan(Math.Log(200000)));
            Assert.That(Get("rd_max"), Is.LessThan(0.08), "R&D / GDP below 8 %");
            Assert.That(Get("open_max"), Is.LessThan(3.0), "trade / GDP below 300 %");
        });
    }
}
