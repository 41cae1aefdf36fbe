using Microsoft.Extensions.Time.Testing;
using Warehouse.Bench.Transform;
using Warehouse.Etl.Transform;
using Warehouse.Tests.Sql.Support;

namespace Warehouse.Tests.Sql;

/// <summary>The model on a full synthetic staging table: panel shape, indicators against an independent C# computation, lineage.</summary>
[TestFixture]
public sealed class FullWarehouseTests
{
    private const double Relative = 1e-12;
    private static readonly string[] ProductSet = ["pharma", "aerospace", "electronics_comm", "computers_office", "medical_instruments"];
    private List<StagingRow> rows = null!;
    private ReferenceIndicators reference = null!;
    private TestWarehouse warehouse = null!;
    private int[] sample = null!;

    [OneTimeSetUp]
    public void BuildOnce()
    {
        rows = SyntheticStaging.Generate();
        reference = new ReferenceIndicators(rows);
        sample = SyntheticStaging.Provinces.Where(p => p != 54).ToArray();
        warehouse = new TestWarehouse();
        warehouse.Load(rows);
        warehouse.Transform();
    }

    [OneTimeTearDown]
    public void Dispose() => warehouse.Dispose();

    [Test]
    public void Panel_has_420_rows_168_126_126_and_no_nulls_in_the_model_variables()
    {
        Assert.Multiple(() =>
        {
            Assert.That(warehouse.Scalar("select count(*) from panel"), Is.EqualTo(420));
            Assert.That(warehouse.Scalar("select count(*) from panel where region = 'east'"), Is.EqualTo(168));
            Assert.That(warehouse.Scalar("select count(*) from panel where region = 'middle'"), Is.EqualTo(126));
            Assert.That(warehouse.Scalar("select count(*) from panel where region = 'west'"), Is.EqualTo(126));
            Assert.That(warehouse.Scalar("select count(*) from panel where province_code = 54"), Is.EqualTo(0), "Tibet is excluded");
            Assert.That(warehouse.Scalar(
                "select count(*) from panel where ln_etc is null or co is null or co_sq is null or rd is null or fin is null " +
                "or fdi is null or ti is null or open is null or ln_gdp_pc is null"), Is.EqualTo(0));
        });
    }

    [Test]
    public void Panel_columns_are_the_analysts_interface()
    {
        var columns = warehouse.Rows("select column_name from duckdb_columns() where schema_name = 'main' and table_name = 'panel' order by column_index")
            .Select(r => (string)r["column_name"]!);
        Assert.That(columns, Is.EqualTo(new[]
            { "province_code", "province", "region", "year", "ln_etc", "co", "co_sq", "rd", "fin", "fdi", "ti", "open", "ln_gdp_pc" }));
    }

    [Test]
    public void Location_quotients_and_co_match_the_independent_computation_over_sample_provinces()
    {
        int checkedRows = 0;
        for (int year = SyntheticStaging.FirstYear; year <= SyntheticStaging.LastYear; year++)
        {
            var expected = reference.LocationQuotients(sample, year);
            foreach (var row in warehouse.Rows($"select * from ind_coagglomeration where year = {year}"))
            {
                var (lqm, lqs) = expected[Convert.ToInt32(row["province_code"])];
                Assert.That((double)row["lq_manufacturing"]!, Is.EqualTo(lqm).Within(lqm * Relative));
                Assert.That((double)row["lq_producer_services"]!, Is.EqualTo(lqs).Within(lqs * Relative));
                double co = ReferenceIndicators.Coagglomeration(lqm, lqs);
                Assert.That((double)row["co"]!, Is.EqualTo(co).Within(co * Relative));
                checkedRows++;
            }
        }

        Assert.That(checkedRows, Is.EqualTo(420));
    }

    [Test]
    public void Prody_and_expy_match_the_independent_computation()
    {
        int checkedRows = 0;
        for (int year = SyntheticStaging.FirstYear; year <= SyntheticStaging.LastYear; year++)
        {
            var (prody, expy) = reference.Sophistication(sample, year, ProductSet);
            var sqlPrody = warehouse.Rows($"select item, prody from ind_prody where year = {year}")
                .ToDictionary(r => (string)r["item"]!, r => (double)r["prody"]!);
            Assert.That(sqlPrody.Keys, Is.EquivalentTo(prody.Keys), "info_chemicals is outside the product set");
            foreach (var (item, value) in prody)
                Assert.That(sqlPrody[item], Is.EqualTo(value).Within(value * Relative));
            foreach (var row in warehouse.Rows($"select province_code, expy, ln_expy from ind_expy where year = {year}"))
            {
                double e = expy[Convert.ToInt32(row["province_code"])];
                Assert.That((double)row["expy"]!, Is.EqualTo(e).Within(e * Relative));
                Assert.That((double)row["ln_expy"]!, Is.EqualTo(Math.Log(e)).Within(1e-12));
                checkedRows++;
            }
        }

        Assert.That(checkedRows, Is.EqualTo(420));
    }

