using System.Text.Json;

namespace Warehouse.Analysis.Output;

/// <summary>The field shapes every JSON writer of a result uses (<see cref="FitJson"/>, <see cref="ThresholdReport"/>,
/// <see cref="MediationReport"/>), so a number, a missing number and a list look the same everywhere.</summary>
public static class JsonFields
{
    /// <summary>A number; JSON has no NaN or infinity, so a number that does not exist is written as null.</summary>
    public static void Number(Utf8JsonWriter w, string name, double? v)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (v is { } d && double.IsFinite(d)) w.WriteNumber(name, d);
        else w.WriteNull(name);
    }

    /// <summary>An array of strings.</summary>
    public static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(values);
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }

    /// <summary>An array of numbers (null where a number does not exist).</summary>
    public static void Numbers(Utf8JsonWriter w, string name, IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(values);
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            if (double.IsFinite(v)) w.WriteNumberValue(v);
            else w.WriteNullValue();
        }
        w.WriteEndArray();
    }

    /// <summary>An array of whole numbers.</summary>
    public static void Integers(Utf8JsonWriter w, string name, IEnumerable<int> values) =>
        Numbers(w, name, (values ?? throw new ArgumentNullException(nameof(values))).Select(v => (double)v));
}
