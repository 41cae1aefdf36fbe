using System.Text;

namespace Warehouse.Tests.Architecture;

/// <summary>C# source with comments and the literal text of strings blanked out, so that what is left is code: a
/// folder named in a comment or a log message is not a dependency. Interpolation holes (<c>{expr}</c>) are code and
/// are kept. Line breaks are kept, so offsets map to the same line numbers as the file.</summary>
internal static class CSharpText
{
    public static string CodeOnly(string source)
    {
        var sb = new StringBuilder(source.Length);
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            if (c == '/' && Next(source, i) == '/')
            {
                while (i < source.Length && source[i] != '\n')
                    i++;
            }
            else if (c == '/' && Next(source, i) == '*')
            {
                var end = source.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? source.Length : end + 2;
                Blank(sb, source, i, end);
                i = end;
            }
            else if (c == '\'' )
            {
                var end = i + 1;
                while (end < source.Length && source[end] != '\'' && source[end] != '\n')
                    end += source[end] == '\\' ? 2 : 1;
                end = Math.Min(end + 1, source.Length);
                Blank(sb, source, i, end);
                i = end;
            }
            else if (c is '"' or '$' or '@' && StringStart(source, i) is { } start)
            {
                i = String(sb, source, i, start);
            }
            else
            {
                sb.Append(c);
                i++;
            }
        }

        return sb.ToString();
    }

    private static char Next(string s, int i) => i + 1 < s.Length ? s[i + 1] : '\0';

    /// <summary>Where the quotes of a string literal begin at <paramref name="i"/>: its prefix length, or null when no
    /// string starts here (an identifier such as <c>@class</c>, or a <c>$</c> inside code).</summary>
    private static (int Prefix, bool Interpolated, bool Verbatim)? StringStart(string s, int i)
    {
        if (i > 0 && (char.IsLetterOrDigit(s[i - 1]) || s[i - 1] == '_'))
            return null;
        var j = i;
        var interpolated = false;
        var verbatim = false;
        while (j < s.Length && s[j] is '$' or '@')
        {
            interpolated |= s[j] == '$';
            verbatim |= s[j] == '@';
            j++;
        }

        return j < s.Length && s[j] == '"' ? (j - i, interpolated, verbatim) : null;
    }

    private static int String(StringBuilder sb, string s, int i, (int Prefix, bool Interpolated, bool Verbatim) kind)
    {
        var dollars = s.AsSpan(i, kind.Prefix).Count('$');
        var q = i + kind.Prefix;
        var quotes = 0;
        while (q + quotes < s.Length && s[q + quotes] == '"')
            quotes++;
        var raw = quotes >= 3;
        if (!raw && quotes == 2)
        {
            // "" : an empty string.
            Blank(sb, s, i, q + 2);
            return q + 2;
        }

        var delimiter = raw ? quotes : 1;
        Blank(sb, s, i, q + delimiter);
        var k = q + delimiter;
        var holeOpen = raw ? dollars : 1;
        while (k < s.Length)
        {
            if (raw && string.CompareOrdinal(s, k, new string('"', delimiter), 0, delimiter) == 0)
            {
                Blank(sb, s, k, k + delimiter);
                return k + delimiter;
            }

            if (!raw && s[k] == '"')
            {
                if (kind.Verbatim && Next(s, k) == '"')
                {
                    sb.Append("  ");
                    k += 2;
                    continue;
                }

                sb.Append(' ');
                return k + 1;
            }

            if (!raw && !kind.Verbatim && s[k] == '\\')
            {
                Blank(sb, s, k, Math.Min(k + 2, s.Length));
                k += 2;
                continue;
            }

            if (kind.Interpolated && s[k] == '{' && string.CompareOrdinal(s, k, new string('{', holeOpen), 0, holeOpen) == 0 &&
                (raw || Next(s, k) != '{'))
            {
                k = Hole(sb, s, k + holeOpen, holeOpen);
                continue;
            }

            if (kind.Interpolated && !raw && s[k] == '{')
            {
                sb.Append("  ");
                k += 2;
                continue;
            }

            sb.Append(s[k] == '\n' ? '\n' : ' ');
            k++;
        }

        return k;
    }

    /// <summary>Copies an interpolation hole's expression (code, possibly with nested strings) up to its closing brace.</summary>
    private static int Hole(StringBuilder sb, string s, int k, int braces)
    {
        sb.Append(' ', braces);
        var depth = 0;
        while (k < s.Length)
        {
            var c = s[k];
            if (c == '}' && depth == 0)
            {
                sb.Append(' ', braces);
                return k + braces;
            }

            if (c is '"' or '$' or '@' && StringStart(s, k) is { } start)
            {
                k = String(sb, s, k, start);
                continue;
            }

            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            sb.Append(c);
            k++;
        }

        return k;
    }

    private static void Blank(StringBuilder sb, string s, int from, int to)
    {
        for (var j = from; j < to && j < s.Length; j++)
            sb.Append(s[j] == '\n' ? '\n' : ' ');
    }
}
