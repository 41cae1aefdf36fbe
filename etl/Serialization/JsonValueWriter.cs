using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Warehouse.Etl.Serialization;

/// <summary>
/// Writes loosely typed values — the fields of a run-log line, a failing test's sample rows, the docs search index — as
/// JSON: null, strings, booleans, numbers, dates, dictionaries (an object per entry), sequences (an array) and any other
/// object by its public properties. <see cref="JsonSerializer"/> would build a converter per runtime type by reflection,
/// which the natively compiled CLI cannot do for every type; this walks the value with <see cref="Utf8JsonWriter"/> alone.
/// </summary>
/// <remarks>Output matches <see cref="JsonSerializer"/>'s defaults for the same values (enums as numbers, dates as ISO
/// 8601, properties in declaration order), except that non-finite doubles are written as the strings "NaN", "Infinity"
/// and "-Infinity" (<c>JsonNumberHandling.AllowNamedFloatingPointLiterals</c>) instead of throwing.</remarks>
public static class JsonValueWriter
{
    /// <summary>Nesting deeper than this is written as the value's text: log fields are shallow, and a cycle must not recurse forever.</summary>
    private const int MaxDepth = 32;

    /// <summary>The JSON text of <paramref name="value"/>.</summary>
    public static string Serialize(object? value, JsonWriterOptions options = default)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            Write(writer, value);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Writes <paramref name="value"/> at the writer's current position.</summary>
    public static void Write(Utf8JsonWriter writer, object? value) => Write(writer, value, 0);

    private static void Write(Utf8JsonWriter writer, object? value, int depth)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); return;
            case string s: writer.WriteStringValue(s); return;
            case char c: writer.WriteStringValue(c.ToString()); return;
            case bool b: writer.WriteBooleanValue(b); return;
            case Enum e: writer.WriteNumberValue(Convert.ToInt64(e, CultureInfo.InvariantCulture)); return;
            case double d: WriteDouble(writer, d); return;
            case float f when float.IsFinite(f): writer.WriteNumberValue(f); return;
            case float f: WriteDouble(writer, f); return;
            case decimal m: writer.WriteNumberValue(m); return;
            case int or short or sbyte or long: writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)); return;
            case uint or ushort or byte or ulong: writer.WriteNumberValue(Convert.ToUInt64(value, CultureInfo.InvariantCulture)); return;
            case DateTimeOffset o: writer.WriteStringValue(o); return;
            case DateTime t: writer.WriteStringValue(t); return;
            case TimeSpan span: writer.WriteStringValue(span.ToString("c", CultureInfo.InvariantCulture)); return;
            case Guid g: writer.WriteStringValue(g); return;
        }

        if (depth >= MaxDepth)
        {
            writer.WriteStringValue(value.ToString());
            return;
        }

        switch (value)
        {
            case IDictionary dictionary:
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in dictionary)
                {
                    writer.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "");
                    Write(writer, entry.Value, depth + 1);
                }

                writer.WriteEndObject();
                return;
            case IEnumerable sequence:
                writer.WriteStartArray();
                foreach (object? item in sequence)
                {
                    Write(writer, item, depth + 1);
                }

                writer.WriteEndArray();
                return;
            case IFormattable formattable:
                // Numbers and dates of other types (HUGEINT, DateOnly, BigInteger): their invariant text.
                writer.WriteStringValue(formattable.ToString(null, CultureInfo.InvariantCulture));
                return;
        }

        writer.WriteStartObject();
        foreach (var (name, property) in Properties(value))
        {
            writer.WritePropertyName(name);
            Write(writer, property, depth + 1);
        }

        writer.WriteEndObject();
    }

    /// <summary>The public readable properties of <paramref name="value"/> and their values, in declaration order.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification =
        "The objects written are anonymous types and records of this program's own assemblies, which the native build keeps whole (TrimMode partial).")]
    public static IEnumerable<(string Name, object? Value)> Properties(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        foreach (var property in value.GetType().GetProperties())
        {
            if (property.CanRead && property.GetIndexParameters().Length == 0)
                yield return (property.Name, property.GetValue(value));
        }
    }

    private static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
            writer.WriteNumberValue(value);
        else
            writer.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
    }
}
