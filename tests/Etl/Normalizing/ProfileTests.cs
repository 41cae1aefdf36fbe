using System.Text;
using Warehouse.Etl.Config.Profiles;
using Warehouse.Etl.Normalizing;
using Warehouse.Etl.Parsing;
using Warehouse.Etl.Staging;

namespace Warehouse.Tests.Etl.Normalizing;

/// <summary>Fixtures through their profiles to staging observations. Fixture values follow p·10 + column + 0.5 (see make_fixtures.py).</summary>
[TestFixture]
public sealed class ProfileTests
{
    [Test]
    public void Labour_2002_names_in_gb18030_html_map_to_2017_letters()
    {
        var obs = Apply("html/labour_2012_excel_gb18030.htm", TestProfiles.UrbanEmploymentBySector, "labour_yearbook", 2012, "4-2");
        Assert.That(obs, Has.Count.EqualTo(6 * 20), "national + 5 provinces (region row left out) x (total + 19 sections)");
        Assert.That(obs.Select(o => o.ProvinceCode).Distinct(), Is.EquivalentTo(new short[] { 0, 11, 14, 15, 61, 54 }));
        Assert.That(obs.All(o => o.Year == 2011 && o.Unit == "10k persons" && o.RawUnit == "万人"), Is.True);
        // 2002 order: ... 交通运输 is column 7, 信息传输 column 8, 批发零售 column 9.
        Assert.That(Value(obs, 61, "G"), Is.EqualTo(617.5));
        Assert.That(Value(obs, 61, "I"), Is.EqualTo(618.5));
        Assert.That(Value(obs, 61, "F"), Is.EqualTo(619.5));
        Assert.That(Value(obs, 14, "B"), Is.EqualTo(143.5), "Shanxi stays 14");
        Assert.That(Value(obs, 14, "C"), Is.Null, "… is published as missing");
        Assert.That(Value(obs, 61, "C"), Is.EqualTo(614.5), "Shaanxi stays 61");
        Assert.That(Value(obs, 0, "total"), Is.EqualTo(1234.5));
        Assert.That(Value(obs, 11, "A"), Is.Null, "— is published as missing");
        Assert.That(obs.Single(o => o.ProvinceCode == 11 && o.Item == "A").Cell, Is.EqualTo("row 11, col 4"));
        Assert.That(obs.Select(o => o.Edition).Distinct(), Is.EqualTo(new int?[] { 2012 }));
    }

    [Test]
    public void Labour_2011_names_with_year_block_and_continued_page()
    {
        var obs = Apply("html/labour_2016_libreoffice_utf8.html", TestProfiles.UrbanEmploymentBySector, "labour_yearbook", 2016, "4-2");
        Assert.That(obs.Where(o => o.Year == 2013).Select(o => o.ProvinceCode).Distinct(), Is.EqualTo(new short[] { 0 }), "year rows are national series");
        Assert.That(Value(obs, 0, "total", 2014), Is.EqualTo(21.5));
        Assert.That(obs.Where(o => o.Year == 2015).Select(o => o.ProvinceCode).Distinct(), Is.EquivalentTo(new short[] { 0, 11, 12, 31, 64, 65 }));
        // 2011 order: 批发零售 F is column 7, 交通 G column 8, 信息 I column 10.
        Assert.That(Value(obs, 65, "F", 2015), Is.EqualTo(657.5));
        Assert.That(Value(obs, 65, "G", 2015), Is.EqualTo(658.5));
        Assert.That(Value(obs, 65, "I", 2015), Is.EqualTo(660.5));
        Assert.That(Value(obs, 64, "S", 2015), Is.EqualTo(660.5));
    }

    [Test]
    public void Labour_xls_with_official_names()
    {
        var obs = Apply("xls/labour_2011.xls", TestProfiles.UrbanEmploymentBySector, "labour_yearbook", 2011, "4-2");
        Assert.That(obs, Has.Count.EqualTo(100));
        Assert.That(Value(obs, 45, "I"), Is.EqualTo(458.5));
        Assert.That(obs.Single(o => o.ProvinceCode == 45 && o.Item == "I").Cell, Is.EqualTo("I8"));
    }

