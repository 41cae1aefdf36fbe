using System.Text;
using Warehouse.Bench.Parsing;
using Warehouse.Etl.Parsing;

namespace Warehouse.Tests.Etl.Parsing;

/// <summary>The run-by-run GB18030 decoder must give exactly what the code-pages decoder gives for the whole buffer.</summary>
[TestFixture]
public sealed class Gb18030TextTests
{
    private static readonly Encoding Gb18030 = CharsetDetector.Resolve("gb18030");

    private static void AssertSameAsPlain(byte[] bytes) =>
        Assert.That(Gb18030Text.Decode(bytes, Gb18030), Is.EqualTo(Gb18030.GetString(bytes)), Convert.ToHexString(bytes.AsSpan(0, Math.Min(bytes.Length, 64))));

    [Test]
    public void Fixture_page_and_generated_page_decode_as_before()
    {
        AssertSameAsPlain(TestPaths.FixtureBytes("html/labour_2012_excel_gb18030.htm"));
        AssertSameAsPlain(ParseBenchCorpus.Html(7));
    }

    [Test]
    public void Four_byte_sequences_supplementary_characters_and_ascii_trail_bytes_decode_as_before()
    {
        // 𠀀 (U+20000, four bytes), € (four bytes in GB18030), 丂 (0x81 0x40: a trail byte in the ASCII range), full-width digits.
        var text = "a𠀀b€c丂d１２３．４ 北京 Beijing\u3000";
        var bytes = Gb18030.GetBytes(text);
        Assert.That(bytes, Does.Contain((byte)0x40), "the sample must hold an ASCII-range trail byte");
        Assert.That(Gb18030Text.Decode(bytes, Gb18030), Is.EqualTo(text));
    }

    [Test]
    public void Malformed_bytes_are_replaced_exactly_as_the_plain_decoder_does()
    {
        AssertSameAsPlain([0x41, 0x80, 0x42]); // 0x80 alone
        AssertSameAsPlain([0x41, 0xB1, 0x20, 0x42]); // lead byte followed by a space
        AssertSameAsPlain([0x41, 0xB1]); // truncated at the end
        AssertSameAsPlain([0x81, 0x30, 0x20, 0x30, 0x41]); // broken four-byte sequence
        AssertSameAsPlain([0xFF, 0xFF, 0x41]);
    }

    [Test]
    public void Random_bytes_decode_as_before()
    {
        var random = new Random(20261128);
        for (var i = 0; i < 2000; i++)
        {
            var bytes = new byte[random.Next(0, 40)];
            random.NextBytes(bytes);
            for (var k = 0; k < bytes.Length; k++)
            {
                if (random.Next(3) == 0)
                    bytes[k] &= 0x7F; // plenty of ASCII between the multi-byte runs
            }

            AssertSameAsPlain(bytes);
        }
    }

    [Test]
    public void Every_two_byte_sequence_is_looked_up_as_the_decoder_reads_it_alone()
    {
        var pairs = Gb18030Pairs.Of(Gb18030);
        Assert.That(pairs, Is.Not.Null, "the decoder gives one char per two-byte sequence, so the table must exist");
        Assert.Multiple(() =>
        {
            for (var lead = 0x81; lead <= 0xFE; lead++)
            {
                for (var trail = 0x40; trail <= 0xFE; trail++)
                {
                    if (trail == 0x7F)
                        continue;
                    var alone = Gb18030.GetString([(byte)lead, (byte)trail]);
                    Assert.That(pairs![Gb18030Pairs.IndexOf((byte)lead, (byte)trail)].ToString(), Is.EqualTo(alone), $"{lead:X2} {trail:X2}");
                }
            }
        });
    }

    [Test]
    public void Runs_mixing_two_and_four_byte_sequences_decode_as_before()
    {
        var random = new Random(20261201);
        for (var i = 0; i < 500; i++)
        {
            var text = new string(Enumerable.Range(0, random.Next(1, 30)).Select(_ => random.Next(4) switch
            {
                0 => (char)random.Next(0x4E00, 0x9FA5), // two bytes
                1 => (char)random.Next(0x0400, 0x0450), // Cyrillic: two bytes in GB18030 too
                2 => (char)random.Next(0x00A5, 0x00FF), // mostly four bytes
                _ => (char)random.Next(0x20, 0x7F),
            }).ToArray());
            AssertSameAsPlain(Gb18030.GetBytes(text));
        }
    }
}
