using System.Text;
using Warehouse.Etl.Parsing;

namespace Warehouse.Tests.Etl.Parsing;

/// <summary>
/// Pages with more than one table (GB2312 Excel pages written by tests/FixtureSources/make_cell_value_fixtures.py):
/// a navigation table before the data table, the data table inside a layout table's cell, several data tables.
/// </summary>
[TestFixture]
public sealed class MultiTablePageTests
{
    [TestCase("html/employment_navigation_then_data_gb2312.htm")]
    [TestCase("html/employment_inside_layout_gb2312.htm")]
    public void The_data_table_is_found_with_its_own_title_unit_and_clean_labels(string fixture)
    {
        var doc = TableReader.Read(TestPaths.FixtureBytes(fixture), TestPaths.Fixture(fixture));
        var table = doc.Tables.Single();
        Assert.Multiple(() =>
        {
            Assert.That(doc.DetectedCharset ?? doc.DeclaredCharset, Does.StartWith("gb"));
            Assert.That(table.Title, Is.EqualTo("表1-1 分地区城镇单位就业人员数(2020年底)"));
            Assert.That(table.TableNumber, Is.EqualTo("1-1"));
            Assert.That(table.UnitLines, Is.EqualTo(new[] { "单位：万人" }));
            Assert.That(table.Columns.Select(c => c.Label), Is.EqualTo(new[] { "合计", "制造业", "金融业" }));
            Assert.That(table.Rows.Select(r => r.Label), Is.EqualTo(new[] { "北京", "天津" }));
            Assert.That(table.Rows[1].Cells.Select(c => c.Value), Is.EqualTo(new double?[] { 200.5, 30.5, 4.5 }));
        });
    }

    [Test]
    public void Each_of_several_data_tables_keeps_its_title_unit_and_notes()
    {
        const string html = """
            <html><body>
            <p>表2-1 各地区就业人员(2020年)</p><p>单位：万人</p>
            <table><tr><td>地区</td><td>合计</td></tr><tr><td>北京</td><td>1.5</td></tr><tr><td>天津</td><td>2.5</td></tr></table>
            <p>注：就业人员为年底数。</p>
            <p>表2-2 各地区工资总额(2020年)</p><p>单位：亿元</p>
            <table><tr><td>地区</td><td>工资总额</td><td>制造业</td></tr><tr><td>北京</td><td>30.5</td><td>3.5</td></tr></table>
            </body></html>
            """;
        var tables = TableReader.Read(Encoding.UTF8.GetBytes(html), "page.html").Tables;
        Assert.That(tables, Has.Count.EqualTo(2));
        Assert.Multiple(() =>
        {
            Assert.That(tables.Select(t => t.Title), Is.EqualTo(new[] { "表2-1 各地区就业人员(2020年)", "表2-2 各地区工资总额(2020年)" }));
            Assert.That(tables.Select(t => t.UnitLines.Single()), Is.EqualTo(new[] { "单位：万人", "单位：亿元" }));
            Assert.That(tables[0].Footnotes, Is.EqualTo(new[] { "注：就业人员为年底数。" }), "the note after the first table stays its own");
            Assert.That(tables[1].Columns.Select(c => c.Label), Is.EqualTo(new[] { "工资总额", "制造业" }));
            Assert.That(tables[1].Rows[0].Cells[1].Location, Is.EqualTo("table 2, row 2, col 3"));
        });
    }

    [Test]
    public void A_one_cell_title_table_lends_its_title_to_the_data_table_below()
    {
        const string html = "<table><tr><td>表3-1 各地区人口(2020年)</td></tr><tr><td>单位：万人</td></tr></table>" +
                            "<table><tr><td>地区</td><td>人口</td></tr><tr><td>北京</td><td>2189</td></tr></table>";
        var table = TableReader.Read(Encoding.UTF8.GetBytes(html), "page.html").Tables.Single();
        Assert.That(table.Title, Is.EqualTo("表3-1 各地区人口(2020年)"));
        Assert.That(table.UnitLines, Is.EqualTo(new[] { "单位：万人" }));
        Assert.That(table.Rows.Single().Cells.Single().Value, Is.EqualTo(2189));
    }
}
