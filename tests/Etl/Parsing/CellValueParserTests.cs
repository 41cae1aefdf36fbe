using Warehouse.Etl.Parsing;

namespace Warehouse.Tests.Etl.Parsing;

[TestFixture]
public sealed class CellValueParserTests
{
    [TestCase("1234.5", 1234.5)]
    [TestCase(" 1,234,567.8 ", 1234567.8)]
    [TestCase("１２３．５", 123.5)]
    [TestCase("-12.5", -12.5)]
    [TestCase("12.5①", 12.5)]
    [TestCase("113.5*", 113.5)]
    [TestCase("7 a)", 7.0)]
    [TestCase("45%", 45.0)]
    [TestCase("\u3000 88 \u3000", 88.0)]
    [TestCase("-.5", -0.5)]
    [TestCase("5.", 5.0)]
    [TestCase("0012", 12.0)]
    [TestCase("1e3", 1000.0)]
    public void Numbers_are_read_with_markers_separators_and_full_width_digits(string raw, double expected)
    {
        var cell = CellValueParser.Parse(raw, "A1");
        Assert.That(cell.Value, Is.EqualTo(expected));
        Assert.That(cell.IsMissing || cell.IsInvalid, Is.False);
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("—")]
    [TestCase("–")]
    [TestCase("…")]
    [TestCase("/")]
    [TestCase("-")]
    [TestCase("——")]
    public void Missing_markers_are_missing_not_zero(string raw)
    {
        var cell = CellValueParser.Parse(raw, "B2");
        Assert.That(cell.IsMissing, Is.True);
        Assert.That(cell.Value, Is.Null);
    }

    [TestCase("12o0")]
    [TestCase("1,23,4")]
    [TestCase("abc")]
    [TestCase("12-3")]
    [TestCase("1.2.3")]
    [TestCase("--5")]
    public void Text_that_is_no_number_is_invalid(string raw)
    {
        var cell = CellValueParser.Parse(raw, "C3");
        Assert.That(cell.IsInvalid, Is.True);
        Assert.That(cell.Value, Is.Null);
    }

    [Test]
    public void A_plain_number_too_large_for_a_double_is_invalid_not_infinite()
    {
        var cell = CellValueParser.Parse("9" + new string('0', 400), "D4");
        Assert.That((cell.Value, cell.IsInvalid, cell.IsMissing), Is.EqualTo(((double?)null, true, false)));
    }

    [Test]
    public void Footnote_marker_is_kept_as_a_note()
    {
        Assert.That(CellValueParser.Parse("12.5①", "A1").Note, Is.EqualTo("①"));
    }
}
