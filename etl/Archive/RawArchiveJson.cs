using System.Text.Json.Serialization;

namespace Warehouse.Etl.Archive;

/// <summary>The raw archive's location index (one JSON file per location) and the HTTP headers kept in
/// <c>meta.raw_page</c>, serialised by code generated at compile time (the native CLI cannot build converters by reflection).</summary>
[JsonSerializable(typeof(RawArchive.LocationEntry))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
internal sealed partial class RawArchiveJson : JsonSerializerContext;
