using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Warehouse.Etl.Archive;

/// <summary>
/// Content-addressed store of every byte stream read (sha256 → <c>objects/ab/abcd….bin</c>), plus an index of the
/// latest bytes per location (URL or path) with the validators needed for conditional GET and for <c>--offline</c>.
/// Only complete, successful reads are stored: callers hand over bytes after the download has been verified.
/// </summary>
public sealed class RawArchive(string root, TimeProvider timeProvider)
{

    public string Root { get; } = root;

    /// <summary>Stores bytes (once per content) and records them as the latest version of <paramref name="location"/>.</summary>
    public RawPageRecord Store(ReadOnlySpan<byte> bytes, string location, FetchInfo info)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var path = ObjectPath(sha);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllBytes(temp, bytes.ToArray());
            File.Move(temp, path, overwrite: true); // rename is atomic: a reader never sees half an object
        }

        var entry = new LocationEntry(location, sha, info.HttpStatus, info.Headers, info.DeclaredCharset, info.ETag, info.LastModified,
            bytes.Length, timeProvider.GetUtcNow());
        var indexPath = IndexPath(location);
        Directory.CreateDirectory(Path.GetDirectoryName(indexPath)!);
        var tempIndex = indexPath + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllText(tempIndex, JsonSerializer.Serialize(entry, RawArchiveJson.Default.LocationEntry));
        File.Move(tempIndex, indexPath, overwrite: true);
        return entry.ToRecord(path);
    }

    /// <summary>The latest archived version of a location, or null when it was never archived.</summary>
    public LocationEntry? Latest(string location)
    {
        var indexPath = IndexPath(location);
        return File.Exists(indexPath) ? JsonSerializer.Deserialize(File.ReadAllText(indexPath), RawArchiveJson.Default.LocationEntry) : null;
    }

    /// <summary>Every archived location starting with <paramref name="prefix"/> (for offline listing of a folder).</summary>
    public IEnumerable<LocationEntry> LocationsUnder(string prefix)
    {
        var dir = Path.Combine(Root, "locations");
        if (!Directory.Exists(dir))
            yield break;
        foreach (var file in Directory.EnumerateFiles(dir, "*.json"))
        {
            var entry = JsonSerializer.Deserialize(File.ReadAllText(file), RawArchiveJson.Default.LocationEntry);
            if (entry is not null && entry.Location.StartsWith(prefix, StringComparison.Ordinal))
                yield return entry;
        }
    }

    /// <summary>The archived bytes of a sha256; verified against the hash so a damaged archive is never parsed.</summary>
    /// <exception cref="InvalidDataException">The object is missing or its bytes do not hash to its name.</exception>
    public byte[] Read(string sha256)
    {
        var path = ObjectPath(sha256);
        if (!File.Exists(path))
            throw new InvalidDataException($"raw archive object {sha256} is missing ({path})");
        var bytes = File.ReadAllBytes(path);
        if (Convert.ToHexStringLower(SHA256.HashData(bytes)) != sha256)
            throw new InvalidDataException($"raw archive object {path} is damaged: its bytes do not hash to its name");
        return bytes;
    }

    public string ObjectPath(string sha256) => Path.Combine(Root, "objects", sha256[..2], sha256 + ".bin");

    private string IndexPath(string location) =>
        Path.Combine(Root, "locations", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(location))) + ".json");

    /// <summary>The index entry of a location's latest bytes.</summary>
    public sealed record LocationEntry(
        string Location,
        string Sha256,
        int? HttpStatus,
        IReadOnlyDictionary<string, string>? Headers,
        string? DeclaredCharset,
        string? ETag,
        string? LastModified,
        long SizeBytes,
        DateTimeOffset FetchedAt)
    {
        public RawPageRecord ToRecord(string archivePath) => new(
            Sha256, Location, HttpStatus, Headers is null ? null : JsonSerializer.Serialize(Headers, RawArchiveJson.Default.IReadOnlyDictionaryStringString), DeclaredCharset, null,
            SizeBytes, FetchedAt, archivePath);
    }
}

/// <summary>How bytes were obtained: HTTP status, headers and validators (all null for files).</summary>
public sealed record FetchInfo(
    int? HttpStatus = null,
    IReadOnlyDictionary<string, string>? Headers = null,
    string? DeclaredCharset = null,
    string? ETag = null,
    string? LastModified = null);
