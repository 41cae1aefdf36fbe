using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using ExcelDataReader;

namespace Warehouse.Tests.Demo;

/// <summary>The mirror's files are in the publishers' formats, with their quirks, for all 14 editions.</summary>
[TestFixture]
public sealed partial class DemoMirrorFormatTests
{
    private static readonly int[] Editions = Enumerable.Range(2011, 14).ToArray();

    private static readonly string[] NbsIndicators =
        ["gdp", "gdp_per_capita", "population", "area", "rd_expenditure", "loans_balance", "fdi_actual", "trade_total",
         "road_length", "rail_length", "usd_cny"];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static Encoding StrictGb18030
    {
        get
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
    }

    [TestCaseSource(nameof(Editions))]
    public void Every_edition_has_its_labour_and_hightech_tables_in_the_agreed_format(int edition)
    {
        var labourExt = edition <= 2015 ? "htm" : "xlsx";
        var hightechExt = edition <= 2014 ? "htm" : "xlsx";
        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(DemoMirrorFixture.PathOf($"labour/{edition}/urban_employment_by_sector.{labourExt}")), Is.True);
            Assert.That(File.Exists(DemoMirrorFixture.PathOf($"hightech/{edition}/hightech_export_delivery.{hightechExt}")), Is.True);
            Assert.That(File.Exists(DemoMirrorFixture.PathOf($"hightech/{edition}/hightech_employment.{hightechExt}")), Is.True);
            Assert.That(File.Exists(DemoMirrorFixture.PathOf($"labour/{edition}/index.html")), Is.True);
            Assert.That(File.Exists(DemoMirrorFixture.PathOf($"hightech/{edition}/index.html")), Is.True);
        });
    }

    [Test]
    public void The_mirror_holds_html_xlsx_and_nbs_csv()
    {
        var files = FlatFiles().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(files.Count(f => f.EndsWith(".htm", StringComparison.Ordinal)), Is.EqualTo(5 + 4 * 2));
            Assert.That(files.Count(f => f.EndsWith(".xlsx", StringComparison.Ordinal)), Is.EqualTo(9 + 10 * 2));
            Assert.That(files.Count(f => f.EndsWith(".csv", StringComparison.Ordinal)), Is.EqualTo(NbsIndicators.Length));
            foreach (var indicator in NbsIndicators)
            {
                Assert.That(File.Exists(DemoMirrorFixture.PathOf($"nbs/fsnd_{indicator}.csv")), Is.True, indicator);
            }
        });
    }

    [TestCaseSource(nameof(HtmlTables))]
    public void Excel_web_pages_are_gb18030_without_bom_and_say_so(string relative)
    {
        var bytes = File.ReadAllBytes(DemoMirrorFixture.PathOf(relative));
        Assert.That(bytes.Take(3), Is.Not.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }), "no UTF-8 BOM");
        Assert.That(() => StrictUtf8.GetString(bytes), Throws.InstanceOf<DecoderFallbackException>(),
            "Chinese text must be in GB18030 bytes, which are not valid UTF-8");
        var text = StrictGb18030.GetString(bytes); // throws on any byte sequence that is not GB18030
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("charset=gb2312"));
            Assert.That(text, Does.Contain("x:publishsource=\"Excel\""));
            Assert.That(text, Does.Contain("北\u3000\u3000京"), "names padded with U+3000");
            Assert.That(text, Does.Contain("demo corpus"));
            Assert.That(text, Does.Contain("\r\n"), "Excel writes CRLF");
        });
    }

    [Test]
    public void Labour_web_pages_split_header_words_over_rows_and_space_groups_of_provinces()
    {
        var text = StrictGb18030.GetString(File.ReadAllBytes(DemoMirrorFixture.PathOf("labour/2012/urban_employment_by_sector.htm")));
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain(">农、林、</td>"));
            Assert.That(text, Does.Contain(">牧、渔业</td>"));
            Assert.That(text, Does.Contain("rowspan=3 class=xl26>地  区</td>"));
            Assert.That(SpacerRow().Count(text), Is.GreaterThanOrEqualTo(6), "blank spacer rows between groups of provinces");
            Assert.That(text.IndexOf("单位：万人", StringComparison.Ordinal), Is.LessThan(text.IndexOf("全\u3000\u3000国", StringComparison.Ordinal)));
            Assert.That(text.IndexOf("注：", StringComparison.Ordinal), Is.GreaterThan(text.IndexOf("新\u3000\u3000疆", StringComparison.Ordinal)),
                "footnotes after the data");
        });
    }

    [Test]
    public void Labour_workbooks_have_bilingual_multi_line_headers_and_unit_rows()
    {
        var sheet = ReadSheet("labour/2020/urban_employment_by_sector.xlsx");
        var header = sheet.Rows.First(r => r.Length > 0 && r[0] is string s && s.StartsWith("地区", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(sheet.Rows[0][0], Does.StartWith("4-2 "));
            Assert.That(sheet.Rows.Any(r => r.Length > 0 && Equals(r[0], "单位：万人")), Is.True);
            Assert.That(sheet.Rows.Any(r => r.Length > 0 && Equals(r[0], "(10 000 persons)")), Is.True);
            Assert.That(header, Has.Some.EqualTo("制造业\nManufacturing"));
            Assert.That(header, Has.Some.Contains("交通运输、\n仓储和邮政业\nTransport,"));
            Assert.That(sheet.Merges, Has.Some.EqualTo("A1:U1"));
            Assert.That(sheet.Rows.Any(r => r.Length > 1 && Equals(r[0], "北京 Beijing") && r[1] is double), Is.True,
                "stub '北京 Beijing', numbers stored as numbers");
        });
    }

    [Test]
    public void Hightech_workbooks_have_a_two_level_header_an_of_which_mark_and_numbers_as_text()
    {
        var sheet = ReadSheet("hightech/2016/hightech_export_delivery.xlsx");
        var national = sheet.Rows.First(r => r.Length > 2 && r[0] is string s && s.Replace(" ", "", StringComparison.Ordinal) == "全国");
        Assert.Multiple(() =>
        {
            Assert.That(sheet.Merges, Is.SupersetOf(new[] { "A5:A6", "B5:B6", "C5:I5" }));
            Assert.That(sheet.Rows[4][2], Is.EqualTo("出口交货值\nExport Delivery Value"));
            Assert.That(sheet.Rows[5], Has.Some.StartsWith("#医药制造业\n"));
            Assert.That(sheet.Rows[5], Has.Some.StartsWith("合计\nTotal"));
            Assert.That(national[2], Is.TypeOf<string>().And.Match(@"^\d+$"), "numbers as text, like the real S&T workbooks");
            Assert.That(sheet.Rows.Any(r => r.Length > 1 && Equals(r[0], "东北地区") && Equals(r[1], "  Northeast Region")), Is.True);
            Assert.That(sheet.Rows.Any(r => r.Length > 0 && Equals(r[0], "北    京")), Is.True, "padded names in the older layout");
        });
    }

    [Test]
    public void Xlsx_packages_carry_fixed_timestamps()
    {
        foreach (var file in Directory.EnumerateFiles(DemoMirrorFixture.Root, "*.xlsx", SearchOption.AllDirectories))
        {
            using var zip = ZipFile.OpenRead(file);
            Assert.That(zip.Entries.Select(e => e.LastWriteTime.Year).Distinct(), Is.EqualTo(new[] { 1980 }), file);
            using var core = new StreamReader(zip.GetEntry("docProps/core.xml")!.Open());
            Assert.That(core.ReadToEnd(), Does.Match(@"<dcterms:created xsi:type=""dcterms:W3CDTF"">20\d\d-\d\d-01T00:00:00Z<"), file);
        }
    }

    [Test]
    public void Xlsx_packages_are_valid_office_open_xml()
    {
        // The Open XML SDK's schema validator: what Excel would refuse to open, or "repair", it reports.
        var validator = new OpenXmlValidator();
        foreach (var file in Directory.EnumerateFiles(DemoMirrorFixture.Root, "*.xlsx", SearchOption.AllDirectories))
        {
            using var document = SpreadsheetDocument.Open(file, isEditable: false);
            var errors = validator.Validate(document).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
            Assert.That(errors, Is.Empty, file);
        }
    }

    [TestCaseSource(nameof(NbsIndicators))]
    public void Nbs_exports_have_bom_preamble_tab_comma_cells_years_newest_first_and_footers(string indicator)
    {
        var bytes = File.ReadAllBytes(DemoMirrorFixture.PathOf($"nbs/fsnd_{indicator}.csv"));
        Assert.That(bytes.Take(3), Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }));
        var lines = StrictUtf8.GetString(bytes, 3, bytes.Length - 3).Split('\n');
        var years = string.Join(string.Empty, Enumerable.Range(2010, 14).Reverse().Select(y => $"{y}年\t,"));
        var data = lines.Skip(3).TakeWhile(l => !l.StartsWith("注：", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Is.EqualTo("数据库：分省年度数据 "));
            Assert.That(lines[1], Does.Match(@"^指标：.+\(.+\) $"));
            Assert.That(lines[2], Is.EqualTo("地区\t," + years));
            Assert.That(data, Has.Count.EqualTo(indicator == "usd_cny" ? 1 : 31));
            Assert.That(data, Has.All.EndsWith("\t,"));
            Assert.That(data.Select(l => l.Split("\t,").Length), Has.All.EqualTo(16), "name + 14 years + the trailing empty");
            Assert.That(lines.Any(l => l.StartsWith("注：", StringComparison.Ordinal) && l.Contains("demo corpus", StringComparison.Ordinal)), Is.True);
            Assert.That(lines[^1], Does.StartWith("数据来源："));
            Assert.That(bytes[^1], Is.Not.EqualTo((byte)'\n'), "the portal writes no newline after the last line");
        });
        if (indicator != "usd_cny")
        {
            Assert.That(data[0], Does.StartWith("北京市\t,"));
            Assert.That(data.Any(l => l.StartsWith("新疆维吾尔自治区\t,", StringComparison.Ordinal)), Is.True, "full official names");
        }
    }

    [Test]
    public void Index_pages_link_every_edition_and_every_table_with_relative_hrefs()
    {
        foreach (var source in new[] { "labour", "hightech" })
        {
            var top = Links($"{source}/index.html");
            Assert.That(top, Is.EqualTo(Editions.Select(e => $"{e}/index.html")), source);
            foreach (var edition in Editions)
            {
                var tables = Links($"{source}/{edition}/index.html");
                Assert.That(tables, Has.Count.EqualTo(source == "labour" ? 1 : 2));
                Assert.That(tables.Select(t => File.Exists(DemoMirrorFixture.PathOf($"{source}/{edition}/{t}"))), Has.All.True);
            }
        }

        Assert.That(Links("nbs/index.html"), Is.EquivalentTo(NbsIndicators.Select(i => $"fsnd_{i}.csv")));
    }

    [TestCase("labour", 2015, "E0402C", ".htm")]
    [TestCase("labour", 2016, "E0402C", ".xlsx")]
    [TestCase("hightech", 2014, "E0205C", ".htm")]
    [TestCase("hightech", 2024, "E0203C", ".xlsx")]
    public void Each_edition_is_also_served_as_the_online_yearbook_lays_it_out(string source, int edition, string stem, string format)
    {
        var folder = $"{source}/{edition}/";
        var frameset = StrictGb18030.GetString(File.ReadAllBytes(DemoMirrorFixture.PathOf(folder + "indexch.htm")));
        var list = StrictGb18030.GetString(File.ReadAllBytes(DemoMirrorFixture.PathOf(folder + "left.htm")));
        var page = File.ReadAllBytes(DemoMirrorFixture.PathOf($"{folder}html/{stem}.htm"));
        Assert.Multiple(() =>
        {
            Assert.That(frameset, Does.Contain("charset=gb2312").And.Contain("<frameset").And.Contain("<frame src=\"left.htm\""));
            Assert.That(list, Does.Contain("<ul id=\"foldinglist\">").And.Contain($"<li><a href='html/{stem}.htm'"));
            if (format == ".htm")
            {
                var flat = Directory.EnumerateFiles(DemoMirrorFixture.PathOf(folder), "*.htm").Where(f => File.ReadAllBytes(f).SequenceEqual(page));
                Assert.That(flat, Has.Exactly(1).Items, "the numbered page is the table itself");
            }
            else
            {
                Assert.That(StrictGb18030.GetString(page), Does.Contain($"<img src=\"{stem}.jpg\"").And.Contain($"<a href=\"{stem}{format}\">"));
                Assert.That(File.Exists(DemoMirrorFixture.PathOf($"{folder}html/{stem}{format}")), Is.True, "the spreadsheet sits beside its page");
            }
        });
    }

    [Test]
    public void Every_data_file_is_labelled_demo_corpus()
    {
        foreach (var file in Directory.EnumerateFiles(DemoMirrorFixture.Root, "*", SearchOption.AllDirectories))
        {
            var text = DecodedText(file);
            Assert.That(text, Does.Contain("demo corpus"), file);
        }
    }

    [Test]
    public void Exactly_one_table_prints_a_dash_and_exactly_one_a_footnote_marker_on_a_number()
    {
        var texts = TableFiles().ToDictionary(f => Path.GetRelativePath(DemoMirrorFixture.Root, f), DecodedText);
        Assert.Multiple(() =>
        {
            Assert.That(texts.Where(t => t.Value.Contains(">—<", StringComparison.Ordinal)).Select(t => t.Key),
                Is.EqualTo(new[] { Path.Combine("labour", "2013", "urban_employment_by_sector.htm") }));
            Assert.That(texts.Where(t => NumberWithMarker().IsMatch(t.Value)).Select(t => t.Key),
                Is.EqualTo(new[] { Path.Combine("labour", "2014", "urban_employment_by_sector.htm") }));
        });
    }

    private static IEnumerable<string> HtmlTables() =>
        Enumerable.Range(2011, 5).Select(e => $"labour/{e}/urban_employment_by_sector.htm")
            .Concat(Enumerable.Range(2011, 4).SelectMany(e => new[] { $"hightech/{e}/hightech_export_delivery.htm", $"hightech/{e}/hightech_employment.htm" }));

    private static IEnumerable<string> TableFiles() =>
        FlatFiles()
            .Where(f => !f.EndsWith("index.html", StringComparison.Ordinal) && !f.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    /// <summary>The mirror without the online-yearbook pages (<c>indexch.htm</c>, <c>left.htm</c>, <c>main.htm</c>, <c>html/</c>), which repeat the same tables.</summary>
    private static IEnumerable<string> FlatFiles() =>
        Directory.EnumerateFiles(DemoMirrorFixture.Root, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}html{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && Path.GetFileName(f) is not ("indexch.htm" or "left.htm" or "main.htm"));

    /// <summary>The text a reader sees: GB18030 pages decoded, xlsx shared strings, UTF-8 elsewhere.</summary>
    private static string DecodedText(string file)
    {
        if (file.EndsWith(".htm", StringComparison.Ordinal))
        {
            return StrictGb18030.GetString(File.ReadAllBytes(file));
        }

        if (file.EndsWith(".xlsx", StringComparison.Ordinal))
        {
            using var zip = ZipFile.OpenRead(file);
            using var reader = new StreamReader(zip.GetEntry("xl/sharedStrings.xml")!.Open());
            return reader.ReadToEnd();
        }

        return StrictUtf8.GetString(File.ReadAllBytes(file));
    }

    private static List<string> Links(string relative) =>
        Href().Matches(File.ReadAllText(DemoMirrorFixture.PathOf(relative))).Select(m => m.Groups[1].Value).ToList();

    internal sealed record Sheet(IReadOnlyList<object?[]> Rows, IReadOnlyList<string> Merges);

    internal static Sheet ReadSheet(string relative)
    {
        using var stream = File.OpenRead(DemoMirrorFixture.PathOf(relative));
        using var reader = ExcelReaderFactory.CreateReader(stream);
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.GetValue(i);
            }

            rows.Add(row);
        }

        var merges = reader.MergeCells?.Select(m =>
            $"{(char)('A' + m.FromColumn)}{m.FromRow + 1}:{(char)('A' + m.ToColumn)}{m.ToRow + 1}").ToList() ?? [];
        return new Sheet(rows, merges);
    }

    [GeneratedRegex("<tr height=8 ")]
    private static partial Regex SpacerRow();

    [GeneratedRegex(@"\d①")]
    private static partial Regex NumberWithMarker();

    [GeneratedRegex("href='([^']+)'")]
    private static partial Regex Href();
}
