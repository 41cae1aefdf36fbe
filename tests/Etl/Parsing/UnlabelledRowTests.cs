using Warehouse.Etl.Parsing;

namespace Warehouse.Tests.Etl.Parsing;

/// <summary>
/// A body row of numbers without a stub label (a province's values printed one line below its name, as Tibet's in
/// the 2018 S&amp;T high-tech trade table) stays a body row with an empty label; it neither starts a new table nor
/// becomes a header of numbers for the rows below it.
/// </summary>
[TestFixture]
public sealed class UnlabelledRowTests
{
    [Test]
    public void A_row_of_numbers_without_a_label_keeps_the_table_whole()
    {
        string[][] sheet =
        [
            ["5-8 各地区高技术产品进出口贸易(2018年)", "", "", ""],
            ["单位:百万美元", "", "", ""],
            ["地 区", "Region", "出口贸易额", "进口贸易额"],
            ["云 南", "Yunnan", "2095", "1151"],
            ["西 藏", "Tibet", "", ""],
            ["", "", "3", "225"],
            ["陕 西", "Shaanxi", "25114", "15692"],
            ["新 疆", "Xinjiang", "545", "98"],
        ];
        var table = GridTableBuilder.Build(ToGrid(sheet)).Single();
        Assert.Multiple(() =>
        {
            Assert.That(table.Columns.Select(c => c.Label), Is.EqualTo(new[] { "出口贸易额", "进口贸易额" }));
            Assert.That(table.Rows.Select(r => r.Label), Is.EqualTo(new[] { "云南 Yunnan", "西藏 Tibet", string.Empty, "陕西 Shaanxi", "新疆 Xinjiang" }));
            Assert.That(table.Rows[2].Cells.Select(c => c.Value), Is.EqualTo(new double?[] { 3, 225 }));
            Assert.That(table.Rows[3].Cells[0].Location, Is.EqualTo("C7"));
        });
    }

    [Test]
    public void A_header_of_years_printed_again_without_a_stub_still_starts_a_continuation()
    {
        string[][] sheet =
        [
            ["表1 各地区研发强度", "", ""],
            ["地区", "2019", "2020"],
            ["北京", "6.3", "6.4"],
            ["", "2019", "2020"],
            ["天津", "3.3", "3.4"],
        ];
        var tables = GridTableBuilder.Build(ToGrid(sheet));
        Assert.That(tables.SelectMany(t => t.Rows).Select(r => r.Label), Is.EqualTo(new[] { "北京", "天津" }), "a row of years is a header, not values");
    }

    private static Grid ToGrid(string[][] sheet) =>
        new("sheet.xlsx", sheet.Select((row, r) => row.Select((text, c) => new GridCell(text, CellLocations.A1(r, c), c, 1)).ToArray()).ToList());
}