    [Test]
    public void High_tech_export_in_thousand_yuan_is_converted_and_regions_are_left_out()
    {
        var obs = Apply("html/hightech_export_2014_plain_gb18030.htm", TestProfiles.HighTechExportDelivery, "hightech_yearbook", 2014, "2-5");
        Assert.That(obs.Select(o => o.ProvinceCode).Distinct(), Is.EquivalentTo(new short[] { 0, 11, 14, 61 }));
        Assert.That(obs.Select(o => o.Item).Distinct(), Is.EquivalentTo(new[] { "pharma", "aerospace", "electronics_comm", "computers_office", "medical_instruments", "info_chemicals" }),
            "the printed total is recognised but not staged: high-tech items are group codes");
        Assert.That(Value(obs, 11, "pharma"), Is.EqualTo(11.25), "112.5 千元 = 11.25 万元");
        Assert.That(obs.All(o => o.RawUnit == "千元" && o.Unit == "10k yuan" && o.Year == 2013), Is.True);
    }

    [Test]
    public void High_tech_export_xlsx_takes_the_of_which_export_column_not_sales()
    {
        var obs = Apply("xlsx/hightech_export_2017.xlsx", TestProfiles.HighTechExportDelivery, "hightech_yearbook", 2017, "2-5");
        Assert.That(obs, Has.Count.EqualTo(5 * 6));
        Assert.That(Value(obs, 11, "pharma"), Is.EqualTo(114.5));
        Assert.That(Value(obs, 15, "info_chemicals"), Is.EqualTo(164.5));
        Assert.That(Value(obs, 61, "electronics_comm"), Is.Null, "blank J12");
        Assert.That(obs.Single(o => o.ProvinceCode == 23 && o.Item == "aerospace").Cell, Is.EqualTo("H11"));
    }

    [Test]
    public void High_tech_employment_reads_units_from_header_cells()
    {
        var obs = Apply("xlsx/hightech_employment_2021.xlsx", TestProfiles.HighTechEmployment, "hightech_yearbook", 2021, "2-3");
        Assert.That(obs, Has.Count.EqualTo(4 * 6));
        Assert.That(Value(obs, 14, "computers_office"), Is.EqualTo(145.5));
        Assert.That(obs.All(o => o.Unit == "persons" && o.RawUnit == "人" && o.Year == 2020), Is.True);
    }

    [Test]
    public void Nbs_years_as_columns()
    {
        var obs = Apply("csv/fsnd_gdp.csv", TestProfiles.NbsProvincialIndicator, "nbs_provincial", null, "gdp");
        Assert.That(obs, Has.Count.EqualTo(5 * 14));
        Assert.That(obs.Select(o => o.Year).Distinct().Order(), Is.EqualTo(Enumerable.Range(2010, 14).Select(y => (short)y)));
        Assert.That(Value(obs, 15, null, 2010), Is.Null);
        Assert.That(Value(obs, 45, null, 2015), Is.EqualTo(465.5));
        Assert.That(obs.All(o => o.Indicator == "gdp" && o.Unit == "100M yuan" && o.Edition is null && o.Item is null), Is.True);
    }

    [Test]
    public void Nbs_exchange_rate_is_one_national_row()
    {
        var obs = Apply("csv/fsnd_usd_cny.csv", TestProfiles.NbsProvincialIndicator, "nbs_provincial", null, "usd_cny");
        Assert.That(obs.Select(o => o.ProvinceCode).Distinct(), Is.EqualTo(new short[] { 0 }));
        Assert.That(Value(obs, 0, null, 2020), Is.EqualTo(20.5));
        Assert.That(obs[0].Unit, Is.EqualTo("yuan per USD"));
    }

    [Test]
    public void Nbs_indicator_line_must_agree_with_the_configured_table()
    {
        Assert.That(() => Apply("csv/fsnd_gdp.csv", TestProfiles.NbsProvincialIndicator, "nbs_provincial", null, "population"),
            Throws.TypeOf<ProfileException>().With.Message.Contains("'gdp'").And.Message.Contains("'population'"));
    }

    [Test]
    public void Nbs_indicators_as_columns_select_the_configured_indicator()
    {
        var obs = Apply("csv/fsnd_multi_2023.csv", TestProfiles.NbsProvincialIndicator, "nbs_provincial", null, "gdp_per_capita");
        Assert.That(obs.Select(o => (o.ProvinceCode, o.Value)), Is.EqualTo(new (short, double?)[] { (11, 11000), (12, 12000) }));
        Assert.That(obs.All(o => o.Year == 2023 && o.Indicator == "gdp_per_capita" && o.Unit == "yuan"), Is.True);
    }

