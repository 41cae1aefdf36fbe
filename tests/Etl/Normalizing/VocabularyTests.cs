using Warehouse.Etl.Vocabulary;

namespace Warehouse.Tests.Etl.Normalizing;

/// <summary>The indicator vocabulary is one table: IndicatorCatalog (C#) and sql/seeds/indicator.csv (SQL) hold the same rows.</summary>
[TestFixture]
public sealed class VocabularyTests
{
    [Test]
    public void The_catalog_and_the_seed_list_the_same_indicators_units_and_items()
    {
        var seed = File.ReadAllLines(Path.Combine(RepositoryPaths.Sql, "seeds", "indicator.csv")).Skip(1)
            .Select(line => line.Split(','))
            .Select(cells => (Name: cells[0], Items: cells[1], Unit: cells[2]))
            .ToList();
        Assert.That(seed.Select(s => s.Name), Is.EquivalentTo(IndicatorCatalog.Vocabulary.Keys));
        foreach (var (name, items, unit) in seed)
            Assert.That((IndicatorCatalog.Vocabulary[name].Unit, IndicatorCatalog.Vocabulary[name].Items), Is.EqualTo((unit, items)), name);
    }

    [TestCase("hightech_enterprises", "count")]
    [TestCase("hightech_revenue", "100M yuan")]
    [TestCase("hightech_profit", "100M yuan")]
    [TestCase("hightech_rd_expenditure", "10k yuan")]
    [TestCase("hightech_new_product_sales", "10k yuan")]
    [TestCase("hightech_new_product_exports", "10k yuan")]
    [TestCase("rd_expenditure", "10k yuan")]
    [TestCase("rd_intensity", "%")]
    public void The_s_and_t_indicators_have_their_canonical_units(string indicator, string unit) =>
        Assert.That(IndicatorCatalog.Vocabulary[indicator].Unit, Is.EqualTo(unit));

    [TestCase("单位：个，亿元", new[] { "个", "亿元" })]
    [TestCase("单位:个.亿元", new[] { "个", "亿元" })]
    [TestCase("单位:个,亿元", new[] { "个", "亿元" })]
    [TestCase("单位：亿元 (100 million yuan)", new[] { "亿元", "100 million yuan" })]
    [TestCase("单位:% (%)", new[] { "%" })]
    [TestCase("单位：平方公里 (sq.km)", new[] { "平方公里", "sq.km" })]
    public void A_unit_line_may_name_several_units(string line, string[] printed) =>
        Assert.That(UnitCatalog.UnitsIn(line).Select(u => u.Printed), Is.EqualTo(printed));
}
