using System.Text.RegularExpressions;

namespace Warehouse.Etl.Vocabulary;

/// <summary>A unit as printed, understood: its dimension and its size in the dimension's base unit.</summary>
/// <param name="Printed">The unit token as found (e.g. <c>万人</c>, <c>10 000 persons</c>).</param>
/// <param name="Dimension">What it measures: persons, yuan, usd, km, km2, yuan_per_usd, percent, count.</param>
/// <param name="Factor">Size in the dimension's base unit (万人 = 10 000 persons).</param>
public sealed record UnitInfo(string Printed, string Dimension, double Factor);

/// <summary>
/// Units printed in unit lines or header cells (Chinese and English), and conversion to the canonical units
/// of the indicator vocabulary (docs/architecture.md#vocabulary).
/// </summary>
public static partial class UnitCatalog
{
    /// <summary>Canonical unit names of the vocabulary, with their dimension and factor.</summary>
    private static readonly Dictionary<string, (string Dimension, double Factor)> Canonical = new()
    {
        ["10k persons"] = ("persons", 1e4),
        ["persons"] = ("persons", 1),
        ["10k yuan"] = ("yuan", 1e4),
        ["100M yuan"] = ("yuan", 1e8),
        ["yuan"] = ("yuan", 1),
        ["km²"] = ("km2", 1),
        ["10k USD"] = ("usd", 1e4),
        ["1000 USD"] = ("usd", 1e3),
        ["km"] = ("km", 1),
        ["yuan per USD"] = ("yuan_per_usd", 1),
        ["%"] = ("percent", 1),
        ["count"] = ("count", 1),
    };

    /// <summary>Known printed units, longest first within each family so <c>万人</c> wins over <c>人</c>.</summary>
    private static readonly (string Token, string Dimension, double Factor)[] Known =
    [
        ("10 000 persons", "persons", 1e4), ("10000 persons", "persons", 1e4), ("10,000 persons", "persons", 1e4),
        ("万人", "persons", 1e4), ("千人", "persons", 1e3), ("persons", "persons", 1), ("person", "persons", 1),
        ("人年", "count", 1), ("人", "persons", 1),
        ("元/100美元", "yuan_per_usd", 0.01), ("yuan/100 usd", "yuan_per_usd", 0.01), ("元/美元", "yuan_per_usd", 1),
        ("yuan/usd", "yuan_per_usd", 1), ("元/人", "yuan", 1), ("yuan/person", "yuan", 1),
        ("100 million yuan", "yuan", 1e8), ("亿元", "yuan", 1e8),
        ("10 000 yuan", "yuan", 1e4), ("10000 yuan", "yuan", 1e4), ("10,000 yuan", "yuan", 1e4), ("万元", "yuan", 1e4),
        ("1000 yuan", "yuan", 1e3), ("千元", "yuan", 1e3),
        ("100 million usd", "usd", 1e8), ("亿美元", "usd", 1e8), ("million usd", "usd", 1e6), ("百万美元", "usd", 1e6),
        ("10 000 usd", "usd", 1e4), ("10000 usd", "usd", 1e4), ("万美元", "usd", 1e4),
        ("1000 usd", "usd", 1e3), ("千美元", "usd", 1e3), ("usd", "usd", 1), ("美元", "usd", 1),
        ("万平方公里", "km2", 1e4), ("10 000 sq.km", "km2", 1e4), ("10000 sq.km", "km2", 1e4), ("10000 km²", "km2", 1e4),
        ("平方公里", "km2", 1), ("km²", "km2", 1), ("km2", "km2", 1), ("sq.km", "km2", 1), ("sq. km", "km2", 1),
        ("万公里", "km", 1e4), ("10 000 km", "km", 1e4), ("10000 km", "km", 1e4), ("公里", "km", 1), ("km", "km", 1),
        ("%", "percent", 1), ("yuan", "yuan", 1), ("元", "yuan", 1),
        ("个", "count", 1), ("项", "count", 1), ("件", "count", 1), ("家", "count", 1), ("unit", "count", 1), ("piece", "count", 1),
    ];

    [GeneratedRegex(@"[(（]([^()（）]{1,40})[)）]")]
    private static partial Regex ParenthesisRegex();

