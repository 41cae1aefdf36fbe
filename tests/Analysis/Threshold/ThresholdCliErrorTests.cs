namespace Warehouse.Tests.Analysis.Threshold;

/// <summary>Threshold and mediation options that cannot work stop with one clear line and exit code 2.</summary>
[TestFixture]
public sealed class ThresholdCliErrorTests
{
    [Test]
    public async Task Threshold_without_regime_regressors_is_a_usage_error()
    {
        var (code, _, stderr) = await CliRunner.RunAsync("estimate", "--csv", TestPaths.Grunfeld, "--y", "inv", "--x", "value", "--fe", "firm", "--threshold", "capital");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("--regime-x"));
    }

    [Test]
    public async Task Threshold_bootstrap_on_an_unbalanced_panel_is_refused()
    {
        var (code, _, stderr) = await CliRunner.RunAsync("estimate", "--csv", TestPaths.Grunfeld, "--y", "inv", "--x", "value", "--fe", "firm",
            "--threshold", "capital", "--regime-x", "value", "--trim", "0.1", "--bootstrap", "5", "--where", "not (firm = 1 and year = 1954)");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("balanced panel"));
        Assert.That(stderr.Trim().Split('\n'), Has.Length.EqualTo(1));
    }

    [Test]
    public async Task Threshold_without_a_unit_fixed_effect_is_refused()
    {
        var (code, _, stderr) = await CliRunner.RunAsync("estimate", "--csv", TestPaths.Grunfeld, "--y", "inv", "--x", "value",
            "--threshold", "capital", "--regime-x", "value");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("unit fixed effect"));
    }

    [Test]
    public async Task Mediator_among_the_regressors_is_refused()
    {
        var (code, _, stderr) = await CliRunner.RunAsync("estimate", "--csv", TestPaths.Grunfeld, "--y", "inv", "--x", "value,capital", "--fe", "firm",
            "--mediator", "capital");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("mediator capital must not"));
    }
}
