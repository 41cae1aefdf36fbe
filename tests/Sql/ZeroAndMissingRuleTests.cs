using Microsoft.Extensions.Time.Testing;
using Warehouse.Bench.Transform;
using Warehouse.Etl.Transform;
using Warehouse.Tests.Sql.Support;

namespace Warehouse.Tests.Sql;

/// <summary>
/// The zero and missing rules of docs/architecture.md#formulas: each extra province below must leave the hand-check values
/// untouched, because it is not allowed into the national totals or the PRODY sums.
/// </summary>
[TestFixture]
public sealed class ZeroAndMissingRuleTests
{
    private const double Tolerance = 1e-12;
    private const int Year = HandExamples.Year;

    private static TestWarehouse Build(IEnumerable<StagingRow> extra)
    {
        var warehouse = new TestWarehouse();
        warehouse.Load(HandExamples.Rows().Concat(extra));
        warehouse.Transform();
        return warehouse;
    }

    private static void AssertHandValuesUnchanged(TestWarehouse warehouse)
    {
        var co = warehouse.Rows($"select co from ind_coagglomeration where year = {Year} and province_code in (11, 12, 13) order by province_code")
            .Select(r => (double)r["co"]!);
        var prody = warehouse.Rows($"select prody from ind_prody where year = {Year} order by prody").Select(r => (double)r["prody"]!);
        var expy = warehouse.Rows($"select expy from ind_expy where year = {Year} and province_code in (11, 12, 13) order by province_code")
            .Select(r => (double)r["expy"]!);
        Assert.Multiple(() =>
        {
            Assert.That(co, Is.EqualTo(new[] { 2.5761904761904761, 2.6888888888888889, 2.9956521739130435 }).Within(Tolerance));
            Assert.That(prody, Is.EqualTo(new[] { 12.5, 27, 27.5 }).Within(Tolerance));
            Assert.That(expy, Is.EqualTo(new[] { 18.35, 24.4, 27.25 }).Within(Tolerance));
        });
    }

    private static List<Dictionary<string, object?>> Dropouts(TestWarehouse warehouse)
    {
        DataTestRunner.Run(warehouse.Connection, "r", new FakeTimeProvider(), null, t => t.Name == "assert_prody_dropouts");
        var sample = warehouse.Scalar("select sample from meta.test_result where test_name = 'assert_prody_dropouts'") as string;
        return sample is null ? [] : System.Text.Json.JsonSerializer.Deserialize<List<Dictionary<string, object?>>>(sample)!;
    }

    [Test]
    public void A_province_with_zero_exports_drops_out_of_prody_and_is_reported()
    {
        using var warehouse = Build(
            HandExamples.Products.Select(p => Rows.Export(14, Year, p, 0))
                .Append(Rows.Provincial(14, Year, "gdp_per_capita", 1000, "yuan")));
        AssertHandValuesUnchanged(warehouse);
        Assert.That(warehouse.Scalar($"select count(*) from ind_expy where province_code = 14"), Is.Zero);
        Assert.That(Dropouts(warehouse).Select(d => d["province_code"]!.ToString()), Is.EqualTo(new[] { "14" }));
    }

    [Test]
    public void A_province_without_gdp_per_capita_drops_out_of_prody_and_is_reported()
    {
        using var warehouse = Build(HandExamples.Products.Select(p => Rows.Export(14, Year, p, 100)));
        AssertHandValuesUnchanged(warehouse);
        var dropouts = Dropouts(warehouse);
        Assert.That(dropouts, Has.Count.EqualTo(1));
        Assert.That(dropouts[0]["reason"]!.ToString(), Is.EqualTo("no gdp_per_capita"));
    }

    [Test]
    public void An_export_published_as_missing_counts_as_zero()
    {
        using var warehouse = new TestWarehouse();
        warehouse.Load(HandExamples.Rows().Where(r => !(r.ProvinceCode == 13 && r.Item == "pharma"))
            .Append(Rows.Export(13, Year, "pharma", null)));
        warehouse.Transform();
        AssertHandValuesUnchanged(warehouse);
    }

    [Test]
    public void A_product_nobody_exports_gets_no_prody_and_does_not_move_expy()
    {
        using var warehouse = Build([]);
        Assert.That(warehouse.Scalar($"select count(*) from ind_prody where item in ('computers_office', 'medical_instruments')"), Is.Zero);
        AssertHandValuesUnchanged(warehouse);
    }

    [Test]
    public void A_province_with_a_producer_service_section_missing_gets_no_lq_and_stays_out_of_the_totals()
    {
        using var warehouse = Build(Rows.EmploymentTriple(14, Year, 100, 50, null));
        AssertHandValuesUnchanged(warehouse);
        Assert.That(warehouse.Scalar("select count(*) from ind_location_quotient where province_code = 14"), Is.Zero);
    }

    [Test]
    public void A_province_with_zero_total_employment_gets_no_lq_and_stays_out_of_the_totals()
    {
        using var warehouse = Build(Rows.EmploymentTriple(14, Year, 0, 0, 0));
        AssertHandValuesUnchanged(warehouse);
        Assert.That(warehouse.Scalar("select count(*) from ind_location_quotient where province_code = 14"), Is.Zero);
    }

    [Test]
    public void The_printed_national_row_and_excluded_provinces_never_enter_the_totals()
    {
        var extra = Rows.EmploymentTriple(0, Year, 9000, 100, 7000)
            .Concat(Rows.EmploymentTriple(54, Year, 50, 45, 1))
            .Concat(HandExamples.Products.Select(p => Rows.Export(54, Year, p, 500)))
            .Append(Rows.Provincial(54, Year, "gdp_per_capita", 99999, "yuan"))
            .Concat(HandExamples.Products.Select(p => Rows.Export(0, Year, p, 700)))
            .Append(Rows.Provincial(0, Year, "gdp_per_capita", 88888, "yuan"));
        using var warehouse = Build(extra);
        AssertHandValuesUnchanged(warehouse);
        Assert.That(warehouse.Scalar("select count(*) from ind_coagglomeration where province_code in (0, 54)"), Is.Zero);
    }

    [Test]
    public void A_year_with_one_province_only_gives_lq_of_one_and_co_of_three()
    {
        using var warehouse = new TestWarehouse();
        warehouse.Load(Rows.EmploymentTriple(11, 2012, 80, 20, 10));
        warehouse.Transform();
        var row = warehouse.Rows("select * from ind_coagglomeration").Single();
        Assert.Multiple(() =>
        {
            Assert.That((double)row["lq_manufacturing"]!, Is.EqualTo(1).Within(Tolerance));
            Assert.That((double)row["co"]!, Is.EqualTo(3).Within(Tolerance));
        });
    }
}
