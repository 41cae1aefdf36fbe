using System.Text.RegularExpressions;
using Warehouse.Etl.Vocabulary;

namespace Warehouse.Etl.Parsing;

/// <summary>Recognises the free-text lines around a table: titles, unit lines, continuation titles, footnotes.</summary>
public static partial class LineKinds
{
    [GeneratedRegex(@"^\s*(?:表\s*)?(?<num>\d{1,2}(?:\s*-\s*\d{1,3}){1,2})(?![\d.])\s*")]
    private static partial Regex TableNumberRegex();

    [GeneratedRegex(@"[(（]\s*(?<year>(?:19|20)\d{2})\s*年?\s*[底末]?\s*[)）]")]
    private static partial Regex TitleYearRegex();

    /// <summary>A year written into the title's words: <c>中国2020年各地区…</c>, <c>2024年末</c>, <c>2024年底</c> (not a range <c>2012-2020年</c>).</summary>
    [GeneratedRegex(@"(?<![\d\-－–])(?<year>(?:19|20)\d{2})\s*年(?!\s*[\-－–至])")]
    private static partial Regex InlineYearRegex();

    [GeneratedRegex(@"^\s*(?:[①-⑳*]|[a-z]\)|\(\s*[a-z]\s*\)|\d{1,2}\s*[.、．]\s*\D|注|说明|资料来源|数据来源|来源|Note|Notes|Source)", RegexOptions.IgnoreCase)]
    private static partial Regex FootnoteRegex();

    /// <summary>The table number at the start of a title (<c>4-2 各地区…</c> → <c>4-2</c>), or null.</summary>
    public static string? TableNumber(string line)
    {
        var m = TableNumberRegex().Match(line);
        return m.Success ? m.Groups["num"].Value.Replace(" ", string.Empty, StringComparison.Ordinal) : null;
    }

    /// <summary>
    /// The data year printed in a title: <c>(2023年)</c>, <c>(2023)</c>, <c>(2024年底)</c>, or written into its words
    /// (<c>中国2020年各地区…</c>, <c>2024年末</c>); null when none, or when the words name several years.
    /// </summary>
    public static int? TitleYear(string line)
    {
        var m = TitleYearRegex().Match(line);
        if (m.Success)
            return int.Parse(m.Groups["year"].Value, System.Globalization.CultureInfo.InvariantCulture);
        var inline = InlineYearRegex().Matches(line).Select(x => x.Groups["year"].Value).Distinct().ToList();
        return inline.Count == 1 ? int.Parse(inline[0], System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    public static bool IsContinuation(string line) =>
        line.Contains("续表", StringComparison.Ordinal) || line.Contains("续", StringComparison.Ordinal) && line.Length <= 4 ||
        line.Contains("continued", StringComparison.OrdinalIgnoreCase);

    /// <summary>A line that starts a new table: numbered title or a "continued" title.</summary>
    public static bool IsTitle(string line) => TableNumber(line) is not null || IsContinuation(line);

    /// <summary>A unit line: <c>单位：万人</c>, <c>Unit: 10 000 persons</c>, <c>(10 000 persons)</c>.</summary>
    public static bool IsUnitLine(string line)
    {
        var s = line.Trim();
        if (s.StartsWith("单位", StringComparison.Ordinal) || s.StartsWith("计量单位", StringComparison.Ordinal) ||
            s.StartsWith("unit", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (s.Length > 2 && s[0] is '(' or '（' && s[^1] is ')' or '）')
            return UnitCatalog.FindUnit(s) is not null;
        return false;
    }

    public static bool IsFootnote(string line) => FootnoteRegex().IsMatch(line);
}
