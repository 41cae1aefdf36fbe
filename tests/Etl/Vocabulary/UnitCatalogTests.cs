using Warehouse.Etl.Vocabulary;

namespace Warehouse.Tests.Etl.Vocabulary;

[TestFixture]
public sealed class UnitCatalogTests
{
    [TestCase("万人", "10k persons", 1.0)]
    [TestCase("10 000 persons", "10k persons", 1.0)]
    [TestCase("人", "10k persons", 1e-4)]
    [TestCase("万人", "persons", 1e4)]
    [TestCase("亿元", "10k yuan", 1e4)]
    [TestCase("千元", "10k yuan", 0.1)]
    [TestCase("万元", "100M yuan", 1e-4)]
    [TestCase("千美元", "10k USD", 0.1)]
    [TestCase("百万美元", "1000 USD", 1e3)]
    [TestCase("万美元", "1000 USD", 10.0)]
    [TestCase("万公里", "km", 1e4)]
    [TestCase("平方公里", "km²", 1.0)]
    [TestCase("元/美元", "yuan per USD", 1.0)]
    [TestCase("元/100美元", "yuan per USD", 0.01)]
    [TestCase("元/人", "yuan", 1.0)]
    public void Printed_units_convert_to_canonical_units(string raw, string canonical, double factor)
    {
        Assert.That(UnitCatalog.ConversionFactor(raw, canonical), Is.EqualTo(factor).Within(1e-12));
    }

    [Test]
    public void Units_of_different_dimensions_do_not_convert()
    {
        Assert.That(() => UnitCatalog.ConversionFactor("万人", "10k yuan"), Throws.TypeOf<FormatException>().With.Message.Contains("万人"));
    }

    [TestCase("单位：万人", "万人")]
    [TestCase("单位:万元", "万元")]
    [TestCase("(10000 yuan)", "10000 yuan")]
    [TestCase("Unit: 10 000 persons", "10 000 persons")]
    [TestCase("单位：万人　(10 000 persons)", "万人")]
    public void Unit_lines_are_understood(string line, string unit)
    {
        Assert.That(UnitCatalog.FindUnit(line)?.Printed, Is.EqualTo(unit));
    }

    [Test]
    public void Units_inside_header_cells_are_found()
    {
        Assert.That(UnitCatalog.FindUnitInLabel("城镇单位就业人员 (万人)"), Is.EqualTo("万人"));
        Assert.That(UnitCatalog.FindUnitInLabel("营业收入(亿元) Business Revenue(100 million yuan)"), Is.EqualTo("亿元"));
        Assert.That(UnitCatalog.FindUnitInLabel("合计 Total"), Is.Null);
    }
}
