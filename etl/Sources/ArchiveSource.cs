using Warehouse.Etl.Archive;

namespace Warehouse.Etl.Sources;

/// <summary>
/// <c>--offline</c>: re-reads what an earlier run archived, without touching the network or the inbox, so a
/// parser fix can be replayed over every past edition.
/// </summary>
public sealed class ArchiveSource(RawArchive archive, Func<int?, string> editionPrefix, Func<int?, string?>? indexLocation = null) : IDocumentSource
{
    public Task<SourceListing> ListAsync(int? edition, CancellationToken cancellationToken)
    {
        if (indexLocation?.Invoke(edition) is { } index)
        {
            // An HTTP source: the edition's table list is the archived index page's links.
            var entry = archive.Latest(index) ?? throw new InvalidDataException($"offline: index page '{index}' was never archived");
            var html = archive.Read(entry.Sha256);
            return Task.FromResult(new SourceListing(HttpSource.LinksOf(html, new Uri(index), entry.DeclaredCharset), entry.ToRecord(archive.ObjectPath(entry.Sha256))));
        }

        var prefix = editionPrefix(edition);
        IReadOnlyList<SourceEntry> entries = archive.LocationsUnder(prefix)
            .Select(e => new SourceEntry(e.Location[prefix.Length..].TrimStart('/', '\\'), e.Location))
            .Where(e => !e.FileName.Contains('/', StringComparison.Ordinal) && !e.FileName.Contains('\\', StringComparison.Ordinal))
            .OrderBy(e => e.FileName, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(new SourceListing(entries, null));
    }

    public Task<FetchedDocument> GetAsync(SourceEntry entry, CancellationToken cancellationToken)
    {
        var latest = archive.Latest(entry.Location) ?? throw new InvalidDataException($"offline: '{entry.Location}' was never archived");
        var bytes = archive.Read(latest.Sha256);
        return Task.FromResult(new FetchedDocument(entry.Location, bytes, latest.ToRecord(archive.ObjectPath(latest.Sha256)), latest.DeclaredCharset, true));
    }
}
