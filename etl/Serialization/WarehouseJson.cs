using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Warehouse.Etl.Serialization;

/// <summary>
/// The typed JSON the warehouse reads and writes (HTTP headers in the raw archive, a build's input hashes, the
/// scheduler's state, stored table headers), serialised by code generated at compile time: the natively compiled CLI
/// cannot make JSON converters by reflection. Loosely typed values go through <see cref="JsonValueWriter"/>; a folder's
/// own record types get a context of their own there (e.g. the raw archive's location index).
/// </summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(SortedDictionary<string, string>))]
[JsonSerializable(typeof(Dictionary<string, DateTimeOffset>))]
[JsonSerializable(typeof(IEnumerable<Dictionary<string, string?>>))]
[JsonSerializable(typeof(string[]))]
public sealed partial class WarehouseJson : JsonSerializerContext
{
    /// <summary>The same types with Chinese text written as it is (not as \u escapes), for JSON people read or store.</summary>
    public static WarehouseJson Relaxed { get; } = new(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
