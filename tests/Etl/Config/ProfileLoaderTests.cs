using System.Text;
using Warehouse.Etl.Config;
using Warehouse.Etl.Config.Profiles;
using Warehouse.Etl.Normalizing;
using Warehouse.Etl.Parsing;

namespace Warehouse.Tests.Etl.Config;

/// <summary>profiles/*.yml: loaded strictly with file:line:column errors, checked by validate, and enough on their own to read a new table type.</summary>
[TestFixture]
public sealed class ProfileLoaderTests
{
    private string folder = null!;

    [SetUp]
    public void SetUp() => folder = TestPaths.TempFolder();

    [TearDown]
    public void TearDown() => Directory.Delete(folder, recursive: true);

    [Test]
    public void The_bundled_profiles_are_the_repository_files_and_all_load()
    {
        var names = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "profiles"), "*.yml").Length;
        Assert.That(ProfileLoader.Bundled.Names, Has.Count.EqualTo(names));
        Assert.That(ProfileLoader.Bundled.Names, Is.SupersetOf(new[]
        {
            "urban_employment_by_sector", "hightech_export_delivery", "hightech_employment", "nbs_provincial_indicator",
            "yearbook_provincial_indicator", "hightech_operation_by_region", "hightech_rd_by_region", "rd_intensity_by_region",
        }));
    }

    [Test]
    public void An_unknown_key_names_file_line_and_column()
    {
        Assert.That(() => ProfileLoader.Parse("name: x\nshapes: [years_as_columns]\nindicatr: gdp\n", "p.yml"),
            Throws.TypeOf<ConfigException>().With.Message.StartsWith("p.yml:3:1: unknown key 'indicatr'"));
    }

    [Test]
    public void Unknown_indicator_shape_and_unit_are_each_reported_where_they_are_written()
    {
        const string yaml = """
            name: x
            shapes: [indicators_as_rows]
            columns:
              - indicator: gdpp
                match: [地区生产总值]
              - indicator: gdp
                match: [GDP]
                assumed_unit: 万人
            """;
        var ex = Assert.Throws<ConfigException>(() => ProfileLoader.Parse(yaml, "p.yml"))!;
        var lines = ex.Message.Split(Environment.NewLine);
        Assert.That(lines, Has.Some.StartsWith("p.yml:2:10: unknown shape 'indicators_as_rows'"));
        Assert.That(lines, Has.Some.StartsWith("p.yml:4:16: unknown indicator 'gdpp'"));
        Assert.That(lines, Has.Some.StartsWith("p.yml:8:19: unit '万人' (persons) is not a unit of gdp"));
    }

    [Test]
    public void Two_files_with_one_name_are_an_error_naming_both()
    {
        File.WriteAllText(Path.Combine(folder, "a.yml"), "name: twin\nshapes: [years_as_columns]\nindicator: gdp\n");
        File.WriteAllText(Path.Combine(folder, "b.yml"), "name: twin\nshapes: [years_as_columns]\nindicator: population\n");
        Assert.That(() => ProfileLoader.LoadFolder(folder),
            Throws.TypeOf<ConfigException>().With.Message.Contains("b.yml:1:1: profile name 'twin' is already used by").And.Message.Contains("a.yml"));
    }

    [Test]
    public void A_new_table_type_needs_only_a_yaml_file()
    {
        File.WriteAllText(Path.Combine(folder, "rd_by_region.yml"), """
            name: rd_staff_and_spending_by_region
            shapes: [indicators_as_columns]
            columns:
              - indicator: rd_expenditure
                match: [R&D经费]
            ignore_columns: [R&D人员]
            rows:
              skip: [其他]
            detect:
              - title_all: [研究与试验发展经费与人员]
            """);
        var catalog = ProfileLoader.LoadFolder(folder);
        const string html = "<p>表3-1 各地区研究与试验发展经费与人员(2015年)</p><table><tr><td>地区</td><td>R&amp;D经费 (亿元)</td><td>R&amp;D人员 (人)</td></tr>" +
                            "<tr><td>北京</td><td>1.5</td><td>20</td></tr><tr><td>东部地区</td><td>5</td><td>100</td></tr>" +
                            "<tr><td>其他</td><td>0.5</td><td>1</td></tr><tr><td>天津</td><td>0.25</td><td>10</td></tr></table>";
        var doc = TableReader.Read(Encoding.UTF8.GetBytes(html), "3-1.html");
        var profile = catalog.Detect(doc);
        var result = ProfileApplier.Apply(doc, profile, new ProfileContext("yearbook", null, "3-1", "sha"));
        Assert.That(result.Observations.Select(o => (o.ProvinceCode, o.Year, o.Indicator, o.Value, o.Unit, o.RawUnit)), Is.EqualTo(new[]
        {
            ((short)11, (short)2015, "rd_expenditure", (double?)15000, "10k yuan", "亿元"),
            ((short)12, (short)2015, "rd_expenditure", (double?)2500, "10k yuan", "亿元"),
        }));
        Assert.That(result.Warnings, Is.Empty, "R&D人员 is ignored on purpose, 其他 skipped, the region left out");
    }

    [Test]
    public void Validate_reports_a_broken_profile_beside_pipelines_yml_and_accepts_tables_without_a_profile()
    {
        Directory.CreateDirectory(Path.Combine(folder, "profiles"));
        File.WriteAllText(Path.Combine(folder, "profiles", "bad.yml"), "name: bad\nshapes: [years_as_columns]\nunknown_columns: sometimes\n");
        var config = Path.Combine(folder, "pipelines.yml");
        File.WriteAllText(config, TestConfigs.Minimal.Replace("        profile: nbs_provincial_indicator\n", "        indicator: gdp\n", StringComparison.Ordinal));
        Assert.That(() => ConfigLoader.Load(config),
            Throws.TypeOf<ConfigException>().With.Message.Contains("bad.yml:3:18: unknown_columns must be error or warn"));

        File.WriteAllText(Path.Combine(folder, "profiles", "bad.yml"), "name: good\nshapes: [years_as_columns]\n");
        var loaded = ConfigLoader.Load(config);
        Assert.That(loaded.Profiles.Names, Is.EqualTo(new[] { "good" }), "the folder beside pipelines.yml replaces the bundled set");
        Assert.That(loaded.Sources["inbox"].Tables[0].Profile, Is.Null);
        Assert.That(loaded.Sources["inbox"].Tables[0].Indicator, Is.EqualTo("gdp"));
    }

    [Test]
    public void A_profiles_folder_named_in_pipelines_yml_is_read_whatever_the_default_folder_beside_it_holds()
    {
        // The default folder is read ahead while pipelines.yml is parsed; naming another one must not see its error.
        Directory.CreateDirectory(Path.Combine(folder, "profiles"));
        File.WriteAllText(Path.Combine(folder, "profiles", "bad.yml"), "name: bad\nshapes: [years_as_columns]\nunknown_columns: sometimes\n");
        Directory.CreateDirectory(Path.Combine(folder, "mine"));
        File.WriteAllText(Path.Combine(folder, "mine", "good.yml"), "name: mine\nshapes: [years_as_columns]\n");
        var config = Path.Combine(folder, "pipelines.yml");
        File.WriteAllText(config, TestConfigs.Minimal
            .Replace("  demo_cache: demo\n", "  demo_cache: demo\n  profiles: mine\n", StringComparison.Ordinal)
            .Replace("        profile: nbs_provincial_indicator\n", "        indicator: gdp\n", StringComparison.Ordinal));
        var loaded = ConfigLoader.Load(config);
        Assert.Multiple(() =>
        {
            Assert.That(loaded.Profiles.Names, Is.EqualTo(new[] { "mine" }));
            Assert.That(loaded.ProfilesFolder, Is.EqualTo(Path.Combine(folder, "mine")));
        });
    }

    [Test]
    public void A_table_spec_naming_an_unknown_profile_indicator_or_unit_is_refused()
    {
        var yaml = TestConfigs.Minimal.Replace("        profile: nbs_provincial_indicator\n",
            "        profile: nbs_portal\n        indicator: gdpp\n        unit: 亿圆\n", StringComparison.Ordinal);
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "pipelines.yml"))!;
        Assert.That(ex.Message, Does.Contain("unknown profile 'nbs_portal'").And.Contain("unknown indicator 'gdpp'").And.Contain("unknown unit '亿圆'"));
    }

    [TestCase("        indicator: gdp\n        unit: 件\n", "'件' is a unit of count, none of gdp (100M yuan)")]
    [TestCase("        profile: nbs_provincial_indicator\n        unit: 件\n", "'件' is a unit of count, none of gdp_per_capita (yuan), gdp (100M yuan)")]
    public void A_unit_pin_of_a_kind_no_column_of_the_table_has_is_a_config_error_naming_the_line(string spec, string why)
    {
        var yaml = TestConfigs.Minimal.Replace("        profile: nbs_provincial_indicator\n", spec, StringComparison.Ordinal);
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "pipelines.yml"))!;
        Assert.That(ex.Message, Does.Match(@"pipelines\.yml:\d+:\d+: unit '件' for table 'gdp' of source '\w+' fits none of its columns: ").And.Contain(why));
    }

    [Test]
    public void A_unit_pin_of_the_kind_of_one_column_is_accepted()
    {
        var yaml = TestConfigs.Minimal.Replace("        profile: nbs_provincial_indicator\n", "        profile: hightech_operation_by_region\n        unit: 万元\n", StringComparison.Ordinal);
        Assert.That(ConfigLoader.Parse(yaml, "pipelines.yml").Sources.Values.Single().Tables[0].Unit, Is.EqualTo("万元"));
    }

    [Test]
    public void An_empty_list_entry_is_a_config_error_naming_its_line_not_a_crash()
    {
        var yaml = TestConfigs.Minimal.Replace("        profile: nbs_provincial_indicator\n", "        profile: nbs_provincial_indicator\n      -\n", StringComparison.Ordinal);
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "pipelines.yml"))!;
        Assert.That(ex.Message, Does.Match(@"pipelines\.yml:\d+:\d+: an empty entry in the tables of source '\w+'"));
    }
}
