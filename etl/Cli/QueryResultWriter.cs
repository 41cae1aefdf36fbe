using System.Data.Common;
using System.Text;
using System.Text.Json;

namespace Warehouse.Etl.Cli;

/// <summary>
/// Writes a result set as an aligned text table, RFC 4180 CSV or a JSON array of objects. DuckDB itself turns every
/// value into text (<see cref="WrappingSql"/>), so each type prints as the DuckDB CLI prints it — ISO dates and
/// timestamps, full-precision DECIMAL/HUGEINT, <c>[1, 2, 3]</c>, <c>{'a': 1}</c>, <c>{k=1}</c> maps, <c>\xAA</c>
/// blobs, <c>1 year 2 days</c> — whatever the process culture.
/// </summary>
internal static class QueryResultWriter
{
    /// <summary>
    /// The SQL that runs the analyst's statement (bound as <c>$sql</c>) through DuckDB's <c>query()</c> table
    /// function, which accepts exactly one SELECT-like statement, and converts every column in DuckDB: to VARCHAR
    /// (the CLI's text) for table and csv, to JSON (numbers stay numbers, lists arrays, structs and maps objects) for json.
    /// </summary>
    public static string WrappingSql(string format) => format switch
    {
        "json" => "select to_json(columns(*)) from query($sql)",
        // The table also needs each column's type (to right-align numbers and round doubles): typeof() after the values.
        "table" => "select columns(*)::varchar, typeof(columns(*)) from query($sql)",
        _ => "select columns(*)::varchar from query($sql)",
    };

    public static void Write(DbDataReader reader, string format, TextWriter output)
    {
        if (format == "table")
        {
            WriteTable(reader, output);
            return;
        }

        var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var rows = new List<string?[]>();
        while (reader.Read())
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetString(i)).ToArray());
        switch (format)
        {
            case "csv": WriteCsv(names, rows, output); break;
            case "json": WriteJson(names, rows, output); break;
            default: throw new ArgumentException($"unknown format '{format}' (table, csv, json)", nameof(format));
        }
    }

    /// <summary>The reader holds n value columns then n type names (<see cref="WrappingSql"/> for table).</summary>
    private static void WriteTable(DbDataReader reader, TextWriter output)
    {
        var n = reader.FieldCount / 2;
        var names = Enumerable.Range(0, n).Select(reader.GetName).ToArray();
        var rows = new List<string?[]>();
        string[]? types = null;
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, n).Select(i => reader.IsDBNull(i) ? null : reader.GetString(i)).ToArray());
            types ??= Enumerable.Range(n, n).Select(reader.GetString).ToArray();
        }

        QueryTable.Write(names, types, rows, output);
    }

    /// <summary>NULL is an empty field, as in the DuckDB CLI's csv mode.</summary>
    private static void WriteCsv(string[] names, List<string?[]> rows, TextWriter output)
    {
        output.WriteLine(string.Join(",", names.Select(Quote)));
        foreach (var row in rows)
            output.WriteLine(string.Join(",", row.Select(v => Quote(v ?? ""))));
    }

    private static string Quote(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;

    private static void WriteJson(string[] names, List<string?[]> rows, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (var row in rows)
            {
                json.WriteStartObject();
                for (int i = 0; i < names.Length; i++)
                {
                    json.WritePropertyName(names[i]);
                    WriteValue(json, row[i]);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>
    /// DuckDB's <c>to_json</c> text, kept as JSON; the only thing it writes that JSON cannot hold is a non-finite
    /// double (<c>NaN</c>, <c>Infinity</c>), and a value holding one is written as a string of that text.
    /// </summary>
    private static void WriteValue(Utf8JsonWriter json, string? value)
    {
        if (value is null)
        {
            json.WriteNullValue();
            return;
        }

        if (IsValidJson(value))
            json.WriteRawValue(value, skipInputValidation: true);
        else
            json.WriteStringValue(value);
    }

    private static bool IsValidJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
