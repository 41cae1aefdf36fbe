using System.Text.Json;
using Warehouse.Etl.Serialization;

namespace Warehouse.Etl.Extraction;

/// <summary>Prints rows as CSV (RFC 4180 quoting), JSON (array of objects) or an aligned text table.</summary>
public static class OutputWriter
{
    public static void Write(TextWriter output, string format, IReadOnlyList<string> header, IReadOnlyList<string?[]> rows)
    {
        switch (format)
        {
            case "json":
                var objects = rows.Select(r => header.Select((h, i) => (h, r[i])).ToDictionary(x => x.h, x => x.Item2));
                output.WriteLine(JsonSerializer.Serialize(objects, WarehouseJson.Relaxed.IEnumerableDictionaryStringString));
                break;
            case "table":
                var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => (r[i] ?? string.Empty).Length))).ToArray();
                output.WriteLine(string.Join("  ", header.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
                foreach (var row in rows)
                    output.WriteLine(string.Join("  ", row.Select((c, i) => (c ?? string.Empty).PadRight(widths[i]))).TrimEnd());
                break;
            default:
                output.WriteLine(string.Join(",", header));
                foreach (var row in rows)
                    output.WriteLine(string.Join(",", row.Select(Quote)));
                break;
        }
    }

    private static string Quote(string? value)
    {
        if (value is null)
            return string.Empty;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
