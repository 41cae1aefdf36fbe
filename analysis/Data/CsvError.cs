using System.Text.RegularExpressions;

namespace Warehouse.Analysis.Data;

/// <summary>Turns DuckDB's multi-line CSV errors into the one line a person needs: file, line, column, what was wrong.</summary>
public static partial class CsvError
{
    /// <summary>One line for an error reading <paramref name="path"/>.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="failure">What failed: DuckDB's exception, or the loader's one-line <see cref="InvalidDataException"/> around it.</param>
    /// <param name="missingTokens">The cell texts read as missing, named when a cell could not be read as a number.</param>
    /// <returns>For example <c>data.csv: line 4, column x: Could not convert string "oops" to 'DOUBLE' (…)</c>.</returns>
    public static string Describe(string path, Exception failure, IReadOnlyList<string> missingTokens)
    {
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(missingTokens);
        var duckdb = failure is InvalidDataException { InnerException: { } inner } ? inner.Message : failure.Message;
        var line = LinePattern().Match(duckdb);
        var conversion = ConversionPattern().Match(duckdb);
        var hint = $"(a cell meaning 'missing' that is not one of {string.Join(" ", missingTokens.Select(t => $"'{t}'"))} or empty? list it with --na)";
        if (line.Success && conversion.Success)
            return $"{path}: line {line.Groups[1].Value}, column {conversion.Groups["column"].Value}: {conversion.Groups["what"].Value.Trim()} {hint}";
        if (line.Success)
        {
            // What was wrong (too many columns, an unterminated quote, …) is the last sentence before DuckDB's
            // "Possible fixes:"; the "Original Line: …" before it can span many lines when a quote is left open.
            var lines = duckdb.Split('\n').Select(l => l.Trim()).SkipWhile(l => !l.StartsWith("Original Line:", StringComparison.Ordinal)).Skip(1).ToList();
            var fixes = lines.FindIndex(l => l.StartsWith("Possible fixes:", StringComparison.Ordinal));
            var what = (fixes >= 0 ? lines.Take(fixes).LastOrDefault(l => l.Length > 0) : lines.FirstOrDefault(l => l.Length > 0))
                       ?? duckdb.Split('\n', 2)[0];
            return $"{path}: line {line.Groups[1].Value}: {what}";
        }
        var first = failure.Message.Split('\n', 2)[0].Trim().Replace(" from csv_input:", ":", StringComparison.Ordinal);
        return first.Contains("Conversion Error", StringComparison.Ordinal) ? $"{path}: {first} {hint}" : $"{path}: {first}";
    }

    [GeneratedRegex(@"CSV Error on Line: (\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex LinePattern();

    [GeneratedRegex("Error when converting column \"(?<column>[^\"]+)\"\\. (?<what>[^\\n]+)", RegexOptions.CultureInvariant)]
    private static partial Regex ConversionPattern();
}
