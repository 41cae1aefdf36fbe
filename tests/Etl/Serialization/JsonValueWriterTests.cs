using System.Text.Encodings.Web;
using System.Text.Json;
using Warehouse.Etl.Serialization;

namespace Warehouse.Tests.Etl.Serialization;

/// <summary>The value writer replaces <see cref="JsonSerializer"/> for loose values in the native CLI: for every value
/// the run log, the test samples and the docs index hold, it must write what the serializer wrote.</summary>
[TestFixture]
public sealed class JsonValueWriterTests
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions RelaxedWriter = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private enum Level { Info, Warn = 7 }

    private static IEnumerable<TestCaseData> Values()
    {
        yield return new TestCaseData((object?)null).SetName("null");
        yield return new TestCaseData("出口交货值 \"quoted\" <tag> & \n line").SetName("Chinese and escapes");
        yield return new TestCaseData(true).SetName("bool");
        yield return new TestCaseData(long.MinValue).SetName("long");
        yield return new TestCaseData(ulong.MaxValue).SetName("ulong");
        yield return new TestCaseData((short)-3).SetName("short");
        yield return new TestCaseData(0.1 + 0.2).SetName("double shortest round trip");
        yield return new TestCaseData(1e300).SetName("double exponent");
        yield return new TestCaseData(0.1f).SetName("float");
        yield return new TestCaseData(12.345m).SetName("decimal");
        yield return new TestCaseData(Level.Warn).SetName("enum as its number");
        yield return new TestCaseData(new DateTimeOffset(2026, 12, 1, 18, 0, 0, 123, TimeSpan.FromHours(8))).SetName("DateTimeOffset");
        yield return new TestCaseData(new DateTime(2026, 12, 1, 18, 0, 0, DateTimeKind.Utc)).SetName("DateTime");
        yield return new TestCaseData(TimeSpan.FromMilliseconds(1234.5)).SetName("TimeSpan");
        yield return new TestCaseData(new[] { 1, 2, 3 }).SetName("int array");
        yield return new TestCaseData(new List<string?> { "a", null, "省" }).SetName("list of strings");
        yield return new TestCaseData(new Dictionary<string, long> { ["staging"] = 18498, ["meta.run"] = 3 }).SetName("dictionary");
        yield return new TestCaseData(new SortedDictionary<string, object?> { ["b"] = 1.5, ["a"] = null }).SetName("sorted dictionary of objects");
        yield return new TestCaseData(new
        {
            pipeline = "build",
            steps = new[] { "extract", "load" }.Select(s => s.ToUpperInvariant()),
            years = (IReadOnlyList<int>)[2010, 2023],
            carried = new Dictionary<string, long> { ["meta.run"] = 2 },
            nested = new { elapsed_ms = 42L, ok = (bool?)null, rows = new[] { new { cell = "B7", value = 3.25 } } },
        }).SetName("anonymous object with sequences, dictionaries and nesting");
    }

    [TestCaseSource(nameof(Values))]
    public void Writes_what_JsonSerializer_writes(object? value) =>
        Assert.That(JsonValueWriter.Serialize(value, RelaxedWriter), Is.EqualTo(JsonSerializer.Serialize(value, Relaxed)));

    [Test]
    public void Default_options_escape_html_as_the_serializer_does() =>
        Assert.That(JsonValueWriter.Serialize(new { q = "</script><b>&" }), Is.EqualTo(JsonSerializer.Serialize(new { q = "</script><b>&" })));

    [Test]
    public void Non_finite_doubles_are_named_strings_instead_of_an_exception()
    {
        var named = new JsonSerializerOptions(Relaxed) { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
        double[] values = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1.5];

        Assert.Multiple(() =>
        {
            Assert.That(JsonValueWriter.Serialize(values), Is.EqualTo("[\"NaN\",\"Infinity\",\"-Infinity\",1.5]"));
            Assert.That(JsonValueWriter.Serialize(values, RelaxedWriter), Is.EqualTo(JsonSerializer.Serialize(values, named)));
        });
    }

    [Test]
    public void A_cycle_stops_at_the_depth_limit_instead_of_recursing_forever()
    {
        var list = new List<object>();
        list.Add(list);

        string json = JsonValueWriter.Serialize(list);

        Assert.Multiple(() =>
        {
            Assert.That(json, Does.StartWith(new string('[', 32)));
            Assert.That(() => JsonDocument.Parse(json), Throws.Nothing);
        });
    }

    [Test]
    public void Properties_lists_public_readable_properties_in_declaration_order() =>
        Assert.That(JsonValueWriter.Properties(new { b = 1, a = "x", c = (string?)null }),
            Is.EqualTo(new (string, object?)[] { ("b", 1), ("a", "x"), ("c", null) }));
}
