using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Warehouse.Etl.Cli;

/// <summary>Writes a result set as an aligned text table, RFC 4180 CSV or a JSON array of objects.</summary>
internal static class QueryResultWriter
{
    public static void Write(DbDataReader reader, string format, TextWriter output)
    {
        var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var rows = new List<object?[]>();
        while (reader.Read())
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i)).ToArray());
        switch (format)
        {
            case "csv": WriteCsv(names, rows, output); break;
            case "json": WriteJson(names, rows, output); break;
            default: WriteTable(names, rows, output); break;
        }
    }

    /// <summary>Invariant text of a value; doubles round-trip.</summary>
    internal static string Text(object? value) => value switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static void WriteTable(string[] names, List<object?[]> rows, TextWriter output)
    {
        var cells = rows.Select(r => r.Select(v => v is null ? "NULL" : Text(v)).ToArray()).ToList();
        var widths = names.Select((n, i) => Math.Max(n.Length, cells.Count == 0 ? 0 : cells.Max(c => c[i].Length))).ToArray();
        output.WriteLine(string.Join(" | ", names.Select((n, i) => n.PadRight(widths[i]))).TrimEnd());
        output.WriteLine(string.Join("-+-", widths.Select(w => new string('-', w))));
        foreach (var row in cells)
            output.WriteLine(string.Join(" | ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        output.WriteLine($"({rows.Count} row{(rows.Count == 1 ? "" : "s")})");
    }

    private static void WriteCsv(string[] names, List<object?[]> rows, TextWriter output)
    {
        output.WriteLine(string.Join(",", names.Select(Quote)));
        foreach (var row in rows)
            output.WriteLine(string.Join(",", row.Select(v => Quote(Text(v)))));
    }

    private static string Quote(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;

    private static void WriteJson(string[] names, List<object?[]> rows, TextWriter output)
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

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case bool b: json.WriteBooleanValue(b); break;
            case double d when double.IsFinite(d): json.WriteNumberValue(d); break;
            case float f when float.IsFinite(f): json.WriteNumberValue(f); break;
            case short or int or long or byte or sbyte or ushort or uint:
                json.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
            case ulong u: json.WriteNumberValue(u); break;
            case decimal m: json.WriteNumberValue(m); break;
            default: json.WriteStringValue(Text(value)); break;
        }
    }
}
