using Warehouse.Etl.Cli;

namespace Warehouse.Tests.Etl.Cli;

[TestFixture]
public sealed class RootCommandTests
{
    private static readonly string[] Verbs =
        ["build", "run", "backfill", "extract", "transform", "test", "estimate", "report", "query", "export",
         "schedule", "demo", "docs", "validate", "bench"];

    [Test]
    public void Every_verb_of_the_design_is_wired()
    {
        var names = RootCommandFactory.Create().Subcommands.Select(c => c.Name).ToArray();
        Assert.That(names, Is.EquivalentTo(Verbs));
    }

    [TestCaseSource(nameof(Verbs))]
    public void Every_verb_has_help_with_an_example(string verb)
    {
        var command = RootCommandFactory.Create().Subcommands.Single(c => c.Name == verb);
        Assert.That(command.Description, Does.Contain("Example:"));
    }
}