    [Test]
    public void Controls_match_the_independent_computation_in_base_units()
    {
        int checkedRows = 0;
        foreach (var row in warehouse.Rows("select * from ind_controls"))
        {
            int p = Convert.ToInt32(row["province_code"]), y = Convert.ToInt32(row["year"]);
            var c = reference.Controls(p, y);
            Assert.Multiple(() =>
            {
                Assert.That((double)row["rd"]!, Is.EqualTo(c.Rd).Within(c.Rd * Relative));
                Assert.That((double)row["fin"]!, Is.EqualTo(c.Fin).Within(c.Fin * Relative));
                Assert.That((double)row["fdi"]!, Is.EqualTo(c.Fdi).Within(c.Fdi * Relative));
                Assert.That((double)row["ti"]!, Is.EqualTo(c.Ti).Within(c.Ti * Relative));
                Assert.That((double)row["open"]!, Is.EqualTo(c.Open).Within(c.Open * Relative));
                Assert.That((double)row["ln_gdp_pc"]!, Is.EqualTo(c.LnGdpPc).Within(1e-12));
            });
            checkedRows++;
        }

        Assert.That(checkedRows, Is.EqualTo(31 * 14));
    }

    [Test]
    public void Every_panel_value_traces_back_through_the_facts_to_a_file_and_cell()
    {
        // For each panel row, every fact row it was computed from carries the archived file and the cell.
        long untraced = Convert.ToInt64(warehouse.Scalar("""
            select count(*) from panel
            join fct_employment e using (province_code, year)
            where e.raw_sha256 is null or e.cell is null
            """)) + Convert.ToInt64(warehouse.Scalar("""
            select count(*) from panel
            join fct_hightech h using (province_code, year)
            where h.export_delivery_raw_sha256 is null or h.export_delivery_cell is null
            """)) + Convert.ToInt64(warehouse.Scalar("""
            select count(*) from panel
            join fct_provincial f using (province_code, year)
            where f.raw_sha256 is null or f.cell is null
            """));
        long traced = Convert.ToInt64(warehouse.Scalar("""
            select count(distinct (f.raw_sha256, f.cell)) from panel
            join fct_provincial f using (province_code, year)
            join staging.observation o on o.raw_sha256 = f.raw_sha256 and o.cell = f.cell
            """));
        Assert.Multiple(() =>
        {
            Assert.That(untraced, Is.Zero);
            Assert.That(traced, Is.EqualTo(420 * 10), "each of the 10 provincial indicators of each panel row is found again in staging");
        });
    }

    [Test]
    public void Newest_edition_wins_and_the_restatements_are_listed_as_revisions()
    {
        var restated = rows.Where(r => r.Edition == r.Year + 2 && r.ProvinceCode == 11 && r.Item == "C").First();
        Assert.Multiple(() =>
        {
            Assert.That(warehouse.Scalar($"select persons_10k from fct_employment where province_code = 11 and year = {restated.Year} and sector_code = 'C'"),
                Is.EqualTo(restated.Value));
            Assert.That(warehouse.Scalar($"select edition from fct_employment where province_code = 11 and year = {restated.Year} and sector_code = 'C'"),
                Is.EqualTo(restated.Year + 2));
            Assert.That(warehouse.Scalar("select count(*) from ind_revisions"),
                Is.EqualTo(SyntheticStaging.Provinces.Length * SyntheticStaging.RestatedYears.Length * 2));
        });
    }

    [Test]
    public void The_data_tests_stay_quiet_on_the_good_warehouse()
    {
        var summary = DataTestRunner.Run(warehouse.Connection, "good", new FakeTimeProvider());
        Assert.That(summary.Messages, Is.Empty);
        Assert.That(summary.Passed, Is.GreaterThan(80));
    }

    [Test]
    public void Every_documented_column_carries_its_comment_in_the_warehouse()
    {
        var comment = warehouse.Scalar("select comment from duckdb_columns() where table_name = 'ind_controls' and column_name = 'fdi'");
        Assert.That(comment, Does.Contain("usd_cny").And.Contain("10k USD").And.Contain("10^4"));
    }
}