    /// <summary>The unit named by a unit line (<c>单位：万人</c>, <c>(10 000 persons)</c>, <c>Unit: 10000 yuan</c>).</summary>
    public static UnitInfo? FindUnit(string line)
    {
        var s = line.Trim().TrimStart('(', '（').TrimEnd(')', '）').Trim();
        foreach (var prefix in new[] { "计量单位", "单位", "unit" })
        {
            if (s.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                s = s[prefix.Length..].TrimStart(':', '：', ' ', '\u3000').Trim();
                break;
            }
        }

        if (Lookup(s) is { } whole)
            return whole;

        // "万人 (10 000 persons)": the Chinese unit, then its English translation in parentheses.
        var paren = s.IndexOfAny(['(', '（']);
        if (paren > 0 && Lookup(s[..paren].Trim()) is { } first)
            return first;
        return FindUnitInLabel(s) is { } inParens ? Lookup(inParens) : null;
    }

    /// <summary>
    /// Every unit a unit line names, in order: <c>单位：个，亿元</c> and <c>单位:个.亿元</c> give 个 and 亿元,
    /// <c>单位：亿元 (100 million yuan)</c> gives 亿元 and its translation. Unknown tokens are left out.
    /// </summary>
    public static IReadOnlyList<UnitInfo> UnitsIn(string line)
    {
        var s = line.Trim();
        foreach (var prefix in new[] { "计量单位", "单位", "unit" })
        {
            if (s.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                s = s[prefix.Length..].TrimStart(':', '：', ' ', '\u3000').Trim();
                break;
            }
        }

        var units = new List<UnitInfo>();
        if (Lookup(s.Trim('(', '（', ')', '）', ' ')) is { } whole)
            return [whole];
        var outside = ParenthesisRegex().Replace(s, m =>
        {
            if (Lookup(m.Groups[1].Value.Trim()) is { } inner)
                units.Add(inner);
            return ",";
        });
        var tokens = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < outside.Length; i++)
        {
            var c = outside[i];
            // '.' separates only between two Chinese units (个.亿元); "sq.km" keeps its point.
            var isSeparator = c is ',' or '，' or '、' or ';' or '；' ||
                              c == '.' && i > 0 && i + 1 < outside.Length && LabelText.IsWide(outside[i - 1]) && LabelText.IsWide(outside[i + 1]);
            if (isSeparator)
            {
                tokens.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        tokens.Add(current.ToString());
        var first = new List<UnitInfo>();
        foreach (var token in tokens)
        {
            if (Lookup(token.Trim().Trim('\u3000')) is { } unit)
                first.Add(unit);
        }

        return first.Concat(units).DistinctBy(u => u.Printed).ToList();
    }

    /// <summary>A unit printed in parentheses inside a header label (<c>城镇单位就业人员 (万人)</c>); the first known one wins.</summary>
    public static string? FindUnitInLabel(string label)
    {
        foreach (var m in ParenthesisRegex().EnumerateMatches(label))
        {
            // The match is one bracket, the text, one bracket: the text is the group the pattern captures.
            if (Lookup(label.AsSpan(m.Index + 1, m.Length - 2).Trim().ToString()) is { } unit)
                return unit.Printed;
        }

        return null;
    }

    /// <summary>Understands a bare unit token; null when unknown.</summary>
    public static UnitInfo? Lookup(string token)
    {
        var t = token.Trim();
        foreach (var (known, dimension, factor) in Known)
        {
            if (string.Equals(t, known, StringComparison.OrdinalIgnoreCase))
                return new UnitInfo(t, dimension, factor);
        }

        return null;
    }

    /// <summary>The dimension of a canonical unit of the vocabulary (<c>10k yuan</c> → <c>yuan</c>).</summary>
    /// <exception cref="FormatException">Not a canonical unit.</exception>
    public static string DimensionOf(string canonical) =>
        Canonical.TryGetValue(canonical, out var unit) ? unit.Dimension : throw new FormatException($"unknown canonical unit '{canonical}'");

    /// <summary>The factor that converts a value printed in <paramref name="raw"/> to <paramref name="canonical"/>.</summary>
    /// <exception cref="FormatException">The units measure different things (persons vs yuan) or are unknown.</exception>
    public static double ConversionFactor(string raw, string canonical)
    {
        var from = Lookup(raw) ?? throw new FormatException($"unknown unit '{raw}'");
        if (!Canonical.TryGetValue(canonical, out var to))
            throw new FormatException($"unknown canonical unit '{canonical}'");
        if (from.Dimension != to.Dimension)
            throw new FormatException($"unit '{raw}' ({from.Dimension}) cannot be converted to '{canonical}' ({to.Dimension})");
        return from.Factor / to.Factor;
    }
}
