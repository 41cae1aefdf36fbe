using Warehouse.Etl.Parsing;

namespace Warehouse.Tests.Etl.Parsing;

/// <summary>
/// A sheet that prints a table's continued block (续表) to the right of the first block, each block with its own
/// title, header rows at another depth and a stub, the blocks' rows out of step: each block is read as its own table.
/// </summary>
[TestFixture]
public sealed class SideBySideBlockTests
{
    [Test]
    public void Two_blocks_beside_each_other_with_headers_at_other_depths_are_two_tables()
    {
        string[][] sheet =
        [
            ["表1-1 各地区研发情况(2018年)", "", "", "", "表1-1续表 continued", "", ""],
            ["单位：万元", "", "", "", "地区", "新产品收入", "#出口"],
            ["(10 000 yuan)", "", "", "", "全国", "900.5", "90.5"],
            ["地区", "机构数", "经费", "", "北京", "300.5", "30.5"],
            ["全国", "10", "100.5", "", "天津", "200.5", "20.5"],
            ["北京", "3", "30.5", "", "河北", "100.5", ""],
            ["天津", "2", "20.5", "", "", "", ""],
            ["河北", "1", "10.5", "", "", "", ""],
        ];
        var tables = GridTableBuilder.Build(ToGrid(sheet));
        Assert.That(tables, Has.Count.EqualTo(2));
        var (first, second) = (tables[0], tables[1]);
        Assert.Multiple(() =>
        {
            Assert.That(first.Title, Is.EqualTo("表1-1 各地区研发情况(2018年)"));
            Assert.That(first.UnitLines, Is.EqualTo(new[] { "单位：万元", "(10 000 yuan)" }));
            Assert.That(first.Columns.Select(c => c.Label), Is.EqualTo(new[] { "机构数", "经费" }));
            Assert.That(first.Rows.Select(r => r.Label), Is.EqualTo(new[] { "全国", "北京", "天津", "河北" }));
            Assert.That(first.Rows[1].Cells[1].Location, Is.EqualTo("C6"));
            Assert.That(second.IsContinuation, Is.True);
            Assert.That(second.Title, Is.EqualTo(first.Title), "the continued block keeps the first block's title");
            Assert.That(second.Columns.Select(c => c.Label), Is.EqualTo(new[] { "新产品收入", "#出口" }));
            Assert.That(second.Columns[1].IsOfWhich, Is.True);
            Assert.That(second.Rows.Select(r => r.Label), Is.EqualTo(new[] { "全国", "北京", "天津", "河北" }));
            Assert.That(second.Rows[1].Cells[0].Value, Is.EqualTo(300.5));
            Assert.That(second.Rows[1].Cells[0].Location, Is.EqualTo("F4"), "locations stay those of the sheet");
            Assert.That(second.Rows[3].Cells[1].IsMissing, Is.True);
        });
    }

    [Test]
    public void A_blank_column_between_a_chinese_and_an_english_stub_does_not_split_the_table()
    {
        string[][] sheet =
        [
            ["表1-2 各地区就业", "", "", ""],
            ["地区", "", "Region", "合计"],
            ["北京", "", "Beijing", "1.5"],
            ["天津", "", "Tianjin", "2.5"],
            ["河北", "", "Hebei", "3.5"],
        ];
        var table = GridTableBuilder.Build(ToGrid(sheet)).Single();
        Assert.That(table.Rows.Select(r => r.Label), Is.EqualTo(new[] { "北京 Beijing", "天津 Tianjin", "河北 Hebei" }));
        Assert.That(table.Columns.Select(c => c.Label), Is.EqualTo(new[] { "合计" }));
    }

    [TestCase("sti-yearbook/hightech_rd_by_region_2018.xls", "1-2!C11", 228, "1-2!N10", 20280793)]
    [TestCase("sti-yearbook/hightech_rd_by_region_2019.xls", "1-2!C11", 213, "1-2!N9", 21893124)]
    public void The_2018_and_2019_rd_workbooks_read_both_blocks_of_sheet_1_2(string sample, string leftCell, double left, string rightCell, double right)
    {
        var path = TestPaths.RealSample(sample);
        var tables = TableReader.Read(File.ReadAllBytes(path), path).Tables;
        var blocks = tables.Where(t => t.Source.EndsWith("[1-2]", StringComparison.Ordinal)).ToList();
        Assert.That(blocks, Has.Count.EqualTo(2));
        Assert.That(blocks[1].IsContinuation, Is.True);
        foreach (var block in blocks)
        {
            Assert.That(block.Rows.SelectMany(r => r.Cells).Any(c => c.IsInvalid), Is.False);
            Assert.That(block.Rows.Count(r => r.Label.StartsWith("北京", StringComparison.Ordinal)), Is.EqualTo(1));
            Assert.That(block.Rows, Has.Count.EqualTo(36), "national total, four regions and 31 provinces");
        }

        var beijing = blocks.Select(b => b.Rows.Single(r => r.Label == "北京 Beijing")).ToList();
        Assert.That(beijing[0].Cells[0].Location, Is.EqualTo(leftCell));
        Assert.That(beijing[0].Cells[0].Value, Is.EqualTo(left));
        Assert.That(beijing[1].Cells[0].Location, Is.EqualTo(rightCell));
        Assert.That(beijing[1].Cells[0].Value, Is.EqualTo(right));
        Assert.That(blocks[0].Columns, Has.Count.EqualTo(7));
        Assert.That(blocks[1].Columns, Has.Count.EqualTo(9));
        Assert.That(blocks[1].Columns[1].Label, Is.EqualTo("#出口 Export"));
        Assert.That(blocks[1].Columns[1].Unit, Is.EqualTo("万元"), "#出口 counts what 新产品销售收入 (万元) counts");
        var inventions = blocks[1].Columns.Single(c => c.Label.StartsWith("#发明专利", StringComparison.Ordinal));
        Assert.That(inventions.Unit, Is.EqualTo("件"), "#发明专利 counts patents, as its parent 专利申请数 (件) does, not the unit row's 万元");
    }

    [Test]
    public void A_continued_block_one_row_higher_gives_its_values_to_its_own_stub_not_to_column_a()
    {
        // Sheet 1-2 of the 2018 workbook: row 11 reads 北京 in column A but 天津 in the continued block's stub (L11);
        // N11 (10844171) is Tianjin's new-product sales, whatever column A says.
        var path = TestPaths.RealSample("sti-yearbook/hightech_rd_by_region_2018.xls");
        var continued = TableReader.Read(File.ReadAllBytes(path), path).Tables.Single(t => t.Source.EndsWith("[1-2]", StringComparison.Ordinal) && t.IsContinuation);
        var tianjin = continued.Rows.Single(r => r.Label == "天津 Tianjin");
        Assert.That((tianjin.Location, tianjin.Cells[0].Location, tianjin.Cells[0].Value), Is.EqualTo(("1-2!L11", "1-2!N11", 10844171.0)));
    }

    private static Grid ToGrid(string[][] sheet) =>
        new("sheet.xlsx", sheet.Select((row, r) => row.Select((text, c) => new GridCell(text, CellLocations.A1(r, c), c, 1)).ToArray()).ToList());
}
