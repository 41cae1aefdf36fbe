using Warehouse.Etl.Archive;

namespace Warehouse.Etl.Sources;

/// <summary>
/// A folder tree (an inbox where a team drops downloaded yearbook files, or the demo mirror):
/// <c>&lt;root&gt;/&lt;edition&gt;/&lt;file&gt;</c>, or <c>&lt;root&gt;/&lt;file&gt;</c> for sources without editions.
/// Every file read is archived before it is parsed.
/// </summary>
public sealed class DirectorySource(string root, RawArchive archive) : IDocumentSource
{
    public Task<SourceListing> ListAsync(int? edition, CancellationToken cancellationToken)
    {
        var folder = edition is { } e ? Path.Combine(root, e.ToString(System.Globalization.CultureInfo.InvariantCulture)) : root;
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"folder '{folder}' does not exist");
        IReadOnlyList<SourceEntry> entries = Directory.EnumerateFiles(folder)
            .Select(f => new SourceEntry(Path.GetFileName(f), Path.GetFullPath(f)))
            .OrderBy(f => f.FileName, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(new SourceListing(entries, null));
    }

    public async Task<FetchedDocument> GetAsync(SourceEntry entry, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(entry.Location, cancellationToken).ConfigureAwait(false);
        var page = archive.Store(bytes, entry.Location, new FetchInfo());
        return new FetchedDocument(entry.Location, bytes, page, null, false);
    }
}
