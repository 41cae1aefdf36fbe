namespace Warehouse.Etl.Vocabulary;

/// <summary>
/// Maps a header label to a code by distinctive keywords (Chinese first, English when the label has no Chinese),
/// so wording changes between editions and classifications still map, and two matching codes are an error.
/// </summary>
public sealed class KeywordCatalog(string what, IReadOnlyList<(string Code, string[] Chinese, string[] English)> entries)
{
    /// <summary>The code the label names, or null. Total labels (合计, 总计, Total) return <c>total</c>.</summary>
    /// <exception cref="FormatException">The label matches keywords of two different codes.</exception>
    public string? Resolve(string label)
    {
        var clean = LabelText.StripMarker(label.TrimStart('#', '＃'), out _);
        var chinese = LabelText.ChinesePart(clean);
        var latin = LabelText.LatinPart(clean);
        var matches = new HashSet<string>();
        if (chinese.Length > 0)
        {
            foreach (var (code, zh, _) in entries)
            {
                if (zh.Any(k => chinese.Contains(k, StringComparison.Ordinal)))
                    matches.Add(code);
            }
        }

        if (matches.Count == 0 && latin.Length > 0)
        {
            foreach (var (code, _, en) in entries)
            {
                if (en.Any(k => latin.Contains(k, StringComparison.Ordinal)))
                    matches.Add(code);
            }
        }

        if (matches.Count > 1)
            throw new FormatException($"{what} label '{label}' is ambiguous: it matches {string.Join(", ", matches.Order())}");
        if (matches.Count == 1)
            return matches.First();
        return IsTotal(chinese, latin) ? "total" : null;
    }

    /// <summary>合计 / 总计 / 总 / Total labels.</summary>
    public static bool IsTotal(string chinese, string latin) =>
        chinese is "合计" or "总计" or "总" or "全部" or "总量" || chinese.StartsWith("合计", StringComparison.Ordinal) ||
        chinese.StartsWith("总计", StringComparison.Ordinal) || latin is "total" or "all" || latin.StartsWith("total", StringComparison.Ordinal);
}