    [Test]
    public void An_invalid_cell_names_file_table_row_and_column()
    {
        Assert.That(() => Apply("html/hightech_employment_malformed.html", TestProfiles.HighTechEmployment, "hightech_yearbook", 2016, "2-3"),
            Throws.TypeOf<ProfileException>()
                .With.Message.Contains("hightech_employment_malformed.html")
                .And.Message.Contains("2-3")
                .And.Message.Contains("row '天津'")
                .And.Message.Contains("column '合计'")
                .And.Message.Contains("12o0"));
    }

    [Test]
    public void A_header_label_the_profile_does_not_know_is_layout_drift_and_an_error()
    {
        const string html = "<p>2-3 各地区高技术产业从业人员平均人数(2015年)</p><p>单位：人</p><table><tr><td>地区</td><td>合计</td><td>医药制造业</td><td>量子设备制造业</td></tr>" +
                            "<tr><td>北京</td><td>10</td><td>3</td><td>7</td></tr></table>";
        var doc = TableReader.Read(Encoding.UTF8.GetBytes(html), "drift.html");
        Assert.That(() => ProfileApplier.Apply(doc, TestProfiles.HighTechEmployment, new ProfileContext("s", 2016, "2-3", "sha")),
            Throws.TypeOf<ProfileException>().With.Message.Contains("'量子设备制造业'"));
    }

    [Test]
    public void An_evolving_profile_keeps_the_new_column_out_with_a_warning()
    {
        const string html = "<p>2-3 各地区高技术产业从业人员平均人数(2015年)</p><p>单位：人</p><table><tr><td>地区</td><td>合计</td><td>医药制造业</td><td>量子设备制造业</td></tr>" +
                            "<tr><td>北京</td><td>10</td><td>3</td><td>7</td></tr></table>";
        var doc = TableReader.Read(Encoding.UTF8.GetBytes(html), "drift.html");
        var evolving = ProfileLoader.Parse(
            "name: evolving\nshapes: [items_as_columns]\nindicator: hightech_employment\nitems: hightech_groups\nunknown_columns: warn\n", "evolving.yml");
        var result = ProfileApplier.Apply(doc, evolving, new ProfileContext("s", 2016, "2-3", "sha"));
        Assert.That(result.Observations.Select(o => o.Item), Is.EqualTo(new[] { "total", "pharma" }), "this profile stages its total");
        Assert.That(result.Warnings, Has.One.Contains("量子设备制造业"));
    }

    [Test]
    public void An_unknown_row_label_is_an_error()
    {
        const string html = "<p>2-3 高技术产业从业人员平均人数(2015年)</p><p>单位：人</p><table><tr><td>地区</td><td>合计</td></tr>" +
                            "<tr><td>北京</td><td>10</td></tr><tr><td>火星</td><td>3</td></tr></table>";
        var doc = TableReader.Read(Encoding.UTF8.GetBytes(html), "rows.html");
        Assert.That(() => ProfileApplier.Apply(doc, TestProfiles.HighTechEmployment, new ProfileContext("s", 2016, "2-3", "sha")),
            Throws.TypeOf<ProfileException>().With.Message.Contains("'火星'"));
    }

    [Test]
    public void The_fingerprint_changes_when_a_header_label_changes()
    {
        var a = TableReader.Read(Encoding.UTF8.GetBytes("<p>单位：人</p><table><tr><td>地区</td><td>合计</td></tr><tr><td>北京</td><td>1</td></tr></table>"), "a.html");
        var b = TableReader.Read(Encoding.UTF8.GetBytes("<p>单位：人</p><table><tr><td>地区</td><td>总计</td></tr><tr><td>北京</td><td>1</td></tr></table>"), "b.html");
        var c = TableReader.Read(Encoding.UTF8.GetBytes("<p>单位：人</p><table><tr><td>地区</td><td>合计</td></tr><tr><td>北京</td><td>2</td></tr></table>"), "c.html");
        Assert.That(SchemaFingerprint.Of(a.Tables).Fingerprint, Is.Not.EqualTo(SchemaFingerprint.Of(b.Tables).Fingerprint));
        Assert.That(SchemaFingerprint.Of(a.Tables).Fingerprint, Is.EqualTo(SchemaFingerprint.Of(c.Tables).Fingerprint), "values are not layout");
        Assert.That(SchemaFingerprint.Of(a.Tables).HeaderJson, Is.EqualTo("[\"合计\"]"));
    }

