using Warehouse.Bench.Transform;
using Warehouse.Etl.Config;
using Warehouse.Tests.Sql.Support;

namespace Warehouse.Tests.Sql;

/// <summary>Which vintage the facts take when several editions or sources publish the same value, and the revisions list.</summary>
[TestFixture]
public sealed class PrecedenceTests
{
    private static readonly StagingRow[] Vintages =
    [
        Rows.Provincial(11, 2015, "gdp", 100, "100M yuan", "statistical_yearbook", 2016),
        Rows.Provincial(11, 2015, "gdp", 110, "100M yuan", "statistical_yearbook", 2017),
        Rows.Provincial(11, 2015, "gdp", 121, "100M yuan", "statistical_yearbook", 2019),
        Rows.Provincial(11, 2015, "gdp", 999, "100M yuan", "nbs_provincial", null),
        Rows.Provincial(12, 2015, "gdp", 50, "100M yuan", "statistical_yearbook", 2016),
        Rows.Provincial(12, 2015, "gdp", null, "100M yuan", "statistical_yearbook", 2017),
        Rows.Provincial(13, 2015, "gdp", 0, "100M yuan", "statistical_yearbook", 2016),
        Rows.Provincial(13, 2015, "gdp", 7, "100M yuan", "statistical_yearbook", 2017),
    ];

    private static TestWarehouse Build(EditionPrecedence precedence)
    {
        var warehouse = new TestWarehouse();
        warehouse.Load(Vintages);
        warehouse.Transform(TestWarehouse.DefaultSettings with { Precedence = precedence });
        return warehouse;
    }

    private static object? Gdp(TestWarehouse w, int province) =>
        w.Scalar($"select value from fct_provincial where province_code = {province} and indicator = 'gdp'");

    [Test]
    public void Newest_edition_is_the_default_and_editions_beat_undated_portal_exports()
    {
        using var warehouse = Build(EditionPrecedence.NewestEdition);
        Assert.Multiple(() =>
        {
            Assert.That(Gdp(warehouse, 11), Is.EqualTo(121.0));
            Assert.That(warehouse.Scalar("select edition from fct_provincial where province_code = 11"), Is.EqualTo(2019));
        });
    }

    [Test]
    public void Oldest_edition_when_configured()
    {
        using var warehouse = Build(EditionPrecedence.OldestEdition);
        Assert.That(Gdp(warehouse, 11), Is.EqualTo(100.0));
    }

    [Test]
    public void A_later_edition_printing_missing_does_not_erase_a_value()
    {
        using var warehouse = Build(EditionPrecedence.NewestEdition);
        Assert.That(Gdp(warehouse, 12), Is.EqualTo(50.0));
    }

    [Test]
    public void Revisions_list_each_restatement_with_its_relative_change()
    {
        using var warehouse = Build(EditionPrecedence.NewestEdition);
        var revisions = warehouse.Rows("select * from ind_revisions order by province_code, new_edition");
        Assert.That(revisions.Select(r => $"{r["province_code"]}:{r["old_edition"]}->{r["new_edition"]}"),
            Is.EqualTo(new[] { "11:2016->2017", "11:2017->2019", "12:2016->2017", "13:2016->2017" }));
        Assert.Multiple(() =>
        {
            Assert.That((double)revisions[0]["rel_change"]!, Is.EqualTo(0.1).Within(1e-12));
            Assert.That((double)revisions[1]["rel_change"]!, Is.EqualTo(0.1).Within(1e-12));
            Assert.That(revisions[2]["new_value"], Is.Null, "a value restated as missing is a revision too");
            Assert.That(revisions[3]["rel_change"], Is.Null, "no relative change from zero");
        });
    }
}
