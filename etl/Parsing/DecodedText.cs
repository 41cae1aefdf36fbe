using System.Buffers;
using System.Text;

namespace Warehouse.Etl.Parsing;

/// <summary>
/// A page's decoded characters in a buffer rented from the shared array pool, returned on dispose. The tokenizer reads
/// the page as memory and every string the page tree keeps is copied out of it, so the page itself never has to
/// become a string: as one it would be a fifth of the bytes the HTML reader allocates per page (bench parse).
/// </summary>
internal readonly struct DecodedText : IDisposable
{
    private readonly char[] buffer;
    private readonly int length;

    private DecodedText(char[] buffer, int length)
    {
        this.buffer = buffer;
        this.length = length;
    }

    public ReadOnlyMemory<char> Memory => buffer.AsMemory(0, length);

    public ReadOnlySpan<char> Span => buffer.AsSpan(0, length);

    /// <summary>Decodes the whole page at once, its byte-order mark left out (the encoding was chosen from it already).</summary>
    public static DecodedText Of(ReadOnlySpan<byte> bytes, Encoding encoding)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            bytes = bytes[3..];
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            bytes = bytes[2..];
        if (encoding.CodePage == Gb18030Text.CodePage)
        {
            var chars = ArrayPool<char>.Shared.Rent(Math.Max(bytes.Length, 1));
            var written = Gb18030Text.DecodeInto(bytes, encoding, chars);
            if (written >= 0)
                return new DecodedText(chars, written);
            ArrayPool<char>.Shared.Return(chars);
        }

        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(encoding.GetCharCount(bytes), 1));
        return new DecodedText(buffer, encoding.GetChars(bytes, buffer));
    }

    public void Dispose() => ArrayPool<char>.Shared.Return(buffer);
}
