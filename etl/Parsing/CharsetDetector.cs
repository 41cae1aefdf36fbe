using System.Text;
using System.Text.RegularExpressions;

namespace Warehouse.Etl.Parsing;

/// <summary>The encoding chosen for a byte stream and why.</summary>
/// <param name="Encoding">Encoding used to decode.</param>
/// <param name="Detected">Name recorded in <c>meta.raw_page.detected_charset</c>.</param>
/// <param name="Declared">Charset declared by the HTTP header or the page's meta tag, if any.</param>
public sealed record CharsetDecision(Encoding Encoding, string Detected, string? Declared);

/// <summary>
/// Chooses the charset of a page: BOM, then an explicit override, then the declared charset (HTTP header, then
/// meta) unless the bytes contradict it, then UTF-8 when the bytes are valid UTF-8, else GB18030.
/// GB2312 and GBK are always decoded as GB18030 (their superset); an unknown name is an error, never a silent UTF-8.
/// </summary>
public static partial class CharsetDetector
{
    [GeneratedRegex(@"charset\s*=\s*[""']?\s*([A-Za-z0-9_\-:.]+)", RegexOptions.IgnoreCase)]
    private static partial Regex CharsetRegex();

    static CharsetDetector() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Registers the code-pages provider (GB18030) for callers that use <see cref="Encoding.GetEncoding(string)"/> directly.</summary>
    public static void EnsureRegistered() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Decides the encoding of <paramref name="bytes"/>.</summary>
    /// <param name="bytes">The raw bytes.</param>
    /// <param name="overrideName">A configured charset (<c>--encoding</c>, pipelines.yml <c>encoding</c>); wins over declarations.</param>
    /// <param name="headerCharset">Charset from the HTTP Content-Type header, if any.</param>
    /// <param name="sniffMeta">Look for a <c>&lt;meta charset&gt;</c> declaration (HTML only).</param>
    public static CharsetDecision Decide(ReadOnlySpan<byte> bytes, string? overrideName, string? headerCharset, bool sniffMeta)
    {
        // Sniffed once: the meta tag is both the declaration reported and a candidate below.
        var meta = sniffMeta ? MetaCharset(bytes) : null;
        var declared = headerCharset is { Length: > 0 } ? headerCharset : meta;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            return new CharsetDecision(new UTF8Encoding(false), "utf-8", declared);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            return new CharsetDecision(Encoding.Unicode, "utf-16le", declared);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return new CharsetDecision(Encoding.BigEndianUnicode, "utf-16be", declared);
        if (overrideName is { Length: > 0 })
        {
            var forced = Resolve(overrideName);
            return new CharsetDecision(forced, forced.WebName, declared);
        }

        var (validUtf8, hasMultiByte) = CheckUtf8(bytes);
        if (hasMultiByte && validUtf8)
            return new CharsetDecision(new UTF8Encoding(false), "utf-8", declared); // a lying declaration cannot make valid UTF-8 Chinese GBK

        foreach (var candidate in new[] { headerCharset, meta })
        {
            if (candidate is not { Length: > 0 })
                continue;
            var encoding = TryResolve(candidate);
            if (encoding is null)
                continue;
            if (encoding.CodePage == 65001 && !validUtf8)
                continue; // declared UTF-8 but the bytes are not: the declaration is wrong
            return new CharsetDecision(encoding, encoding.WebName, declared);
        }

        return validUtf8
            ? new CharsetDecision(new UTF8Encoding(false), "utf-8", declared)
            : new CharsetDecision(Resolve("gb18030"), "gb18030", declared);
    }

    /// <summary>Resolves a charset name; GB2312, GBK and friends map to GB18030.</summary>
    /// <exception cref="ArgumentException">The name is not a known encoding.</exception>
    public static Encoding Resolve(string name) =>
        TryResolve(name) ?? throw new ArgumentException($"unknown encoding '{name}'", nameof(name));

    private static Encoding? TryResolve(string name)
    {
        var n = name.Trim().Trim('"', '\'').ToLowerInvariant();
        if (n is "gb2312" or "gbk" or "x-gbk" or "csgb2312" or "chinese" or "cp936" or "windows-936" or "euc-cn" or "gb_2312-80" or "iso-ir-58")
            n = "gb18030";
        try
        {
            return n is "utf-8" or "utf8" ? new UTF8Encoding(false) : Encoding.GetEncoding(n);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>How far into the page a meta tag naming the charset is looked for.</summary>
    private const int MetaSniffBytes = 4096;

    /// <summary>The charset named by a meta tag within the first 4 KB, if any.</summary>
    public static string? MetaCharset(ReadOnlySpan<byte> bytes)
    {
        // Widened on the stack, and only a meta tag itself made a string: the 4 KB head as a string was some 7 % of what
        // the HTML reader allocated per page.
        Span<char> buffer = stackalloc char[MetaSniffBytes];
        var head = buffer[..Encoding.Latin1.GetChars(bytes[..Math.Min(bytes.Length, MetaSniffBytes)], buffer)];
        var offset = 0;
        while (head[offset..].IndexOf("<meta", StringComparison.OrdinalIgnoreCase) is var at and >= 0)
        {
            var tag = head[(offset + at)..];
            var end = tag.IndexOf('>');
            if (end < 0)
                break;
            var m = CharsetRegex().Match(tag[..end].ToString());
            if (m.Success)
                return m.Groups[1].Value;
            offset += at + end;
        }

        return null;
    }

    private static (bool Valid, bool HasMultiByte) CheckUtf8(ReadOnlySpan<byte> bytes)
    {
        // Validation without decoding or exceptions: GB18030 pages are common, and a thrown decoder error per page is costly.
        var multi = bytes.IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0;
        return (!multi || System.Text.Unicode.Utf8.IsValid(bytes), multi);
    }
}
