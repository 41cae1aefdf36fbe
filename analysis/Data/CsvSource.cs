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
        using var command = connection.CreateCommand();
        command.CommandText = "select Delimiter, Quote, Escape, NewLineDelimiter, Comment, SkipRows, Columns, DateFormat, TimestampFormat " +
                              $"from sniff_csv({Literal(path)}, header = true, nullstr = {nullstr})";
        using var reader = command.ExecuteReader();
        if (!reader.Read()) throw new InvalidDataException($"{path}: DuckDB could not sniff the file");
        var columns = ((IEnumerable<object>)reader.GetValue(6)).Cast<IDictionary<string, object>>()
            .Select(c => (Name: (string)c["name"], Type: (string)c["type"])).ToList();
        var doubles = asDouble(columns.Select(c => c.Name).ToList()).ToHashSet(StringComparer.Ordinal);
        var types = string.Join(", ", columns.Select(c => $"{Literal(c.Name)}: {Literal(Type(c.Name, c.Type))}"));
        string Type(string name, string sniffed) =>
            doubles.Contains(name) ? "DOUBLE" : ids.Contains(name) && (FloatingTypes.Contains(sniffed) || sniffed.StartsWith("DECIMAL", StringComparison.OrdinalIgnoreCase)) ? "VARCHAR" : sniffed;
        var options = new List<string>
        {
            "auto_detect = false", "header = true",
            $"delim = {Literal(Character(reader.GetString(0)))}", $"quote = {Literal(Character(reader.GetString(1)))}", $"escape = {Literal(Character(reader.GetString(2)))}",
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

    private static string Literal(string text) => $"'{text.Replace("'", "''", StringComparison.Ordinal)}'";
}
