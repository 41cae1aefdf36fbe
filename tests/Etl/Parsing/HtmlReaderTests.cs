using System.Text;
using Warehouse.Etl.Parsing;

namespace Warehouse.Tests.Etl.Parsing;

/// <summary>HTML pages read from raw bytes: Excel and LibreOffice exports, plain tables, GB18030 and UTF-8.</summary>
[TestFixture]
public sealed class HtmlReaderTests
{
    [Test]
    public void Gb18030_is_available_for_gb2312_pages()
    {
        CharsetDetector.EnsureRegistered();
        Assert.That(Encoding.GetEncoding("GB18030").CodePage, Is.EqualTo(54936));
        Assert.That(CharsetDetector.Resolve("gb2312").CodePage, Is.EqualTo(54936));
        Assert.That(CharsetDetector.Resolve("GBK").CodePage, Is.EqualTo(54936));
    }

    [Test]
    public void Unknown_charset_names_are_an_error_not_a_silent_utf8()
    {
        Assert.That(() => CharsetDetector.Resolve("x-no-such-charset"), Throws.ArgumentException.With.Message.Contains("x-no-such-charset"));
    }

    [Test]
    public void Excel_web_page_in_gb18030_reads_title_units_split_header_and_stub()
    {
        var doc = Read("html/labour_2012_excel_gb18030.htm");
        Assert.That(doc.DetectedCharset, Is.EqualTo("gb18030"));
        Assert.That(doc.DeclaredCharset, Is.EqualTo("gb2312"));
        var table = doc.Tables.Single();
        Assert.Multiple(() =>
        {
            Assert.That(table.TableNumber, Is.EqualTo("4-2"));
            Assert.That(table.Year, Is.EqualTo(2011));
            Assert.That(table.UnitLines, Is.EqualTo(new[] { "单位：万人", "(10 000 persons)" }));
            Assert.That(table.Columns, Has.Count.EqualTo(20));
            Assert.That(table.Columns[0].Label, Is.EqualTo("合计"), "合 / 计 split over two header rows is rejoined");
            Assert.That(table.Columns[1].Label, Is.EqualTo("农、林、牧、渔业"));
            Assert.That(table.Columns[19].Label, Is.EqualTo("公共管理和社会组织"));
            Assert.That(table.Rows.Select(r => r.Label), Is.EqualTo(new[]
            {
                "全国 National Total", "东部地区 Eastern Region", "北京 Beijing", "山西 Shanxi", "内蒙古 Inner Mongolia", "陕西 Shaanxi", "西藏 Tibet",
            }));
            Assert.That(table.Footnotes, Has.Some.StartsWith("注：①北京"));
        });

        var beijing = table.Rows[2];
        Assert.Multiple(() =>
        {
            Assert.That(beijing.Note, Is.EqualTo("①"));
            Assert.That(beijing.Cells[0].Value, Is.EqualTo(111.5));
            Assert.That(beijing.Cells[1].IsMissing, Is.True, "— is missing");
            Assert.That(beijing.Cells[2].Value, Is.EqualTo(113.5), "113.5* loses its marker");
            Assert.That(beijing.Cells[2].Note, Is.EqualTo("*"));
            Assert.That(beijing.Cells[2].Location, Is.EqualTo("row 11, col 5"));
            Assert.That(table.Rows[0].Cells[0].Value, Is.EqualTo(1234.5), "thousands separator");
            Assert.That(table.Rows[4].Cells[4].Value, Is.EqualTo(155.5), "full-width digits");
            Assert.That(table.Rows[3].Cells[3].IsMissing, Is.True, "… is missing");
            Assert.That(table.Rows[5].Cells[5].IsMissing, Is.True, "/ is missing");
            Assert.That(table.Rows[6].Cells[6].IsMissing, Is.True, "- alone is missing");
        });
    }

    [Test]
    public void LibreOffice_page_in_utf8_reads_levels_bilingual_cells_year_block_and_continued_page()
    {
        var doc = Read("html/labour_2016_libreoffice_utf8.html");
        Assert.That(doc.DetectedCharset, Is.EqualTo("utf-8"));
        var table = doc.Tables.Single();
        Assert.Multiple(() =>
        {
            Assert.That(table.Title, Is.EqualTo("4-2 按行业分城镇单位就业人员(2015年)"));
            Assert.That(table.Year, Is.EqualTo(2015));
            Assert.That(table.Columns[0].Label, Is.EqualTo("合计 Total"));
            Assert.That(table.Columns[1].HeaderPath, Is.EqualTo(new[] { "按行业分 By Sector", "农、林、牧、渔业 Agriculture, Forestry, Animal Husbandry and Fishery" }));
            Assert.That(table.Rows.Select(r => r.Label), Is.EqualTo(new[]
            {
                "2013", "2014", "全国 National Total", "北京 Beijing", "天津 Tianjin", "上海 Shanghai", "宁夏 Ningxia", "新疆 Xinjiang",
            }), "the continued page's rows are appended; its repeated header is not data");
            Assert.That(table.Rows[6].Cells[19].Value, Is.EqualTo(64 * 10 + 20 + 0.5));
            Assert.That(table.Rows[6].Cells[19].Location, Is.EqualTo("table 2, row 4, col 21"));
        });
    }

