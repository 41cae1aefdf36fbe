using System.Text;

namespace Warehouse.Etl.Transform;

/// <summary>Reloads the seed tables (reference data shipped as CSV in sql/seeds) on every transform.</summary>
internal static class SeedLoader
{
    /// <summary>The longest first line read as a header; a longer one keeps the sniffer.</summary>
    private const int MaxHeaderChars = 4096;

    public static IReadOnlyList<string> Statements(string sqlFolder)
    {
        string folder = Path.Combine(sqlFolder, "seeds");
        if (!Directory.Exists(folder))
            return [];
        var statements = new List<string>();
        foreach (string path in Directory.GetFiles(folder, "*.csv").Order(StringComparer.Ordinal))
        {
            string table = "seeds." + Path.GetFileNameWithoutExtension(path);
            statements.Add($"delete from {table}");
            statements.Add($"insert into {table} by name select * from {Reader(path)}");
        }

        return statements;
    }

    /// <summary>
    /// The <c>read_csv</c> call for a seed file, every column as text (the seed table's declared types do the casting, so
    /// a bad seed cell fails loudly). A file whose first line is plain comma-separated names — every seed the project
    /// ships — is read as exactly that, without DuckDB's dialect sniffer, which tries every delimiter, quote and escape
    /// on a sample: the five seeds took 8–22 ms each at the start of every build's transform in a native build, and
    /// without the sniffer the transform step's median fell by 39 ms. Any other file (a BOM, another delimiter, quoted
    /// or unusual names) keeps the sniffer.
    /// </summary>
    internal static string Reader(string path)
    {
        string literal = SqlText.Literal(path);
        if (HeaderNames(path) is { } names)
        {
            string columns = string.Join(", ", names.Select(n => $"{SqlText.Literal(n)}: 'VARCHAR'"));
            return $"read_csv({literal}, header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"', columns = {{{columns}}})";
        }

        return $"read_csv({literal}, header = true, all_varchar = true, quote = '\"')";
    }

    /// <summary>The names of a header line of letters, digits and underscores separated by commas; null for anything else
    /// (including a first line longer than <see cref="MaxHeaderChars"/> and a file that cannot be read).</summary>
    internal static IReadOnlyList<string>? HeaderNames(string path)
    {
        var buffer = new char[MaxHeaderChars + 1];
        int read;
        try
        {
            // No preamble: a byte-order mark stays a character of the first name, so such a file keeps the sniffer.
            using var reader = new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false);
            read = reader.ReadBlock(buffer, 0, buffer.Length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // the sniffer's read_csv then fails on it with DuckDB's message, naming the file, as it always did
        }

        var text = buffer.AsSpan(0, read);
        int end = text.IndexOfAny('\r', '\n');
        if (end < 0 && read > MaxHeaderChars)
            return null;
        var first = (end < 0 ? text : text[..end]).ToString();
        if (first.Length == 0)
            return null;
        var names = first.Split(',');
        return names.All(IsPlainName) && names.Distinct(StringComparer.OrdinalIgnoreCase).Count() == names.Length ? names : null;
    }

    private static bool IsPlainName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
