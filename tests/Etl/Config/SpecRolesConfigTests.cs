using Warehouse.Etl.Config;

namespace Warehouse.Tests.Etl.Config;

/// <summary>A spec in pipelines.yml whose columns play two roles stops at load, with the file position, before any
/// build reaches the report step.</summary>
[TestFixture]
public sealed class SpecRolesConfigTests
{
    private static string Spec(string x, string iv) =>
        "  specs:\n    - name: s\n      table: table1\n      column: \"(1)\"\n      y: ln_etc\n" +
        $"      x: {x}\n      fe: [province_code, year]\n" + (iv.Length == 0 ? "" : $"      iv: \"{iv}\"\n");

    [TestCase("[co, ln_etc]", "", "spec 's': ln_etc is the dependent variable (y) and also among the regressors (x)")]
    [TestCase("[rd]", "co ~ co", "spec 's': co is both endogenous and its own instrument")]
    [TestCase("[rd, rd]", "", "spec 's': rd is listed twice among the regressors (x)")]
    [TestCase("[rd]", "co ~ rd", "spec 's': instrument rd of iv 'co ~ rd' is also an exogenous regressor (x)")]
    public void A_column_in_two_roles_stops_at_load(string x, string iv, string message)
    {
        var yaml = TestConfigs.Minimal + Spec(x, iv);

        Assert.That(() => ConfigLoader.Parse(yaml, "pipelines.yml"),
            Throws.TypeOf<ConfigException>().With.Message.Contain(message).And.Message.Match(@"pipelines\.yml:\d+:\d+:"));
    }

    [Test]
    public void A_consistent_iv_spec_loads()
    {
        var config = ConfigLoader.Parse(TestConfigs.Minimal + Spec("[rd]", "co ~ co_lag1"), "pipelines.yml");

        Assert.That(config.Analysis.Specs[0].Iv, Is.EqualTo("co ~ co_lag1"));
    }
}