    [TestCase("html/labour_2012_excel_gb18030.htm", "urban_employment_by_sector")]
    [TestCase("xlsx/hightech_export_2017.xlsx", "hightech_export_delivery")]
    [TestCase("xlsx/hightech_employment_2021.xlsx", "hightech_employment")]
    [TestCase("csv/fsnd_gdp.csv", "nbs_provincial_indicator")]
    public void Profiles_are_detected_from_titles(string fixture, string profile)
    {
        var doc = TableReader.Read(TestPaths.FixtureBytes(fixture), fixture);
        Assert.That(ProfileLoader.Bundled.Detect(doc)?.Name, Is.EqualTo(profile));
    }

    [Test]
    public void The_catalog_knows_the_four_configured_profiles()
    {
        foreach (var name in new[] { "urban_employment_by_sector", "hightech_export_delivery", "hightech_employment", "nbs_provincial_indicator" })
            Assert.That(ProfileLoader.Bundled.IsKnown(name), Is.True, name);
        Assert.That(ProfileLoader.Bundled.IsKnown("nope"), Is.False);
    }

    private static List<Observation> Apply(string fixture, TableProfile profile, string source, int? edition, string tableId)
    {
        var doc = TableReader.Read(TestPaths.FixtureBytes(fixture), TestPaths.Fixture(fixture));
        return ProfileApplier.Apply(doc, profile, new ProfileContext(source, edition, tableId, "sha")).Observations.ToList();
    }

    private static double? Value(List<Observation> obs, short province, string? item, int? year = null) =>
        obs.Single(o => o.ProvinceCode == province && o.Item == item && (year is null || o.Year == year)).Value;
}

/// <summary>Provincial indicators printed as a statistical-yearbook table rather than a portal export.</summary>
[TestFixture]
public sealed class YearbookProvincialIndicatorTests
{
    private const string Page =
        "<html><head><meta charset=\"gb2312\"></head><body><table>" +
        "<tr><td colspan=4>3-9 各地区地区生产总值和年末常住人口(2015年)</td></tr>" +
        "<tr><td>地区</td><td>地区生产总值(亿元)<br>Gross Regional Product (100 million yuan)</td><td>人均地区生产总值(元)</td><td>年末常住人口(万人)</td></tr>" +
        "<tr><td>全国</td><td>685505.8</td><td>49922</td><td>137462</td></tr>" +
        "<tr><td>东部地区</td><td>372982.7</td><td>—</td><td>—</td></tr>" +
        "<tr><td>北京</td><td>23014.6</td><td>106497</td><td>2171</td></tr>" +
        "<tr><td>陕西</td><td>18021.9</td><td>47626</td><td>3793</td></tr></table>" +
        "<p>注：全国数据与各地区合计不等。</p></body></html>";

    [TestCase("gdp", 11, 23014.6, "100M yuan")]
    [TestCase("gdp_per_capita", 61, 47626, "yuan")]
    [TestCase("population", 0, 137462, "10k persons")]
    public void Each_indicator_column_is_read_for_its_configured_table(string indicator, int province, double value, string unit)
    {
        var doc = TableReader.Read(CharsetDetector.Resolve("gb18030").GetBytes(Page), "3-9.htm");
        Assert.That(ProfileLoader.Bundled.Detect(doc), Is.SameAs(TestProfiles.YearbookProvincialIndicator));
        var obs = ProfileApplier.Apply(doc, TestProfiles.YearbookProvincialIndicator, new ProfileContext("statistical_yearbook", 2016, indicator, "sha")).Observations;
        Assert.That(obs.Select(o => o.ProvinceCode), Is.EqualTo(new short[] { 0, 11, 61 }), "the regional row is left out");
        Assert.That(obs.Single(o => o.ProvinceCode == province).Value, Is.EqualTo(value));
        Assert.That(obs.All(o => o.Indicator == indicator && o.Year == 2015 && o.Unit == unit), Is.True);
    }
}