    [Test]
    public void A_lying_utf8_declaration_does_not_garble_gb18030_bytes()
    {
        var honest = Read("html/hightech_export_2014_plain_gb18030.htm");
        var lying = Read("html/hightech_export_2014_lying_utf8_meta.htm");
        Assert.That(lying.DeclaredCharset, Is.EqualTo("utf-8"));
        Assert.That(lying.DetectedCharset, Is.EqualTo("gb18030"));
        Assert.That(lying.Tables[0].Columns.Select(c => c.Label), Is.EqualTo(honest.Tables[0].Columns.Select(c => c.Label)));
        Assert.That(lying.Tables[0].Columns[1].Label, Is.EqualTo("医药制造业"));
    }

    [Test]
    public void An_http_header_charset_is_used_when_the_page_declares_nothing()
    {
        var bytes = CharsetDetector.Resolve("gb18030").GetBytes("<table><tr><td>地区</td><td>合计</td></tr><tr><td>北京</td><td>1.5</td></tr></table>");
        var doc = TableReader.Read(bytes, "http://x/t.htm", null, "GBK");
        Assert.That(doc.Tables[0].Rows[0].Label, Is.EqualTo("北京"));
        Assert.That(doc.DetectedCharset, Is.EqualTo("gb18030"));
    }

    [TestCase("<meta http-equiv=Content-Type content=\"text/html; charset=gb2312\">", "gb2312", TestName = "Meta charset: http-equiv content")]
    [TestCase("<META name=x><Meta CHARSET = 'GBK'>", "GBK", TestName = "Meta charset: the first meta names none, the second does, any case")]
    [TestCase("<meta name=x <p charset=utf-8>", "utf-8", TestName = "Meta charset: read up to the tag's first >")]
    [TestCase("<meta name=x><p charset=utf-8>", null, TestName = "Meta charset: outside a meta tag it is not read")]
    [TestCase("<meta charset=utf-8", null, TestName = "Meta charset: an unclosed tag names none")]
    public void The_meta_charset_is_read_from_the_first_meta_tag_that_names_one(string head, string? expected)
    {
        Assert.That(CharsetDetector.MetaCharset(Encoding.Latin1.GetBytes(head)), Is.EqualTo(expected));
    }

    [Test]
    public void A_meta_charset_past_the_first_4_KB_is_not_read()
    {
        var within = new string(' ', 4096 - "<meta charset=big5>".Length) + "<meta charset=big5>";
        var past = new string(' ', 4097 - "<meta charset=big5>".Length) + "<meta charset=big5>";
        Assert.Multiple(() =>
        {
            Assert.That(CharsetDetector.MetaCharset(Encoding.Latin1.GetBytes(within)), Is.EqualTo("big5"));
            Assert.That(CharsetDetector.MetaCharset(Encoding.Latin1.GetBytes(past)), Is.Null);
        });
    }

    [Test]
    public void An_encoding_override_wins_over_every_declaration()
    {
        var bytes = CharsetDetector.Resolve("gb18030").GetBytes("<meta charset=\"utf-8\"><table><tr><td>地区</td><td>合计</td></tr><tr><td>上海</td><td>2</td></tr></table>");
        var doc = TableReader.Read(bytes, "t.htm", "gb18030", "utf-8");
        Assert.That(doc.Tables[0].Rows[0].Label, Is.EqualTo("上海"));
    }

    [Test]
    public void Rowspan_and_colspan_are_expanded_into_a_grid()
    {
        const string html = "<table><tr><td ROWSPAN=2 class=xl24 style='width:48pt'>地区</td><td ColSpan=\"2\" x:num>医药 Pharma</td></tr>" +
                            "<tr><td>产值</td><td>#出口 Export</td></tr><tr><td>北京</td><td>1</td><td>2</td></tr></table>";
        var table = TableReader.Read(Encoding.UTF8.GetBytes(html), "t.html").Tables.Single();
        Assert.That(table.Columns.Select(c => c.Label), Is.EqualTo(new[] { "医药 Pharma / 产值", "医药 Pharma / #出口 Export" }));
        Assert.That(table.Columns[1].IsOfWhich, Is.True);
        Assert.That(table.Columns[1].ParentIndex, Is.EqualTo(0));
        Assert.That(table.Rows[0].Cells.Select(c => c.Value), Is.EqualTo(new double?[] { 1, 2 }));
    }

    [Test]
    public void Bare_text_around_a_table_is_read_as_title_unit_and_notes()
    {
        const string html = "<body>2-3 各地区高技术产业从业人员(2019年)<br>单位：人<table><tr><td>地区</td><td>合计</td></tr>" +
                            "<tr><td>北京</td><td>7</td></tr></table>注：不含港澳台。</body>";
        var table = TableReader.Read(Encoding.UTF8.GetBytes(html), "bare.html").Tables.Single();
        Assert.That(table.Title, Is.EqualTo("2-3 各地区高技术产业从业人员(2019年)"));
        Assert.That(table.UnitLines, Is.EqualTo(new[] { "单位：人" }));
        Assert.That(table.Footnotes, Is.EqualTo(new[] { "注：不含港澳台。" }));
    }

    private static ParsedDocument Read(string fixture) =>
        TableReader.Read(TestPaths.FixtureBytes(fixture), TestPaths.Fixture(fixture));
}
