using Warehouse.Etl.Config;

namespace Warehouse.Tests.Etl.Config;

/// <summary>pipelines.yml files a user or a broken editor might produce: not UTF-8, a value of the wrong shape, an
/// alias bomb, deep nesting. Each stops at load with one line in the file's words (file, line, column, what was
/// expected), never a .NET type name or an unexpected-error report.</summary>
[TestFixture]
public sealed class HostileConfigTests
{
    private string folder = null!;

    [SetUp]
    public void Scratch()
    {
        folder = Path.Combine(Path.GetTempPath(), "wh-hostile-config-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
    }

    [TearDown]
    public void Remove() => Directory.Delete(folder, recursive: true);

    [Test]
    public void Bytes_that_are_not_utf8_name_the_file_and_the_offset()
    {
        var path = Path.Combine(folder, "pipelines.yml");
        File.WriteAllBytes(path, [.. "warehouse:\n  path: "u8.ToArray(), 0xB1, 0xB1, 0x0A]);

        Assert.That(() => ConfigLoader.Load(path), Throws.TypeOf<ConfigException>()
            .With.Message.EqualTo($"{path}: not UTF-8 text (byte 0xB1 at offset 19); save the file as UTF-8"));
    }

    [Test]
    public void A_quote_that_ends_a_flow_key_midway_is_malformed_yaml_not_an_unexpected_error()
    {
        // Found by fuzzing: YamlDotNet's scanner reads past the end of the text here instead of raising a YamlException.
        var path = Path.Combine(folder, "pipelines.yml");
        File.WriteAllText(path, "sources:\n  s:\n    tables:\n      - id: \"4-: \"*gdp*\"\n");

        Assert.That(() => ConfigLoader.Load(path), Throws.TypeOf<ConfigException>()
            .With.Message.StartsWith($"{path}:1:1: malformed YAML the parser could not place"));
    }

    [TestCase("  path: warehouse.duckdb", "  path: [a, b]", "invalid value for 'path' in 'warehouse': expected a single value (text), got a list or a mapping")]
    [TestCase("  keep_previous: 1", "  keep_previous: many", "invalid value for 'keep_previous' in 'warehouse': 'many' is not a number")]
    [TestCase("  keep_previous: 1", "  keep_previous: [1]", "invalid value for 'keep_previous' in 'warehouse': expected a whole number, got a list or a mapping")]
    [TestCase("  keep_previous: 1", "  keep_previous: 99999999999999", "invalid value for 'keep_previous' in 'warehouse': the number is out of range")]
    [TestCase("    steps: [extract, load]", "    steps: {extract: 1}", "expected a list, got a mapping (key: value lines)")]
    public void A_value_of_the_wrong_shape_says_what_was_expected(string line, string replacement, string message)
    {
        var yaml = TestConfigs.Minimal.Replace(line, replacement, StringComparison.Ordinal);
        Assume.That(yaml, Is.Not.EqualTo(TestConfigs.Minimal), "the line to replace is in the minimal config");

        Assert.That(() => ConfigLoader.Parse(yaml, "pipelines.yml"), Throws.TypeOf<ConfigException>()
            .With.Message.Contain(message).And.Message.Match(@"^pipelines\.yml:\d+:\d+: ").And.Message.Not.Contain("System."));
    }

    [Test]
    public void An_alias_bomb_is_refused_without_expanding_it()
    {
        // Nine levels of nine aliases: 387 420 489 strings if expanded.
        var lines = new List<string> { "a: &a [x, x, x, x, x, x, x, x, x]" };
        for (var c = 'b'; c <= 'i'; c++)
            lines.Add($"{c}: &{c} [{string.Join(", ", Enumerable.Repeat($"*{(char)(c - 1)}", 9))}]");

        Assert.That(() => ConfigLoader.Parse(string.Join('\n', lines) + '\n', "pipelines.yml"), Throws.TypeOf<ConfigException>()
            .With.Message.Contain("unknown key 'a' in the top level"));
    }

    [Test]
    public void Deep_nesting_is_a_config_error_not_a_crash()
    {
        var yaml = TestConfigs.Minimal + "extra: " + new string('[', 5000) + new string(']', 5000) + "\n";

        Assert.That(() => ConfigLoader.Parse(yaml, "pipelines.yml"), Throws.TypeOf<ConfigException>()
            .With.Message.Contain("unknown key 'extra'"));
    }
}
