using Warehouse.Etl.Vocabulary;

namespace Warehouse.Etl.Normalizing;

/// <summary>How profile keywords are compared with printed labels: normalised (no spaces inside Chinese words), case-insensitive.</summary>
public static class ProfileText
{
    /// <summary>True when <paramref name="text"/> contains one of <paramref name="words"/>.</summary>
    public static bool ContainsAny(string text, IReadOnlyList<string> words)
    {
        if (words.Count == 0)
            return false;
        var clean = LabelText.Normalize(text);
        foreach (var word in words)
        {
            if (clean.Contains(word, StringComparison.OrdinalIgnoreCase))
                return true;
        }

        return false;
    }

    /// <summary>True when <paramref name="text"/> contains every one of <paramref name="words"/>.</summary>
    public static bool ContainsAll(string text, IReadOnlyList<string> words)
    {
        var clean = LabelText.Normalize(text);
        return words.All(w => clean.Contains(w, StringComparison.OrdinalIgnoreCase));
    }
}
