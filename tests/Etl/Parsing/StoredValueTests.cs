using Warehouse.Etl.Parsing;

namespace Warehouse.Tests.Etl.Parsing;

/// <summary>
/// One table written as .xlsx (numbers stored in full, shown through "#,##0" and "0.0%"), as .xls (the same workbook
/// saved by LibreOffice) and as Excel's web page (x:num beside the displayed text): every format gives the same value
/// per cell, the stored number, with the displayed text as raw and percentages in percent points with unit %.
/// </summary>
[TestFixture]
public sealed class StoredValueTests
{
    private static readonly string[] Formats =
    [
        "xlsx/rd_intensity_stored_values.xlsx",
        "xls/rd_intensity_stored_values.xls",
        "html/rd_intensity_excel_xnum.htm",
    ];

    [TestCaseSource(nameof(Formats))]
    public void The_stored_number_is_the_value_and_the_displayed_text_the_raw(string fixture)
    {
        var table = Read(fixture);
        var beijing = table.Rows.Single(r => r.Label == "北京");
        Assert.Multiple(() =>
        {
            Assert.That(table.Title, Is.EqualTo("表2-1 各地区研发经费投入强度(2020年)"));
            Assert.That(beijing.Cells[0].Value, Is.EqualTo(1234.5678), "not the rounded 1,235 the cell shows");
            Assert.That(beijing.Cells[0].Raw, Is.EqualTo("1,235"));
            Assert.That(beijing.Cells[0].Unit, Is.Null);
            Assert.That(beijing.Cells[1].Value, Is.EqualTo(6.23), "percent points, exactly, not 0.0623 or 6.2");
            Assert.That(beijing.Cells[1].Raw, Is.EqualTo("6.2%"));
            Assert.That(beijing.Cells[1].Unit, Is.EqualTo("%"));
        });
    }

    [Test]
    public void The_three_formats_give_the_same_cells()
    {
        var readings = Formats.Select(f => Read(f).Rows.SelectMany(r => r.Cells.Select(c => (r.Label, c.Value, c.Raw, c.Unit))).ToList()).ToList();
        Assert.That(readings[0], Has.Count.EqualTo(6));
        Assert.That(readings[1], Is.EqualTo(readings[0]));
        Assert.That(readings[2], Is.EqualTo(readings[0]));
    }

    [Test]
    public void A_percentage_printed_as_text_is_in_percent_points_with_unit_percent()
    {
        var cell = CellValueParser.Parse(new GridCell("12.5%", "B3", 1, 1));
        Assert.That((cell.Value, cell.Unit, cell.Raw), Is.EqualTo(((double?)12.5, "%", "12.5%")));
    }

    [Test]
    public void A_bare_x_num_leaves_the_text_as_the_number()
    {
        const string html = "<table><tr><td>表1 X</td></tr><tr><td>地区</td><td>合计</td></tr>" +
                            "<tr><td>北京</td><td x:num>1,234.5</td></tr><tr><td>天津</td><td x:num=\"2.25\">2.3</td></tr></table>";
        var table = TableReader.Read(System.Text.Encoding.UTF8.GetBytes(html), "page.htm").Tables.Single();
        Assert.That(table.Rows.Select(r => r.Cells[0].Value), Is.EqualTo(new double?[] { 1234.5, 2.25 }));
    }

    private static RawTable Read(string fixture) => TableReader.Read(TestPaths.FixtureBytes(fixture), TestPaths.Fixture(fixture)).Tables.Single();
}
