using System.Text;
using System.Text.RegularExpressions;

namespace Warehouse.Etl.Sources;

/// <summary>File-name globs as written in pipelines.yml <c>match:</c> (<c>*</c> and <c>?</c>, case-insensitive, whole name).</summary>
public static class FileGlob
{
    public static bool IsMatch(string fileName, string glob)
    {
        var pattern = new StringBuilder("^");
        foreach (var c in glob)
        {
            pattern.Append(c switch
            {
                '*' => "[^/]*",
                '?' => "[^/]",
                _ => Regex.Escape(c.ToString()),
            });
        }

        pattern.Append('$');
        return Regex.IsMatch(fileName, pattern.ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }
}
