using System.Text;
using Warehouse.Etl.Parsing;

namespace Warehouse.Tests.Etl.Parsing;

[TestFixture]
public sealed class NbsCsvReaderTests
{
    [Test]
    public void Years_as_columns_with_bom_padding_trailing_comma_and_footer()
    {
        var table = Read("csv/fsnd_gdp.csv");
        Assert.Multiple(() =>
        {
            Assert.That(table.Title, Is.EqualTo("指标：地区生产总值(亿元)"));
            Assert.That(table.Columns.Select(c => c.Label), Is.EqualTo(Enumerable.Range(0, 14).Select(i => $"{2023 - i}年")));
            Assert.That(table.Columns.All(c => c.Unit == "亿元"), Is.True, "the indicator line's unit applies to every year column");
            Assert.That(table.Rows.Select(r => r.Label), Is.EqualTo(new[] { "北京市", "内蒙古自治区", "广西壮族自治区", "陕西省", "山西省" }));
            Assert.That(table.Rows[0].Cells[0].Value, Is.EqualTo(133.5));
            Assert.That(table.Rows[1].Cells[13].IsMissing, Is.True, "empty cell = missing");
            Assert.That(table.Rows[1].Cells[13].Location, Is.EqualTo("row 5, col 15"));
            Assert.That(table.Footnotes, Is.EqualTo(new[] { "注：2023年数据为初步核算数。", "数据来源：国家统计局" }));
        });
    }

    [Test]
    public void Gb18030_export_without_bom_is_decoded()
    {
        var table = Read("csv/fsnd_population_gb18030.csv");
        Assert.That(table.Rows.Select(r => r.Label), Is.EqualTo(new[] { "北京市", "新疆维吾尔自治区" }));
        Assert.That(table.UnitLines, Is.EqualTo(new[] { "万人" }));
    }

    [Test]
    public void Indicators_as_columns_keep_units_from_header_cells()
    {
        var table = Read("csv/fsnd_multi_2023.csv");
        Assert.That(table.Year, Is.EqualTo(2023));
        Assert.That(table.Columns.Select(c => c.Unit), Is.EqualTo(new[] { "亿元", "亿元", "元/人" }));
        Assert.That(table.Rows[1].Cells[2].Value, Is.EqualTo(12000));
    }

    [Test]
    public void A_file_without_a_header_line_is_a_parse_error()
    {
        var bytes = Encoding.UTF8.GetBytes("数据库：分省年度数据\n指标：地区生产总值(亿元)\n");
        Assert.That(() => TableReader.Read(bytes, "empty.csv"), Throws.TypeOf<ParseException>().With.Message.Contains("empty.csv"));
    }

    private static RawTable Read(string fixture) => TableReader.Read(TestPaths.FixtureBytes(fixture), TestPaths.Fixture(fixture)).Tables.Single();
}
