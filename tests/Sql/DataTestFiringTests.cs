using Microsoft.Extensions.Time.Testing;
using Warehouse.Bench.Transform;
using Warehouse.Etl.Transform;
using Warehouse.Tests.Sql.Support;

namespace Warehouse.Tests.Sql;

/// <summary>
/// Each data test fires on a warehouse crafted to break it, with its declared severity, and is quiet on the
/// good warehouse it was crafted from. The good warehouse is built once to a file; each case works on a copy.
/// </summary>
[TestFixture]
public sealed class DataTestFiringTests
{
    private string folder = null!;
    private string goodPath = null!;

    [OneTimeSetUp]
    public void BuildGoodWarehouse()
    {
        folder = Path.Combine(Path.GetTempPath(), "wh-datatests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        goodPath = Path.Combine(folder, "good.duckdb");
        using var good = new TestWarehouse(goodPath);
        good.Load(SyntheticStaging.Generate());
        good.Transform();
    }

    [OneTimeTearDown]
    public void RemoveFiles() => Directory.Delete(folder, recursive: true);

    public static IEnumerable<TestCaseData> Breakages()
    {
        TestCaseData Case(string test, string status, string sql) => new TestCaseData(test, status, sql).SetName($"{test} fires ({status})");
        yield return Case("not_null__fct_provincial__province_code", "fail",
            "insert into fct_provincial select null, year, 'gdp_x', value, unit, source, edition, table_id, raw_sha256, cell from fct_provincial limit 1");
        yield return Case("unique__fct_provincial__province_code__year__indicator", "fail",
            "insert into fct_provincial select * from fct_provincial where province_code = 11 and year = 2015 and indicator = 'gdp'");
        yield return Case("relationships__fct_employment__sector_code__dim_sector", "fail",
            "update fct_employment set sector_code = 'Z' where province_code = 11 and year = 2015 and sector_code = 'T'");
        yield return Case("relationships__fct_hightech__province_code__dim_province", "fail",
            "update fct_hightech set province_code = 99 where province_code = 65 and year = 2015");
        yield return Case("accepted_range__fct_hightech__export_delivery", "fail",
            "update fct_hightech set export_delivery = -1 where province_code = 11 and year = 2015 and group_code = 'pharma'");
        yield return Case("accepted_range__ind_coagglomeration__co_quality", "fail",
            "update ind_coagglomeration set co_quality = 1.5 where province_code = 11 and year = 2015");
        yield return Case("accepted_values__dim_province__region", "fail",
            "update dim_province set region = 'north' where province_code = 11");
        yield return Case("row_count__panel", "fail",
            "delete from panel where province_code = 11 and year = 2015");
        yield return Case("row_count__dim_province", "fail",
            "insert into dim_province values (71, '台湾', '台湾省', 'Taiwan', 'east', false)");
        yield return Case("not_null__panel__co", "warn",
            "update panel set co = null where province_code = 11 and year = 2015");
        yield return Case("assert_no_unexplained_gaps", "fail",
            "update panel set co = null where province_code = 11 and year = 2015");
        yield return Case("assert_sectors_sum_to_total", "warn",
            "update fct_employment set persons_10k = persons_10k + 100 where province_code = 11 and year = 2015 and sector_code = 'C'");
        yield return Case("assert_prody_within_gdp_pc_range", "fail",
            "update ind_prody set prody = 1e9 where year = 2015 and item = 'pharma'");
        yield return Case("assert_expy_within_prody_range", "fail",
            "update ind_expy set expy = 1e9 where year = 2015 and province_code = 11");
        yield return Case("assert_lq_positive", "fail",
            "update ind_location_quotient set lq_manufacturing = 0 where province_code = 11 and year = 2015");
        yield return Case("assert_no_yoy_jumps", "warn",
            "update fct_provincial set value = value * 10 where province_code = 11 and year = 2015 and indicator = 'gdp'");
        yield return Case("assert_prody_dropouts", "warn",
            "delete from ind_export_basket where province_code = 11 and year = 2015");
        yield return Case("assert_no_ambiguous_sources", "warn",
            "insert into staging.observation (source, edition, table_id, province_code, year, indicator, item, value, unit, raw_unit, raw_sha256, cell) select 'statistical_yearbook', edition, table_id, province_code, year, indicator, item, value * 1.01, unit, raw_unit, raw_sha256, cell " +
            "from staging.observation where source = 'nbs_provincial' and indicator = 'gdp' and province_code = 11 and year = 2015");
        yield return Case("assert_staging_rows_recognised", "warn",
            "insert into staging.observation (source, edition, table_id, province_code, year, indicator, item, value, unit, raw_unit, raw_sha256, cell) values ('labour_yearbook', 2016, '4-2', 99, 2015, 'urban_employment', 'C', 1, '10k persons', null, repeat('b', 64), 'row 40, col 2')");
    }

    [TestCaseSource(nameof(Breakages))]
    public void A_crafted_breakage_fires_its_test_with_the_declared_severity(string test, string expectedStatus, string breakage)
    {
        using var warehouse = Copy();
        var before = Results(warehouse, "before", test);
        Assert.That(before[test], Is.EqualTo("pass"), "quiet on the good warehouse");
        warehouse.Execute(breakage);
        // Staging reaches the tests through tables the transform builds (int_observations_ranked), as in a build.
        if (breakage.Contains("staging.observation", StringComparison.Ordinal))
            warehouse.Transform();
        var after = Results(warehouse, "after", test);
        Assert.That(after[test], Is.EqualTo(expectedStatus));
    }

    [Test]
    public void A_gap_with_a_recorded_reason_is_not_an_error()
    {
        using var warehouse = Copy();
        warehouse.Execute("update panel set co = null where province_code = 11 and year = 2015");
        warehouse.Execute("insert into seeds.known_gap values (11, 2015, 'labour yearbook 2016 misprinted Beijing')");
        var results = Results(warehouse, "gap", "assert_no_unexplained_gaps", "not_null__panel__co");
        Assert.Multiple(() =>
        {
            Assert.That(results["assert_no_unexplained_gaps"], Is.EqualTo("pass"));
            Assert.That(results["not_null__panel__co"], Is.EqualTo("warn"), "still visible as a warning");
        });
    }

    [Test]
    public void A_test_whose_relation_is_missing_fails_with_the_error_in_its_sample()
    {
        using var warehouse = Copy();
        warehouse.Execute("drop table ind_prody");
        var summary = DataTestRunner.Run(warehouse.Connection, "broken", new FakeTimeProvider());
        var sample = warehouse.Scalar("select sample from meta.test_result where run_id = 'broken' and test_name = 'not_null__ind_prody__prody'") as string;
        Assert.Multiple(() =>
        {
            Assert.That(summary.HasErrors, Is.True);
            Assert.That(sample, Does.Contain("ind_prody"));
        });
    }

    [Test]
    public void Results_are_recorded_with_the_run_id_and_the_injected_time()
    {
        using var warehouse = Copy();
        var now = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);
        DataTestRunner.Run(warehouse.Connection, "run-42", new FakeTimeProvider(now));
        var row = warehouse.Rows("select min(executed_at) as first, max(executed_at) as last, count(*) as n from meta.test_result where run_id = 'run-42'").Single();
        Assert.Multiple(() =>
        {
            Assert.That(((DateTime)row["first"]!).ToUniversalTime(), Is.EqualTo(now.UtcDateTime));
            Assert.That(((DateTime)row["last"]!).ToUniversalTime(), Is.EqualTo(now.UtcDateTime));
            Assert.That(Convert.ToInt64(row["n"]), Is.EqualTo(DataTestCompiler.Compile(ModelCatalog.Load()).Count));
        });
    }

    private TestWarehouse Copy()
    {
        string path = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".duckdb");
        File.Copy(goodPath, path);
        return new TestWarehouse(path);
    }

    /// <summary>Runs only the named tests (the firing of one test must not depend on the speed of the others).</summary>
    private static Dictionary<string, string> Results(TestWarehouse warehouse, string runId, params string[] tests)
    {
        DataTestRunner.Run(warehouse.Connection, runId, new FakeTimeProvider(), null, t => tests.Contains(t.Name));
        return warehouse.Rows($"select test_name, status from meta.test_result where run_id = '{runId}'")
            .ToDictionary(r => (string)r["test_name"]!, r => (string)r["status"]!);
    }
}
