using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Warehouse.Etl.Parsing;

/// <summary>
/// How deep a page's markup nests, counted on the text before any parsing: the tree builder spends time quadratic in
/// the depth (20 000 nested tables took bench fuzz past 10 s), so a hostile page is refused first.
/// </summary>
internal static class MarkupDepth
{
    /// <summary>Characters tested per step: two 8-char vectors, one bit each in the step's mask.</summary>
    private const int Block = 16;

    /// <summary>
    /// Elements whose end tag HTML lets a page omit (<c>td</c>, <c>tr</c>, <c>p</c>, <c>li</c>, …) and void elements are
    /// not counted; stops counting past <paramref name="limit"/>.
    /// </summary>
    /// <remarks>
    /// Every <c>&lt;</c> is looked at, in order. They are found sixteen characters at a time as bits of a mask rather
    /// than by one <c>IndexOf</c> per tag: tags sit a few dozen characters apart, and a call per tag costs as much as
    /// the rest of the scan (perf, bench parse corpus).
    /// </remarks>
    public static int OpenTags(ReadOnlySpan<char> text, int limit)
    {
        var depth = 0;
        var deepest = 0;
        // The first '>' at or after the current tag's name, found once and reused while the scan is still before it:
        // a page of open tags without any '>' would otherwise be searched to its end once per tag.
        var nextClose = -1;
        var lessThan = Vector128.Create((ushort)'<');
        ref var first = ref MemoryMarshal.GetReference(MemoryMarshal.Cast<char, ushort>(text));
        for (var block = 0; block < text.Length; block += Block)
        {
            uint mask;
            if (block + Block <= text.Length)
            {
                var low = Vector128.Equals(Vector128.LoadUnsafe(ref first, (nuint)block), lessThan).ExtractMostSignificantBits();
                var high = Vector128.Equals(Vector128.LoadUnsafe(ref first, (nuint)(block + Block / 2)), lessThan).ExtractMostSignificantBits();
                mask = low | high << (Block / 2);
            }
            else
            {
                mask = 0;
                for (var k = block; k < text.Length; k++)
                {
                    if (text[k] == '<')
                        mask |= 1u << (k - block);
                }
            }

            for (; mask != 0; mask &= mask - 1)
            {
                var i = block + BitOperations.TrailingZeroCount(mask);
                if (i + 1 >= text.Length)
                    return deepest;
                var closing = text[i + 1] == '/';
                var start = closing ? i + 2 : i + 1;
                if (start + 2 < text.Length && IsCellOrRow(text.Slice(start, 2)) && !char.IsAsciiLetterOrDigit(text[start + 2]))
                    continue; // most tags of a page: named without scanning the name
                var end = start;
                while (end < text.Length && char.IsAsciiLetterOrDigit(text[end]))
                    end++;
                if (end == start || !char.IsAsciiLetter(text[start]) || NotCounted(text[start..end]))
                    continue;
                if (closing)
                {
                    depth = Math.Max(0, depth - 1);
                    continue;
                }

                if (nextClose != int.MaxValue && nextClose < end)
                {
                    var after = text[end..].IndexOf('>');
                    nextClose = after < 0 ? int.MaxValue : end + after;
                }

                if (nextClose != int.MaxValue && text[nextClose - 1] == '/')
                    continue; // <x/>
                deepest = Math.Max(deepest, ++depth);
                if (deepest > limit)
                    return deepest;
            }
        }

        return deepest;
    }

    private static bool NotCounted(ReadOnlySpan<char> name) =>
        IsCellOrRow(name) || name.Length <= 2 && (name.Equals("td", StringComparison.OrdinalIgnoreCase) || name.Equals("tr", StringComparison.OrdinalIgnoreCase) ||
                             name.Equals("th", StringComparison.OrdinalIgnoreCase) || name.Equals("p", StringComparison.OrdinalIgnoreCase) ||
                             name.Equals("li", StringComparison.OrdinalIgnoreCase) || name.Equals("br", StringComparison.OrdinalIgnoreCase) ||
                             name.Equals("hr", StringComparison.OrdinalIgnoreCase) || name.Equals("dt", StringComparison.OrdinalIgnoreCase) ||
                             name.Equals("dd", StringComparison.OrdinalIgnoreCase)) ||
        name.Equals("img", StringComparison.OrdinalIgnoreCase) || name.Equals("meta", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("link", StringComparison.OrdinalIgnoreCase) || name.Equals("input", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("col", StringComparison.OrdinalIgnoreCase) || name.Equals("area", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("base", StringComparison.OrdinalIgnoreCase) || name.Equals("wbr", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("option", StringComparison.OrdinalIgnoreCase) || name.Equals("thead", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("tbody", StringComparison.OrdinalIgnoreCase) || name.Equals("tfoot", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("colgroup", StringComparison.OrdinalIgnoreCase) || name.Equals("param", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("source", StringComparison.OrdinalIgnoreCase) || name.Equals("embed", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// <c>td</c>, <c>tr</c>, <c>th</c> in any case: most tags of a page, told apart by folding the two ASCII letters
    /// instead of comparing the name against the whole list.
    /// </summary>
    private static bool IsCellOrRow(ReadOnlySpan<char> name) =>
        name.Length == 2 && (name[0] | 0x20) == 't' && (name[1] | 0x20) is 'd' or 'r' or 'h';
}
