using Warehouse.Bench.Transform;
using Warehouse.Etl.Config;
using Warehouse.Tests.Sql.Support;

namespace Warehouse.Tests.Sql;

/// <summary>
/// Two portal releases of the same indicator and year (Beijing's GDP as published before the 4th economic-census
/// revision, in an early-2024 export, and after the 5th census revision — the published figures) are all kept
/// with their release, the newest wins under the default precedence, and <c>ind_revisions</c> says what changed.
/// </summary>
[TestFixture]
public sealed class ReleaseVintageTests
{
    private static readonly DateOnly Census4 = new(2019, 11, 1);
    private static readonly DateOnly Census5 = new(2024, 12, 1);

    private static readonly StagingRow[] Releases =
    [
        Gdp(2015, 23014.59, "gdp_2015_2019", "before_econ_census_4", Census4.AddDays(-1)),
        Gdp(2018, 33105.97, "gdp_2015_2019", "econ_census_4", Census4),
        Gdp(2015, 24779.1, "gdp_english", "spec 2024-03", new DateOnly(2024, 3, 1)),
        Gdp(2018, 33106.0, "gdp_english", "spec 2024-03", new DateOnly(2024, 3, 1)),
        Gdp(2015, 26034.1, "gdp_2006_2024", "econ_census_5", Census5),
        Gdp(2018, 35161.4, "gdp_2006_2024", "econ_census_5", Census5),
        Gdp(2015, 999, "gdp_undated", "archived 2026-11-30", null),
        Gdp(2018, 999, "gdp_undated", "archived 2026-11-30", null),
    ];

    private static StagingRow Gdp(int year, double value, string table, string release, DateOnly? date) =>
        Rows.Provincial(11, year, "gdp", value, "100M yuan") with { TableId = table, Release = release, ReleaseDate = date };

    private static TestWarehouse Build(EditionPrecedence precedence)
    {
        var warehouse = new TestWarehouse();
        warehouse.Load(Releases);
        warehouse.Transform(TestWarehouse.DefaultSettings with { Precedence = precedence });
        return warehouse;
    }

    [Test]
    public void Every_release_is_kept_and_the_newest_dated_one_wins()
    {
        using var warehouse = Build(EditionPrecedence.NewestEdition);
        Assert.Multiple(() =>
        {
            Assert.That(warehouse.Scalar("select count(*) from intermediate.int_observations_ranked where province_code = 11 and indicator = 'gdp'"), Is.EqualTo(8L));
            Assert.That(warehouse.Scalar("select value from fct_provincial where province_code = 11 and year = 2018 and indicator = 'gdp'"), Is.EqualTo(35161.4));
            Assert.That(warehouse.Scalar("select value from fct_provincial where province_code = 11 and year = 2015 and indicator = 'gdp'"), Is.EqualTo(26034.1));
            Assert.That(warehouse.Scalar("select release from intermediate.int_observations_current where province_code = 11 and year = 2018 and indicator = 'gdp'"),
                Is.EqualTo("econ_census_5"));
            Assert.That(warehouse.Scalar("select vintage_rank from intermediate.int_observations_ranked where release like 'archived%' and year = 2018"), Is.EqualTo(4L),
                "an export dated only by its archive date never beats a dated release");
        });
    }

    [Test]
    public void Oldest_precedence_takes_the_first_release()
    {
        using var warehouse = Build(EditionPrecedence.OldestEdition);
        Assert.That(warehouse.Scalar("select value from fct_provincial where province_code = 11 and year = 2015 and indicator = 'gdp'"), Is.EqualTo(23014.59));
    }

    [Test]
    public void Revisions_list_each_release_that_restated_a_value_and_by_how_much()
    {
        using var warehouse = Build(EditionPrecedence.NewestEdition);
        var revisions = warehouse.Rows("select * from ind_revisions where province_code = 11 and indicator = 'gdp' order by year, new_vintage_date");
        Assert.That(revisions.Select(r => $"{r["year"]}:{r["old_release"]}->{r["new_release"]}"), Is.EqualTo(new[]
        {
            "2015:before_econ_census_4->spec 2024-03", "2015:spec 2024-03->econ_census_5",
            "2018:econ_census_4->spec 2024-03", "2018:spec 2024-03->econ_census_5",
        }));
        Assert.Multiple(() =>
        {
            Assert.That((double)revisions[0]["rel_change"]!, Is.EqualTo((24779.1 - 23014.59) / 23014.59).Within(1e-12));
            Assert.That((double)revisions[3]["rel_change"]!, Is.EqualTo((35161.4 - 33106.0) / 33106.0).Within(1e-12));
            Assert.That(revisions.Select(r => r["old_edition"]).Concat(revisions.Select(r => r["new_edition"])), Is.All.Null);
        });
    }
}
