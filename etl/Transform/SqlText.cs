using System.Globalization;
using System.Text.RegularExpressions;

namespace Warehouse.Etl.Transform;

/// <summary>Small helpers to write SQL text: literals, identifiers, comment stripping.</summary>
internal static partial class SqlText
{
    /// <summary>A single-quoted SQL string literal.</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>A double-quoted identifier (column or relation part).</summary>
    public static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A number as SQL text, invariant culture, round-trippable.</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The SQL without -- line comments and /* */ block comments (string literals are kept).</summary>
    public static string StripComments(string sql) => CommentPattern().Replace(sql, m => m.Value.StartsWith('\'') ? m.Value : " ");

    [GeneratedRegex(@"'(?:[^']|'')*'|--[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex CommentPattern();
}
