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

    [Test]
    public void A_quoted_footnote_holding_commas_is_one_note_not_a_row()
    {
        const string csv = "数据库：分省年度数据\r\n指标：地区生产总值(亿元)\r\n地区,2017年,2016年\r\n北京市,28014.94,25669.13\r\n" +
                           "\"注：2004年以前执行（GB/T4754-1994）,2004-2012年执行（GB/T4754-2002）,三次产业划分\"\r\n数据来源：国家统计局\r\n";
        var table = TableReader.Read(Encoding.GetEncoding("gb18030").GetBytes(csv), "export.csv").Tables.Single();
        Assert.That(table.Rows.Select(r => r.Label), Is.EqualTo(new[] { "北京市" }));
        Assert.That(table.Footnotes, Is.EqualTo(new[] { "注：2004年以前执行（GB/T4754-1994）,2004-2012年执行（GB/T4754-2002）,三次产业划分", "数据来源：国家统计局" }));
    }

    [Test]
    public void A_quoted_cell_with_a_line_break_keeps_later_rows_on_their_file_lines()
    {
        const string csv = "地区,2020年,2019年\n\"北京\n市\",1.5,2.5\n天津市,3.5,4.5\n";
        var table = TableReader.Read(Encoding.UTF8.GetBytes(csv), "export.csv").Tables.Single();
        Assert.That(table.Rows[0].Cells[0].Value, Is.EqualTo(1.5));
        Assert.That(table.Rows[1].Cells[1].Location, Is.EqualTo("row 4, col 3"));
    }

    [TestCase("天津市\t,1.5\t,2.5\t,3.5\t,9.9\t,9.8\t,", "天津市, line 5", "the values past the header have no column")]
    [TestCase("河北省\t,1.5\t,", "河北省, line 5", "the row stops early")]
    public void A_ragged_row_is_an_error_naming_file_and_row(string row, string where, string problem)
    {
        var csv = "数据库：分省年度数据\n时间：2020年-2022年\n地区\t,2022年\t,2021年\t,2020年\t,\n北京市\t,1\t,2\t,3\t,\n" + row + "\n";
        Assert.That(() => TableReader.Read(Encoding.UTF8.GetBytes(csv), "分省年度数据.csv"),
            Throws.TypeOf<ParseException>().With.Message.Contains("分省年度数据.csv").And.Message.Contains(where).And.Message.Contains(problem));
    }

    [Test]
    public void Empty_cells_after_the_last_column_are_no_extra_values()
    {
        const string csv = "Region,2020,2019\nBeijing,1,2,,\nTianjin,3,\n";
        var table = TableReader.Read(Encoding.UTF8.GetBytes(csv), "export.csv").Tables.Single();
        Assert.That(table.Rows[0].Cells.Select(c => c.Value), Is.EqualTo(new double?[] { 1, 2 }));
        Assert.That(table.Rows[1].Cells[1].IsMissing, Is.True, "the trailing comma wrote the last cell empty");
    }

    private static RawTable Read(string fixture) => TableReader.Read(TestPaths.FixtureBytes(fixture), TestPaths.Fixture(fixture)).Tables.Single();
}
