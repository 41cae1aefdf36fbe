using System.Globalization;
using Warehouse.Etl.Parsing;
using Warehouse.Etl.Vocabulary;

namespace Warehouse.Tests.Etl.Parsing;

/// <summary>
/// The readers' own number texts and parses (RoundTripText, the plain-number path of CellValueParser, LabelText's
/// unchanged-label path) against the runtime's and the general path's, bit for bit, over seeded values of the shapes
/// yearbooks print and the edges where the short paths hand over.
/// </summary>
[TestFixture]
public sealed class NumberTextTests
{
    private static IEnumerable<double> Values()
    {
        double[] edges =
        [
            0, -0.0, 1, -1, 0.1, 0.2, 0.3, 0.7, 1.1, 2.675, 1234.5, -1234.5, 0.0001, -0.0001, 0.00012, 0.00001, 1e-5, 1e14, 1e15, 1e15 - 1,
            999999999999999, 999999999999999.9, 123456789012345, 12345678901234.5, 1234567890123.45, 9007199254740992, 9007199254740993,
            1e16, 1e20, 1e300, double.Epsilon, double.MaxValue, double.MinValue, 0.1 + 0.2, 1.0 / 3, 2.0 / 3, Math.PI, 100, 1e-4 * 3,
            double.NaN, double.PositiveInfinity, double.NegativeInfinity, 5e-324, 4.35, 0.045, 1.005, 12.345, 99.995,
        ];
        foreach (var e in edges)
            yield return e;
        var random = new Random(20261201);
        for (var i = 0; i < 200_000; i++)
        {
            var places = random.Next(0, 7);
            var integer = random.NextInt64(-1_000_000_000_000, 1_000_000_000_000) / (long)Math.Pow(10, random.Next(0, 12));
            yield return integer / Math.Pow(10, places); // printed decimals, as yearbooks store them
            yield return (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-8, 18)); // arbitrary doubles
            yield return BitConverter.Int64BitsToDouble(random.NextInt64());
        }
    }

    [Test]
    public void Round_trip_text_is_the_runtimes_R_format_for_every_value()
    {
        var mismatches = Values().Where(v => RoundTripText.Of(v) != v.ToString("R", CultureInfo.InvariantCulture))
            .Select(v => $"{v:R} -> {RoundTripText.Of(v)}").Take(5).ToList();
        Assert.That(mismatches, Is.Empty);
    }

    [Test]
    public void Plain_numbers_parse_bit_for_bit_as_double_Parse()
    {
        var texts = Values().Where(double.IsFinite).SelectMany(v => new[] { v.ToString("R", CultureInfo.InvariantCulture), v.ToString("F6", CultureInfo.InvariantCulture), v.ToString("F0", CultureInfo.InvariantCulture) })
            .Concat(["0", "-0", "-0.0", "0.", ".5", "-.5", "5.", "007", "0.30000000000000004", "9007199254740993", "9007199254740992.5",
                "123456789012345678901234567890", "9999999999999999999", "18446744073709551617", "-18446744073709551616.5", "0.18446744073709551617", "0.00000000000000000000001", "0.0000000000000000000000123", new string('9', 400), "1.1.1", "-", ".", "", "1-2", "+1", "1e5"]);
        var mismatches = new List<string>();
        foreach (var text in texts)
        {
            var isPlain = text.Length > 0 && text.TrimStart('-').Length > 0 && text.Count(c => c == '.') <= 1 && text.Skip(text[0] == '-' ? 1 : 0).All(c => char.IsAsciiDigit(c) || c == '.') &&
                          text.Any(char.IsAsciiDigit);
            double? expected = isPlain ? double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) : null;
            var actual = CellValueParser.PlainNumber(text);
            if (actual is null != expected is null || actual is { } a && BitConverter.DoubleToInt64Bits(a) != BitConverter.DoubleToInt64Bits(expected!.Value))
                mismatches.Add($"'{text}': {actual:R} against {expected:R}");
        }

        Assert.That(mismatches.Take(5), Is.Empty);
    }

    [Test]
    public void Classify_tells_numbers_and_text_apart_as_Parse_does()
    {
        const string alphabet = "0123456789.,+-%*()/eEaxBZ 北京国\u3000\u00A0\n\t１２．，－／％①⑳—–…─#年万";
        var random = new Random(20261201);
        var texts = Enumerable.Range(0, 200_000)
            .Select(_ => new string(Enumerable.Range(0, random.Next(0, 9)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray()))
            .Concat(["Beijing", "北　　京", "1,234", "１２３．５", "12.5①", "7 a)", "(a) 7", "—", "……", "／", "45%", "1e3", "E5", "Infinity", "NaN", "-", "12*", "*12", "Total 12"]);
        var mismatches = new List<string>();
        foreach (var text in texts)
        {
            var cell = CellValueParser.Parse(text, string.Empty);
            if (CellValueParser.Classify(text) != (cell.Value is not null, cell.IsInvalid))
                mismatches.Add($"'{text}': {CellValueParser.Classify(text)}");
        }

        Assert.That(mismatches.Take(5), Is.Empty);
    }

    [TestCase("北京 Beijing")]
    [TestCase("National Total")]
    [TestCase("全　　国")]
    [TestCase(" lead")]
    [TestCase("trail ")]
    [TestCase("two  spaces")]
    [TestCase("北 京")]
    [TestCase("北京 2020")]
    [TestCase("a\nb")]
    [TestCase("a\u00A0b")]
    [TestCase("合计\nTotal")]
    [TestCase("x")]
    public void A_label_normalises_as_the_character_by_character_rules_do(string text)
    {
        Assert.That(LabelText.Normalize(text), Is.EqualTo(SlowNormalize(text)));
    }

    /// <summary>The rules as LabelText states them, one character at a time.</summary>
    private static string SlowNormalize(string text)
    {
        var sb = new System.Text.StringBuilder();
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (LabelText.IsSpace(c))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }

            if (pendingSpace && !(LabelText.IsWide(sb[^1]) && LabelText.IsWide(c)))
                sb.Append(' ');
            pendingSpace = false;
            sb.Append(c);
        }

        return sb.ToString();
    }
}
