using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Warehouse.Etl.Parsing;
using Warehouse.Etl.Serialization;

namespace Warehouse.Etl.Normalizing;

/// <summary>A table's layout (header labels, unit, row-label set) hashed, as stored in <c>meta.schema_fingerprint</c>.</summary>
/// <param name="Fingerprint">sha256 (hex) over the header labels, the unit and the sorted row labels.</param>
/// <param name="HeaderJson">JSON array of the column labels.</param>
/// <param name="Unit">Unit lines joined, or null.</param>
/// <param name="RowLabelsJson">JSON array of the row labels as printed.</param>
public sealed record SchemaFingerprint(string Fingerprint, string HeaderJson, string? Unit, string RowLabelsJson)
{
    /// <summary>Fingerprints the tables of one document (continued parts included, in order).</summary>
    public static SchemaFingerprint Of(IEnumerable<RawTable> tables)
    {
        var list = tables.ToList();
        var header = list.SelectMany(t => t.Columns.Select(c => c.Label)).ToArray();
        var unit = string.Join(" ", list.SelectMany(t => t.UnitLines).Distinct());
        var rows = list.SelectMany(t => t.Rows.Select(r => r.Label)).Distinct().ToArray();
        var canonical = string.Join("\u001F", header) + "\u001E" + unit + "\u001E" + string.Join("\u001F", rows.Order(StringComparer.Ordinal));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
        return new SchemaFingerprint(hash, JsonSerializer.Serialize(header, WarehouseJson.Relaxed.StringArray), unit.Length == 0 ? null : unit,
            JsonSerializer.Serialize(rows, WarehouseJson.Relaxed.StringArray));
    }
}
