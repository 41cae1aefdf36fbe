using Warehouse.Bench.Transform;
using Warehouse.Tests.Sql.Support;

namespace Warehouse.Tests.Sql;

/// <summary>
/// Each control with numbers in the canonical units whose answer is worked out by hand in base units:
/// GDP 10 000 (100M yuan) = 1e12 yuan in 2015 (rate 6.5) and 2016 (rate 7.0).
/// </summary>
[TestFixture]
public sealed class ControlUnitTests
{
    private const double Tolerance = 1e-15;
    private TestWarehouse warehouse = null!;

    [OneTimeSetUp]
    public void Build()
    {
        warehouse = new TestWarehouse();
        var rows = new List<StagingRow>
        {
            Rows.Provincial(0, 2015, "usd_cny", 6.5, "yuan per USD"),
            Rows.Provincial(0, 2016, "usd_cny", 7.0, "yuan per USD"),
        };
        foreach (int year in new[] { 2015, 2016 })
        {
            rows.Add(Rows.Provincial(32, year, "gdp", 10000, "100M yuan"));
            rows.Add(Rows.Provincial(32, year, "rd_expenditure", 2_000_000, "10k yuan"));
            rows.Add(Rows.Provincial(32, year, "loans_balance", 15000, "100M yuan"));
            rows.Add(Rows.Provincial(32, year, "fdi_actual", 100_000, "10k USD"));
            rows.Add(Rows.Provincial(32, year, "trade_total", 50_000_000, "1000 USD"));
            rows.Add(Rows.Provincial(32, year, "road_length", 150_000, "km"));
            rows.Add(Rows.Provincial(32, year, "rail_length", 5_000, "km"));
            rows.Add(Rows.Provincial(32, year, "area", 200_000, "km2"));
            rows.Add(Rows.Provincial(32, year, "gdp_per_capita", 60_000, "yuan"));
        }

        warehouse.Load(rows);
        warehouse.Transform();
    }

    [OneTimeTearDown]
    public void Dispose() => warehouse.Dispose();

    private double Control(string column, int year = 2015) =>
        (double)warehouse.Scalar($"select {column} from ind_controls where province_code = 32 and year = {year}")!;

    [Test]
    public void Rd_is_10k_yuan_over_100m_yuan_times_ten_thousand() =>
        Assert.That(Control("rd"), Is.EqualTo(0.02).Within(Tolerance));          // 2e10 yuan / 1e12 yuan

    [Test]
    public void Fin_is_a_ratio_of_two_100m_yuan_amounts() =>
        Assert.That(Control("fin"), Is.EqualTo(1.5).Within(Tolerance));

    [Test]
    public void Fdi_converts_10k_usd_at_the_years_rate()
    {
        Assert.That(Control("fdi"), Is.EqualTo(0.0065).Within(Tolerance));      // 1e9 USD x 6.5 / 1e12 yuan
        Assert.That(Control("fdi", 2016), Is.EqualTo(0.007).Within(Tolerance)); // the 2016 rate, 7.0
    }

    [Test]
    public void Open_converts_1000_usd_at_the_years_rate()
    {
        Assert.That(Control("open"), Is.EqualTo(0.325).Within(Tolerance));      // 5e10 USD x 6.5 / 1e12 yuan
        Assert.That(Control("open", 2016), Is.EqualTo(0.35).Within(Tolerance));
    }

    [Test]
    public void Ti_is_km_of_road_and_rail_per_km2() =>
        Assert.That(Control("ti"), Is.EqualTo(0.775).Within(Tolerance));         // 155 000 km / 200 000 km2

    [Test]
    public void Ln_gdp_pc_is_the_log_of_yuan_per_person() =>
        Assert.That(Control("ln_gdp_pc"), Is.EqualTo(Math.Log(60_000)).Within(Tolerance));

    [Test]
    public void Every_control_column_comment_states_its_definition_and_units()
    {
        var comments = warehouse.Rows("select column_name, comment from duckdb_columns() where table_name = 'ind_controls'")
            .ToDictionary(r => (string)r["column_name"]!, r => r["comment"] as string ?? "");
        Assert.Multiple(() =>
        {
            Assert.That(comments["rd"], Does.Contain("rd_expenditure").And.Contain("10k yuan").And.Contain("100M yuan"));
            Assert.That(comments["fin"], Does.Contain("loans_balance").And.Contain("100M yuan"));
            Assert.That(comments["fdi"], Does.Contain("fdi_actual").And.Contain("usd_cny"));
            Assert.That(comments["ti"], Does.Contain("road_length").And.Contain("km2"));
            Assert.That(comments["open"], Does.Contain("trade_total").And.Contain("1000 USD"));
            Assert.That(comments["ln_gdp_pc"], Does.Contain("yuan"));
        });
    }
}
