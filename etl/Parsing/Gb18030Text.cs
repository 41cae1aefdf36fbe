using System.Buffers;
using System.Text;

namespace Warehouse.Etl.Parsing;

/// <summary>
/// Decodes GB18030 pages faster than the code-pages decoder alone: the ASCII runs (the markup, most of an Excel web
/// page) are widened with the vectorised ASCII path, two-byte sequences are looked up (<see cref="Gb18030Pairs"/>),
/// and only four-byte sequences go to the decoder.
/// </summary>
/// <remarks>
/// GB18030 is stateless, so decoding run by run gives exactly what decoding the whole buffer gives, provided every
/// run ends on a character boundary. The runs are cut by the byte structure (lead 0x81–0xFE; then a trail 0x40–0x7E
/// or 0x80–0xFE, or a digit, lead and digit for four bytes); any byte that breaks the structure sends the whole
/// buffer to the plain decoder, so malformed input is decoded (and replaced) exactly as before.
/// </remarks>
internal static class Gb18030Text
{
    /// <summary>Code page of GB18030 (GB2312 and GBK are read as GB18030 too, see <see cref="CharsetDetector"/>).</summary>
    public const int CodePage = 54936;

    public static string Decode(ReadOnlySpan<byte> bytes, Encoding gb18030)
    {
        var chars = ArrayPool<char>.Shared.Rent(bytes.Length);
        try
        {
            var written = DecodeInto(bytes, gb18030, chars);
            return written >= 0 ? new string(chars, 0, written) : gb18030.GetString(bytes);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>
    /// Decodes into <paramref name="chars"/> (at least <c>bytes.Length</c> long: one byte never yields more than one
    /// char, two bytes one, four bytes at most two) and returns the count written, or -1 when a byte breaks the
    /// structure and the whole buffer must go to the plain decoder.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="chars"/> is shorter than <paramref name="bytes"/>.</exception>
    public static int DecodeInto(ReadOnlySpan<byte> bytes, Encoding gb18030, Span<char> chars)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chars.Length, bytes.Length, nameof(chars));
        char[]? pairs = null;
        var written = 0;
        var i = 0;
        while (i < bytes.Length)
        {
            // One call finds the end of the ASCII run and widens it (it stops at the first byte >= 0x80).
            var status = Ascii.ToUtf16(bytes[i..], chars[written..], out var ascii);
            written += ascii;
            i += ascii;
            if (status == OperationStatus.Done)
                break;
            pairs ??= Gb18030Pairs.Of(gb18030);
            var start = i;
            while (i < bytes.Length && bytes[i] >= 0x80)
            {
                var length = SequenceLength(bytes[i..]);
                if (length == 0)
                    return -1;
                if (length == 2 && pairs is not null)
                {
                    if (start < i)
                        written += gb18030.GetChars(bytes[start..i], chars[written..]); // four-byte sequences before it
                    chars[written++] = pairs[Gb18030Pairs.IndexOf(bytes[i], bytes[i + 1])];
                    start = i + 2;
                }

                i += length;
            }

            if (start < i)
                written += gb18030.GetChars(bytes[start..i], chars[written..]);
        }

        return written;
    }

    /// <summary>Length (2 or 4) of the well-formed multi-byte sequence at the start of <paramref name="s"/>, or 0.</summary>
    private static int SequenceLength(ReadOnlySpan<byte> s)
    {
        if (s.Length < 2 || s[0] is < 0x81 or > 0xFE)
            return 0;
        var second = s[1];
        if (second is >= 0x40 and <= 0x7E or >= 0x80 and <= 0xFE)
            return 2;
        if (second is >= 0x30 and <= 0x39 && s.Length >= 4 && s[2] is >= 0x81 and <= 0xFE && s[3] is >= 0x30 and <= 0x39)
            return 4;
        return 0;
    }
}
