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
}
