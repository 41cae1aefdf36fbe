using System.Text;

namespace Warehouse.Demo.Tables;

/// <summary>How yearbook headers break long names: Chinese after a 、 or every few characters, English at word wraps.</summary>
internal static class HeaderText
{
    /// <summary>Splits a Chinese label into pieces of at most <paramref name="width"/> characters, preferring to
    /// break after 、 — the way Excel-exported pages spread one header over several rows.</summary>
    public static IReadOnlyList<string> SplitChinese(string text, int width = 6)
    {
        var pieces = new List<string>();
        var piece = new StringBuilder();
        foreach (var ch in text)
        {
            piece.Append(ch);
            if ((ch == '、' && piece.Length >= 4) || piece.Length >= width)
            {
                pieces.Add(piece.ToString());
                piece.Clear();
            }
        }

        if (piece.Length > 0)
        {
            pieces.Add(piece.ToString());
        }

        return pieces;
    }

    /// <summary>Greedy word wrap of an English label.</summary>
    public static IReadOnlyList<string> WrapEnglish(string text, int width = 16)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }

            if (line.Length > 0)
            {
                line.Append(' ');
            }

            line.Append(word);
        }

        if (line.Length > 0)
        {
            lines.Add(line.ToString());
        }

        return lines;
    }

    /// <summary>A multi-line bilingual header cell as in the yearbook workbooks: Chinese lines, then English lines.</summary>
    public static string Bilingual(string chinese, string english) =>
        string.Join('\n', SplitChinese(chinese).Concat(WrapEnglish(english)));
}
