using System.Data.Common;
using System.Globalization;
using DuckDB.NET.Data;

namespace Warehouse.Analysis.Data;

/// <summary>The <c>read_csv(…)</c> expression of a CSV file, sniffed once.</summary>
/// <remarks>DuckDB sniffs the dialect and types (20 480 sample rows, many dialect candidates) every time a
/// <c>read_csv</c> with auto-detection is bound: about 0.2 s on this project's 2-core machine whatever the file's size,
/// and a load binds it three times (header, types, rows). <c>sniff_csv</c> runs the sniffer once; its answer is
/// written out as an explicit <c>read_csv(…, auto_detect = false, …)</c>, which binds at no cost.</remarks>
internal static class CsvSource
{
    /// <summary>The expression, with <paramref name="asDouble"/> read as DOUBLE, the identifiers in <paramref name="ids"/>
    /// that DuckDB sniffs as floating point read as VARCHAR (the rest as sniffed) and <paramref name="missing"/> as the
    /// cell texts read as NULL.</summary>
    /// <remarks>An id such as 1000000000000000000000000000001 is sniffed as DOUBLE, where it equals its neighbours:
    /// read as a number, distinct units would become one level. As text every distinct cell stays its own level.</remarks>
    /// <exception cref="InvalidDataException">The file is empty (no header row).</exception>
    /// <returns>The expression, e.g. <c>read_csv('a.csv', auto_detect = false, delim = ',', …, columns = {…})</c>.</returns>
    public static string Sniff(DuckDBConnection connection, string path,
        IReadOnlyList<string> missing, Func<IReadOnlyList<string>, IEnumerable<string>> asDouble, IReadOnlySet<string> ids)
    {
        var length = new FileInfo(path).Length;
        if (length == 0 || (length < 4096 && File.ReadAllText(path).Trim().Length == 0))
            throw new InvalidDataException($"{path}: the file is empty (a header row naming the columns is needed)");
        var nullstr = $"[{string.Join(", ", missing.Select(Literal))}]";
        using var reader = SniffOnce(connection, path, nullstr);
        var columns = Columns(reader);
        if (columns is [var only] && HeaderDelimiter(only.Name) is { } delimiter)
        {
            // A row with more or fewer fields than the header makes the sniffer give up on the delimiter and read each
            // line as one column named after the whole header (and it refuses the file outright when told the
            // delimiter). Reading with the header's delimiter, its fields as the columns, stops at that row instead
            // and names its line.
            var names = only.Name.Split(delimiter).Select(n => n.Trim().Trim('"')).ToList();
            var numeric = asDouble(names).ToHashSet(StringComparer.Ordinal);
            var declared = string.Join(", ", names.Select(n => $"{Literal(n)}: {Literal(numeric.Contains(n) ? "DOUBLE" : "VARCHAR")}"));
            return $"read_csv({Literal(path)}, auto_detect = false, header = true, delim = {Literal(delimiter.ToString())}, " +
                   $"quote = '\"', escape = '\"', columns = {{{declared}}}, nullstr = {nullstr})";
        }

        return Expression(reader, columns, path, nullstr, asDouble, ids);
    }

    private static DbDataReader SniffOnce(DuckDBConnection connection, string path, string nullstr)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "select Delimiter, Quote, Escape, NewLineDelimiter, Comment, SkipRows, Columns, DateFormat, TimestampFormat " +
                              $"from sniff_csv({Literal(path)}, header = true, nullstr = {nullstr})";
        var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            reader.Dispose();
            throw new InvalidDataException($"{path}: DuckDB could not sniff the file");
        }

        return reader;
    }

    private static List<(string Name, string Type)> Columns(DbDataReader reader) =>
        ((IEnumerable<object>)reader.GetValue(6)).Cast<IDictionary<string, object>>()
            .Select(c => (Name: (string)c["name"], Type: (string)c["type"])).ToList();

    /// <summary>The delimiter a one-column header evidently uses (comma, tab, semicolon or bar, in that order), or null.</summary>
    private static char? HeaderDelimiter(string header)
    {
        foreach (var candidate in ",\t;|")
        {
            if (header.Contains(candidate, StringComparison.Ordinal)) return candidate;
        }

        return null;
    }

    private static string Expression(DbDataReader reader, List<(string Name, string Type)> columns, string path, string nullstr,
        Func<IReadOnlyList<string>, IEnumerable<string>> asDouble, IReadOnlySet<string> ids)
    {
        var doubles = asDouble(columns.Select(c => c.Name).ToList()).ToHashSet(StringComparer.Ordinal);
        var types = string.Join(", ", columns.Select(c => $"{Literal(c.Name)}: {Literal(Type(c.Name, c.Type))}"));
        string Type(string name, string sniffed) =>
            doubles.Contains(name) ? "DOUBLE" : ids.Contains(name) && (FloatingTypes.Contains(sniffed) || sniffed.StartsWith("DECIMAL", StringComparison.OrdinalIgnoreCase)) ? "VARCHAR" : sniffed;
        var options = new List<string>
        {
            "auto_detect = false", "header = true",
            $"delim = {Literal(Character(reader.GetString(0)))}", $"quote = {Literal(Quote(reader.GetString(1)))}", $"escape = {Literal(Escape(reader.GetString(1), reader.GetString(2)))}",
            $"new_line = {Literal(Character(reader.GetString(3)))}", $"comment = {Literal(Character(reader.GetString(4)))}",
            string.Create(CultureInfo.InvariantCulture, $"skip = {Convert.ToInt64(reader.GetValue(5), CultureInfo.InvariantCulture)}"),
            $"columns = {{{types}}}", $"nullstr = {nullstr}",
        };
        if (!reader.IsDBNull(7) && reader.GetString(7).Length > 0) options.Add($"dateformat = {Literal(reader.GetString(7))}");
        if (!reader.IsDBNull(8) && reader.GetString(8).Length > 0) options.Add($"timestampformat = {Literal(reader.GetString(8))}");
        return $"read_csv({Literal(path)}, {string.Join(", ", options)})";
    }

    private static readonly HashSet<string> FloatingTypes = new(StringComparer.OrdinalIgnoreCase) { "DOUBLE", "FLOAT", "REAL" };

    /// <summary>sniff_csv writes an absent quote, escape or comment character as "(empty)".</summary>
    private static string Character(string sniffed) => sniffed == "(empty)" ? "" : sniffed;

    /// <summary>The quote character: RFC 4180's double quote when the sniffer found none. The sniffer drops quoting
    /// when a file's only quote is unbalanced, and then reads <c>"p10</c> as a unit of its own; with the quote kept,
    /// the unbalanced quote is an error naming its line.</summary>
    private static string Quote(string sniffed) => Character(sniffed) is "" ? "\"" : Character(sniffed);

    /// <summary>The escape character that goes with <see cref="Quote"/> (RFC 4180 doubles the quote).</summary>
    private static string Escape(string sniffedQuote, string sniffedEscape) =>
        Character(sniffedQuote) is "" ? "\"" : Character(sniffedEscape);

    private static string Literal(string text) => $"'{text.Replace("'", "''", StringComparison.Ordinal)}'";
}
