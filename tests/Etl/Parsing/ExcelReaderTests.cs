using Warehouse.Etl.Parsing;

namespace Warehouse.Tests.Etl.Parsing;

/// <summary>Workbooks (.xlsx written by hand-built SpreadsheetML, .xls BIFF8): merges, multi-line bilingual headers, "of which".</summary>
[TestFixture]
public sealed class ExcelReaderTests
{
    [Test]
    public void Xlsx_with_merged_group_headers_and_an_of_which_column()
    {
        var doc = Read("xlsx/hightech_export_2017.xlsx");
        Assert.That(doc.Format, Is.EqualTo(TableFormat.Xlsx));
        var table = doc.Tables.Single();
        Assert.Multiple(() =>
        {
            Assert.That(table.TableNumber, Is.EqualTo("2-5"));
            Assert.That(table.Year, Is.EqualTo(2016));
            Assert.That(table.UnitLines, Is.EqualTo(new[] { "单位：万元", "(10 000 yuan)" }));
            Assert.That(table.StubLabel, Is.EqualTo("地区 Region"));
            Assert.That(table.Columns, Has.Count.EqualTo(14));
            Assert.That(table.Columns[0].Label, Is.EqualTo("合计 Total / 销售产值 Sales Value"));
            Assert.That(table.Columns[1].Label, Is.EqualTo("合计 Total / #出口交货值 Export Delivery"));
            Assert.That(table.Columns[1].IsOfWhich, Is.True);
            Assert.That(table.Columns[1].ParentIndex, Is.EqualTo(0));
            Assert.That(table.Columns[2].Label, Does.StartWith("医药制造业 Manufacture of Medicines / 销售产值"));
            Assert.That(table.Rows.Select(r => r.Label), Is.EqualTo(new[]
            {
                "全国 National Total", "东部地区 Eastern Region", "北京 Beijing", "内蒙古 Inner Mongolia", "黑龙江 Heilongjiang", "陕西 Shaanxi",
            }));
            Assert.That(table.Rows[2].Cells[1].Value, Is.EqualTo(112.5));
            Assert.That(table.Rows[2].Cells[1].Location, Is.EqualTo("D9"));
            Assert.That(table.Rows[5].Cells[7].IsMissing, Is.True, "J12 is blank");
            Assert.That(table.Rows[5].Cells[7].Location, Is.EqualTo("J12"));
        });
    }

    [Test]
    public void Xlsx_with_units_inside_multi_line_header_cells()
    {
        var table = Read("xlsx/hightech_employment_2021.xlsx").Tables.Single();
        Assert.That(table.Columns[0].Label, Is.EqualTo("合计 (人) Total (person)"));
        Assert.That(table.Columns[0].Unit, Is.EqualTo("人"));
        Assert.That(table.Columns[6].Label, Does.StartWith("信息化学品制造业 (人)"));
        Assert.That(table.Rows[3].Label, Is.EqualTo("新疆 Xinjiang"));
        Assert.That(table.Rows[3].Cells[6].Value, Is.EqualTo(657.5));
    }

    [Test]
    public void Xls_biff_with_merged_two_level_header()
    {
        var doc = Read("xls/labour_2011.xls");
        Assert.That(doc.Format, Is.EqualTo(TableFormat.Xls));
        var table = doc.Tables.Single();
        Assert.Multiple(() =>
        {
            Assert.That(table.Year, Is.EqualTo(2010));
            Assert.That(table.UnitLines, Is.EqualTo(new[] { "单位：万人" }));
            Assert.That(table.Columns, Has.Count.EqualTo(20));
            Assert.That(table.Columns[0].Label, Is.EqualTo("合计"));
            Assert.That(table.Columns[7].Label, Is.EqualTo("按行业分 / 信息传输、计算机服务和软件业"));
            Assert.That(table.Rows.Select(r => r.Label), Is.EqualTo(new[] { "全国", "北京市", "山西省", "广西壮族自治区", "新疆维吾尔自治区" }));
            Assert.That(table.Rows[3].Cells[7].Value, Is.EqualTo(458.5));
            Assert.That(table.Rows[3].Cells[7].Location, Is.EqualTo("I8"));
            Assert.That(table.Footnotes, Is.EqualTo(new[] { "注：本表为城镇单位数据。" }));
        });
    }

    [Test]
    public void A_corrupt_workbook_is_a_parse_error_naming_the_file()
    {
        var bytes = TestPaths.FixtureBytes("xlsx/hightech_export_2017.xlsx")[..400];
        Assert.That(() => TableReader.Read(bytes, "broken.xlsx"),
            Throws.TypeOf<ParseException>().With.Message.Contains("broken.xlsx"));
    }

    private static ParsedDocument Read(string fixture) => TableReader.Read(TestPaths.FixtureBytes(fixture), TestPaths.Fixture(fixture));
}
