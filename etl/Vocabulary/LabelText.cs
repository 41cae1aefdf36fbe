using System.Text;

namespace Warehouse.Etl.Vocabulary;

/// <summary>Text rules for labels: whitespace (including U+3000) inside Chinese names, rejoining split words, footnote markers.</summary>
public static class LabelText
{
    /// <summary>True for empty text or text made only of whitespace (U+3000 and no-break space included).</summary>
    public static bool IsBlank(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return true;
        foreach (var c in text)
        {
            if (!IsSpace(c))
                return false;
        }

        return true;
    }

    public static bool IsSpace(char c) => char.IsWhiteSpace(c) || c == '\u3000' || c == '\u00A0';

    /// <summary>Chinese characters and full-width punctuation: no space is needed (or wanted) next to them.</summary>
    public static bool IsWide(char c) =>
        c is >= '\u2E80' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF' or >= '\uFF00' and <= '\uFFEF';

    /// <summary>
    /// Normalises a label: line breaks rejoined, whitespace between two Chinese characters removed
    /// (<c>北    京</c> → <c>北京</c>), other runs of whitespace (between Chinese and Latin too) collapsed to one space, trimmed.
    /// </summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return string.Empty;
        if (IsNormalized(text))
            return text; // most cells: no copy
        // A run of spaces becomes at most one: the result is never longer than the text.
        var buffer = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        var length = 0;
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (IsSpace(c))
            {
                pendingSpace = length > 0;
                continue;
            }

            if (pendingSpace && !(IsWide(buffer[length - 1]) && IsWide(c)))
                buffer[length++] = ' ';
            pendingSpace = false;
            buffer[length++] = c;
        }

        return new string(buffer[..length]);
    }

    /// <summary>
    /// Whether <see cref="Normalize"/> would give the text back unchanged: no space at either end, and every space a single
    /// ASCII space that is not between two wide characters.
    /// </summary>
    private static bool IsNormalized(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (!IsSpace(text[i]))
                continue;
            if (text[i] != ' ' || i == 0 || i == text.Length - 1 || IsSpace(text[i + 1]) || IsWide(text[i - 1]) && IsWide(text[i + 1]))
                return false;
        }

        return true;
    }

    /// <summary>Joins two fragments of one label split over header rows: Chinese fragments glue together, anything else gets a space.</summary>
    public static string Join(string left, string right)
    {
        if (left.Length == 0)
            return right;
        if (right.Length == 0)
            return left;
        return IsWide(left[^1]) && IsWide(right[0]) ? left + right : left + " " + right;
    }

    /// <summary>Strips a footnote marker (<c>①</c>, <c>*</c>, <c>a)</c>, <c>(a)</c>) from the end (or start) of a label.</summary>
    /// <returns>The label without the marker; <paramref name="marker"/> is the marker or null.</returns>
    public static string StripMarker(string label, out string? marker)
    {
        marker = null;
        var s = label.Trim();
        if (s.Length == 0)
            return s;

        // Circled numbers ①..⑳ and asterisks, at either end.
        var end = s.Length;
        while (end > 0 && (IsCircledNumber(s[end - 1]) || s[end - 1] == '*'))
            end--;
        if (end < s.Length && end > 0)
        {
            marker = s[end..];
            return s[..end].TrimEnd();
        }

        var start = 0;
        while (start < s.Length && (IsCircledNumber(s[start]) || s[start] == '*'))
            start++;
        if (start > 0 && start < s.Length)
        {
            marker = s[..start];
            return s[start..].TrimStart();
        }

        // Letter markers "a)" / "(a)" at the end, separated from a word ("Beijing a)") or glued to Chinese ("北京a)").
        if (s.Length >= 3 && s[^1] == ')' && char.IsAsciiLetterLower(s[^2]))
        {
            var openAt = s[^3] == '(' ? s.Length - 3 : -1;
            var cut = openAt >= 0 ? openAt : s.Length - 2;
            if (cut > 0 && (IsSpace(s[cut - 1]) || IsWide(s[cut - 1]) || openAt >= 0 && !char.IsAsciiLetter(s[cut - 1])))
            {
                marker = s[cut..];
                return s[..cut].TrimEnd();
            }
        }

        return s;
    }

    public static bool IsCircledNumber(char c) => c is >= '\u2460' and <= '\u2473';

    /// <summary>The Chinese part of a bilingual label (<c>北京 Beijing</c> → <c>北京</c>).</summary>
    public static string ChinesePart(string label)
    {
        var sb = new StringBuilder();
        foreach (var c in label)
        {
            if (c is >= '\u3400' and <= '\u9FFF')
                sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>The Latin part of a bilingual label, lower-cased with single spaces.</summary>
    public static string LatinPart(string label)
    {
        var sb = new StringBuilder();
        var space = false;
        foreach (var c in label)
        {
            if (char.IsAsciiLetter(c))
            {
                if (space && sb.Length > 0)
                    sb.Append(' ');
                space = false;
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                space = true;
            }
        }

        return sb.ToString();
    }
}
