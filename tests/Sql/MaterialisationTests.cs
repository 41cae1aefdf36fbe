using Warehouse.Tests.Sql.Support;

namespace Warehouse.Tests.Sql;

/// <summary>Where each layer lives and how it is materialised, and that a change of materialisation re-applies cleanly.</summary>
[TestFixture]
public sealed class MaterialisationTests
{
    private static string? Kind(TestWarehouse w, string schema, string name) =>
        w.Scalar($"select 'table' from duckdb_tables() where schema_name = '{schema}' and table_name = '{name}' " +
                 $"union all select 'view' from duckdb_views() where schema_name = '{schema}' and view_name = '{name}'") as string;

    [Test]
    public void Analyst_relations_are_tables_in_main_and_internals_live_in_their_schemas()
    {
        using var warehouse = new TestWarehouse();
        warehouse.Transform();
        Assert.Multiple(() =>
        {
            Assert.That(Kind(warehouse, "main", "panel"), Is.EqualTo("table"));
            Assert.That(Kind(warehouse, "main", "fct_employment"), Is.EqualTo("table"));
            Assert.That(Kind(warehouse, "main", "dim_province"), Is.EqualTo("table"));
            Assert.That(Kind(warehouse, "staging", "stg_observation"), Is.EqualTo("view"));
            Assert.That(Kind(warehouse, "intermediate", "int_sample_grid"), Is.EqualTo("view"));
            Assert.That(Kind(warehouse, "intermediate", "int_observation_revisions"), Is.EqualTo("table"), "materialized: table in its YAML");
            Assert.That(Kind(warehouse, "intermediate", "int_observations_ranked"), Is.EqualTo("table"), "materialized: table in its YAML");
            Assert.That(Kind(warehouse, "intermediate", "int_observations_current"), Is.EqualTo("table"), "materialized: table in its YAML");
        });
    }

    [Test]
    public void A_relation_that_changed_from_table_to_view_is_replaced()
    {
        using var warehouse = new TestWarehouse();
        warehouse.Execute("create table intermediate.int_sample_grid as select 1 as stale");
        warehouse.Execute("create view main.panel as select 1 as stale");
        warehouse.Load(HandExamples.Rows());
        warehouse.Transform();
        Assert.Multiple(() =>
        {
            Assert.That(Kind(warehouse, "intermediate", "int_sample_grid"), Is.EqualTo("view"));
            Assert.That(Kind(warehouse, "main", "panel"), Is.EqualTo("table"));
            Assert.That(warehouse.Scalar("select count(*) from panel"), Is.EqualTo(420));
        });
    }

    [Test]
    public void A_second_transform_over_the_same_warehouse_gives_the_same_panel()
    {
        using var warehouse = new TestWarehouse();
        warehouse.Load(HandExamples.Rows());
        warehouse.Transform();
        var first = warehouse.Rows("select * from ind_coagglomeration order by province_code");
        warehouse.Transform();
        Assert.That(warehouse.Rows("select * from ind_coagglomeration order by province_code"), Is.EqualTo(first));
    }
}
