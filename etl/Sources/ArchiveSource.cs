using Warehouse.Etl.Archive;

namespace Warehouse.Etl.Sources;

/// <summary>
/// <c>--offline</c>: re-reads what an earlier run archived, without touching the network or the inbox, so a
/// parser fix can be replayed over every past edition. Where the source has an entry page (every HTTP source, and
/// a folder with <c>index:</c>) the archived entry page and frames are walked again; otherwise the archived files
/// of the edition folder are the list.
/// </summary>
/// <param name="archive">The raw archive.</param>
/// <param name="editionPrefix">The location prefix of an edition's files (folder sources without an entry page).</param>
/// <param name="indexLocation">The entry page location of an edition, or null when the source has none.</param>
public sealed class ArchiveSource(RawArchive archive, Func<int?, string> editionPrefix, Func<int?, string?>? indexLocation = null) : IDocumentSource
{
    public Task<SourceListing> ListAsync(int? edition, CancellationToken cancellationToken)
    {
        if (indexLocation?.Invoke(edition) is { } index)
            return SiteCrawler.ListAsync(index, GetAsync, cancellationToken);

        var prefix = editionPrefix(edition);
        IReadOnlyList<SourceEntry> entries = archive.LocationsUnder(prefix)
            .Select(e => new SourceEntry(e.Location[prefix.Length..].TrimStart('/', '\\'), e.Location))
            .Where(e => !e.FileName.Contains('/', StringComparison.Ordinal) && !e.FileName.Contains('\\', StringComparison.Ordinal))
            .OrderBy(e => e.FileName, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(new SourceListing(entries, []));
    }

    public Task<FetchedDocument> GetAsync(SourceEntry entry, CancellationToken cancellationToken)
    {
        var latest = archive.Latest(entry.Location) ?? throw new InvalidDataException($"offline: '{entry.Location}' was never archived");
        var bytes = archive.Read(latest.Sha256);
        return Task.FromResult(new FetchedDocument(entry.Location, bytes, latest.ToRecord(archive.ObjectPath(latest.Sha256)), latest.DeclaredCharset, true));
    }
}
