using Warehouse.Analysis.Inference;
using Warehouse.Etl.Config;

namespace Warehouse.Tests.Etl.Config;

[TestFixture]
public sealed class ConfigLoaderTests
{
    private string folder = "";

    [SetUp]
    public void CreateFolder()
    {
        folder = Directory.CreateTempSubdirectory("warehouse-config-").FullName;
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    [Test]
    public void The_repository_pipelines_yml_is_valid()
    {
        var config = ConfigLoader.Load(RepositoryPaths.PipelinesYml);
        Assert.Multiple(() =>
        {
            Assert.That(config.Sources.Keys, Is.EquivalentTo(new[] { "labour_yearbook", "hightech_yearbook", "nbs_provincial" }));
            Assert.That(config.Pipelines["nightly"].Steps, Is.EqualTo(PipelineSteps.All));
            Assert.That(config.Sha256, Has.Length.EqualTo(64));
        });
    }

    [Test]
    public void Relative_paths_resolve_against_the_config_folder()
    {
        var config = Load(TestConfigs.Minimal);
        Assert.Multiple(() =>
        {
            Assert.That(config.Warehouse.Path, Is.EqualTo(Path.Combine(folder, "warehouse.duckdb")));
            Assert.That(config.Warehouse.LogDir, Is.EqualTo(Path.Combine(folder, "logs")));
            Assert.That(config.Sources["inbox"].Location, Is.EqualTo(Path.Combine(folder, "inbox")));
            Assert.That(config.Pipelines["nightly"].TimeZone, Is.EqualTo("America/New_York"));
        });
    }

    [Test]
    public void A_typo_in_a_key_names_the_key_line_and_pipeline()
    {
        string yaml = TestConfigs.Minimal.Replace("    schedule:", "    shedule:", StringComparison.Ordinal);
        int line = LineOf(yaml, "shedule:");
        Assert.That(() => Load(yaml), Throws.TypeOf<ConfigException>()
            .With.Message.EqualTo($"pipelines.yml:{line}:5: unknown key 'shedule' in pipeline 'nightly'"));
    }

    [Test]
    public void A_duplicate_key_is_an_error()
    {
        string yaml = TestConfigs.Minimal.Replace("    time_zone:", "    steps: [extract]\n    time_zone:", StringComparison.Ordinal);
        Assert.That(() => Load(yaml), Throws.TypeOf<ConfigException>()
            .With.Message.Match(@"^pipelines\.yml:\d+:5: duplicate key 'steps' in pipeline 'nightly'$"));
    }

    [Test]
    public void A_missing_required_key_is_named()
    {
        string yaml = TestConfigs.Minimal.Replace("    location: inbox\n", "", StringComparison.Ordinal);
        Assert.That(() => Load(yaml), Throws.TypeOf<ConfigException>()
            .With.Message.Match(@"^pipelines\.yml:\d+:\d+: missing required key 'location' in source 'inbox'$"));
    }

    [Test]
    public void A_table_without_match_or_title_is_named()
    {
        string yaml = TestConfigs.Minimal.Replace("        match: \"*.csv\"\n", "", StringComparison.Ordinal);
        Assert.That(() => Load(yaml), Throws.TypeOf<ConfigException>()
            .With.Message.Match(@"^pipelines\.yml:14:13: table 'gdp' of source 'inbox' needs 'match' \(a file-name or link-text glob\) or 'title' \(words of its title\)$"));
    }

    [Test]
    public void Index_title_and_release_are_read_and_a_bad_release_is_named()
    {
        string yaml = TestConfigs.Minimal
            .Replace("    editions: \"2011..2024\"\n", "    editions: \"2011..2024\"\n    index: indexch.htm\n", StringComparison.Ordinal)
            .Replace("        match: \"*.csv\"\n", "        title: \"按行业分城镇单位就业人员\"\n        release: \"2024-03\"\n", StringComparison.Ordinal);
        var config = Load(yaml);
        Assert.That(config.Sources["inbox"].Index, Is.EqualTo("indexch.htm"));
        Assert.That(config.Sources["inbox"].Tables[0].Title, Is.EqualTo("按行业分城镇单位就业人员"));
        Assert.That(config.Sources["inbox"].Tables[0].Release, Is.EqualTo("2024-03"));
        Assert.That(() => Load(yaml.Replace("2024-03", "March 2024", StringComparison.Ordinal)), Throws.TypeOf<ConfigException>()
            .With.Message.Match(@"^pipelines\.yml:\d+:\d+: bad 'release' 'March 2024' for table 'gdp' of source 'inbox': expected YYYY, YYYY-MM or YYYY-MM-DD$"));
    }

    [Test]
    public void A_value_of_the_wrong_type_is_an_error_with_position()
    {
        string yaml = TestConfigs.Minimal.Replace("keep_previous: 1", "keep_previous: two", StringComparison.Ordinal);
        Assert.That(() => Load(yaml), Throws.TypeOf<ConfigException>()
            .With.Message.StartWith($"pipelines.yml:{LineOf(yaml, "keep_previous")}:18: invalid value for 'keep_previous' in 'warehouse'"));
    }

    [Test]
    public void A_spec_binds_to_the_analysis_model_spec_with_the_cli_vcov_words()
    {
        const string specYaml = "  specs:\n    - {name: s1, table: robustness, column: \"(1)\", y: ln_etc, x: [co], fe: [province_code], vcov: VCOV}\n";
        var config = Load(TestConfigs.Minimal + specYaml.Replace("VCOV", "hetero", StringComparison.Ordinal));
        var spec = config.Analysis.Specs.Single();
        Assert.Multiple(() =>
        {
            Assert.That(spec, Is.TypeOf<Warehouse.Analysis.Specs.ModelSpec>());
            Assert.That(spec.Vcov, Is.EqualTo(Warehouse.Analysis.Estimation.VcovKind.Hetero));
            Assert.That(spec.X, Is.EqualTo(new[] { "co" }));
            Assert.That(spec.View, Is.EqualTo("panel"));
        });
        string bad = TestConfigs.Minimal + specYaml.Replace("VCOV", "robust", StringComparison.Ordinal);
        Assert.That(() => Load(bad), Throws.TypeOf<ConfigException>()
            .With.Message.Match($@"^pipelines\.yml:{LineOf(bad, "- {name: s1")}:\d+: invalid value for 'vcov'.*unknown value 'robust'; expected iid, hetero, cluster"));
    }

    [TestCase("\"0 3 * * *\"", "\"0 25 * * *\"", "bad cron '0 25 * * *' in 'schedule' of pipeline 'nightly'")]
    [TestCase("\"0 3 * * *\"", "\"0 3 * *\"", "bad cron '0 3 * *'")]
    [TestCase("America/New_York", "Mars/Olympus", "unknown time zone 'Mars/Olympus' in pipeline 'nightly'")]
    [TestCase("editions: \"2011..2024\"", "editions: \"2024..2011\"", "year range '2024..2011' runs backwards")]
    [TestCase("editions: \"2011..2024\"", "editions: \"2011-2024\"", "'2011-2024' is not a year range")]
    [TestCase("years: \"2010..2023\"", "years: \"2023..2010\"", "invalid value for 'years' in 'analysis.sample': year range '2023..2010' runs backwards")]
    [TestCase("steps: [extract, load]", "steps: [extract, lode]", "invalid value for item 2 of 'steps' in pipeline 'nightly': unknown value 'lode'; expected extract, load, transform, test, analyze, report")]
    [TestCase("steps: [extract, load]", "steps: [extract, extract]", "step 'extract' listed twice")]
    [TestCase("kind: directory", "kind: ftp", "invalid value for 'kind' in source 'inbox': unknown value 'ftp'; expected demo, http, directory")]
    [TestCase("profile: nbs_provincial_indicator", "profile: no_such_profile", "unknown profile 'no_such_profile' for table 'gdp' of source 'inbox'")]
    [TestCase("keep_previous: 1", "keep_previous: -1", "keep_previous must be 0 or more")]
    [TestCase("precedence: newest_edition", "precedence: latest", "invalid value for 'precedence' in 'analysis': unknown value 'latest'; expected newest_edition, oldest_edition")]
    public void Semantic_errors_name_the_problem_with_its_position(string from, string to, string expected)
    {
        string yaml = TestConfigs.Minimal.Replace(from, to, StringComparison.Ordinal);
        Assert.That(yaml, Is.Not.EqualTo(TestConfigs.Minimal), "the test case must change the YAML");
        string key = to.Split(':')[0].Trim('"');
        var ex = Assert.Throws<ConfigException>(() => Load(yaml))!;
        Assert.That(ex.Message, Does.Contain(expected));
        Assert.That(ex.Message, Does.Match(@"^pipelines\.yml:\d+:\d+: "));
        if (!key.Contains(' ', StringComparison.Ordinal) && LineOf(yaml, key + ":") is int line and > 0)
        {
            Assert.That(ex.Message, Does.StartWith($"pipelines.yml:{line}:"), "the position points at the offending line");
        }
    }

    [Test]
    public void An_http_source_needs_a_url()
    {
        string yaml = TestConfigs.Minimal.Replace("kind: directory", "kind: http", StringComparison.Ordinal);
        Assert.That(() => Load(yaml), Throws.TypeOf<ConfigException>().With.Message.Contains("must be an http(s) URL"));
    }

    [Test]
    public void Bootstrap_weights_are_read_as_the_estimator_enum_and_an_unknown_one_is_named()
    {
        const string bootstrapYaml = "  bootstrap:\n    weights: [webb, WEIGHT]\n";
        var config = Load(TestConfigs.Minimal + bootstrapYaml.Replace("WEIGHT", "rademacher", StringComparison.Ordinal));
        Assert.That(config.Analysis.Bootstrap.Weights, Is.EqualTo(new[] { BootstrapWeights.Webb, BootstrapWeights.Rademacher }));
        string bad = TestConfigs.Minimal + bootstrapYaml.Replace("WEIGHT", "mammen", StringComparison.Ordinal);
        var error = Assert.Throws<ConfigException>(() => Load(bad))!;
        Assert.That(error.Message, Does.StartWith($"pipelines.yml:{LineOf(bad, "weights:")}:")
            .And.EndWith(": invalid value for item 2 of 'weights' in 'analysis.bootstrap': unknown value 'mammen'; expected rademacher, webb"));
    }

    [Test]
    public void Defaults_apply_and_ranges_and_words_arrive_typed_with_paths_made_absolute()
    {
        var config = Load(TestConfigs.Minimal);
        Assert.Multiple(() =>
        {
            Assert.That(config.Sources["inbox"].Editions, Is.EqualTo(new YearRange(2011, 2024)));
            Assert.That(config.Analysis.Sample.Years, Is.EqualTo(new YearRange(2010, 2023)));
            Assert.That(config.Analysis.Precedence, Is.EqualTo(EditionPrecedence.NewestEdition));
            Assert.That(config.Pipelines["nightly"].Steps, Is.EqualTo(new[] { PipelineStep.Extract, PipelineStep.Load }));
            Assert.That(config.Analysis.Bootstrap.Weights, Is.EqualTo(new[] { BootstrapWeights.Rademacher, BootstrapWeights.Webb }));
            Assert.That(config.Analysis.ReportDir, Is.EqualTo(Path.Combine(folder, AnalysisDefaults.ReportDir)));
            Assert.That(config.Analysis.ProducerServices, Is.EqualTo(new[] { "G", "I", "J", "L", "M" }));
            Assert.That(config.Sources["inbox"].Location, Is.EqualTo(Path.Combine(folder, "inbox")));
            Assert.That(config.Sources["inbox"].Politeness.RequestsPerSecond, Is.EqualTo(2));
            Assert.That(config.Warehouse.Path, Is.EqualTo(Path.Combine(folder, "warehouse.duckdb")));
        });
    }

    [Test]
    public void Every_problem_of_meaning_is_reported_at_once()
    {
        string yaml = TestConfigs.Minimal
            .Replace("America/New_York", "Nowhere/Town", StringComparison.Ordinal)
            .Replace("\"0 3 * * *\"", "\"0 25 * * *\"", StringComparison.Ordinal);
        var ex = Assert.Throws<ConfigException>(() => Load(yaml))!;
        Assert.That(ex.Message.Split('\n'), Has.Length.EqualTo(2));
    }

    [Test]
    public void Malformed_yaml_and_missing_files_are_config_errors()
    {
        Assert.That(() => Load("warehouse: [\n"), Throws.TypeOf<ConfigException>().With.Message.StartWith("pipelines.yml:2:1: "));
        Assert.That(() => Load(""), Throws.TypeOf<ConfigException>().With.Message.Contains("the file is empty"));
        Assert.That(() => ConfigLoader.Load(Path.Combine(folder, "absent.yml")),
            Throws.TypeOf<ConfigException>().With.Message.Contains("configuration file not found"));
    }

    [TestCase("2010..2023", 2010, 2023)]
    [TestCase("2015", 2015, 2015)]
    public void Year_ranges_parse(string text, int from, int to) =>
        Assert.That(YearRange.Parse(text), Is.EqualTo(new YearRange(from, to)));

    private PipelinesFile Load(string yaml)
    {
        string path = Path.Combine(folder, "pipelines.yml");
        File.WriteAllText(path, yaml);
        string previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(folder);
        try
        {
            return ConfigLoader.Load(path);
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }
    }

    private static int LineOf(string yaml, string needle) =>
        Array.FindIndex(yaml.Split('\n'), l => l.TrimStart().StartsWith(needle, StringComparison.Ordinal)) + 1;
}
