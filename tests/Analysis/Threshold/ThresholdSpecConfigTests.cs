using Warehouse.Etl.Config;

namespace Warehouse.Tests.Analysis.Threshold;

/// <summary>The <c>threshold:</c> and <c>mediation:</c> blocks of a spec bind to typed values, and impossible
/// settings stop at load with the file position.</summary>
[TestFixture]
public sealed class ThresholdSpecConfigTests
{
    private const string Spec = "  specs:\n    - name: t\n      table: threshold\n      column: \"(T)\"\n      y: ln_etc\n      x: [rd]\n      fe: [province_code]\n" +
                                "      threshold:\n        variable: co\n        regime_x: [co]\n        thresholds: THRESHOLDS\n        trim: [0.05, 0.1]\n        search: SEARCH\n" +
                                "    - name: m\n      table: mechanism\n      column: \"(M)\"\n      y: ln_etc\n      x: [co]\n      mediation:\n        mediator: rd\n        bootstrap: 99\n";

    private static PipelinesFile Load(string yaml) => ConfigLoader.Parse(yaml, "pipelines.yml");

    [Test]
    public void Threshold_and_mediation_blocks_bind()
    {
        var config = Load(Warehouse.Tests.Etl.Config.TestConfigs.Minimal + Spec.Replace("THRESHOLDS", "2", StringComparison.Ordinal).Replace("SEARCH", "within", StringComparison.Ordinal));
        var t = config.Analysis.Specs[0].Threshold!;
        Assert.That(t.Variable, Is.EqualTo("co"));
        Assert.That(t.RegimeX, Is.EqualTo(new[] { "co" }));
        Assert.That(t.Thresholds, Is.EqualTo(2));
        Assert.That(t.Trim, Is.EqualTo(new[] { 0.05, 0.1 }));
        Assert.That(t.Grid, Is.EqualTo(400));
        Assert.That(t.Search, Is.EqualTo(Warehouse.Analysis.Threshold.ThresholdTransform.Within));
        Assert.That(config.Analysis.Specs[1].Mediation!.Mediator, Is.EqualTo("rd"));
        Assert.That(config.Analysis.Specs[1].Mediation!.Bootstrap, Is.EqualTo(99));
    }

    [TestCase("4", "hansen", "'thresholds' of spec 't' must be 1, 2 or 3")]
    [TestCase("1", "fast", "invalid value for 'search' in 'threshold' of spec 1 of analysis: unknown value 'fast'; expected hansen, within")]
    public void Impossible_threshold_settings_stop_at_load(string thresholds, string search, string message)
    {
        var yaml = Warehouse.Tests.Etl.Config.TestConfigs.Minimal + Spec.Replace("THRESHOLDS", thresholds, StringComparison.Ordinal).Replace("SEARCH", search, StringComparison.Ordinal);
        Assert.That(() => Load(yaml), Throws.TypeOf<ConfigException>().With.Message.Contain(message).And.Message.Match(@"pipelines\.yml:\d+:\d+:"));
    }
}
