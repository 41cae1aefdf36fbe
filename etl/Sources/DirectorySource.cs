using Warehouse.Etl.Archive;

namespace Warehouse.Etl.Sources;

/// <summary>
/// A folder tree (an inbox where a team drops downloaded yearbook files, a saved copy of a yearbook site, or the
/// demo mirror): <c>&lt;root&gt;/&lt;edition&gt;/&lt;file&gt;</c>, or <c>&lt;root&gt;/&lt;file&gt;</c> for sources without
/// editions. With an entry page (<c>index: indexch.htm</c>) the tables are the links of that page and its frames,
/// as on the site; without one, the folder's files. Every file read is archived before it is parsed.
/// </summary>
public sealed class DirectorySource(string root, RawArchive archive, string? index = null) : IDocumentSource
{
    public Task<SourceListing> ListAsync(int? edition, CancellationToken cancellationToken)
    {
        var folder = EditionFolder(root, edition);
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"folder '{folder}' does not exist");
        if (index is not null)
            return SiteCrawler.ListAsync(Path.Combine(folder, index), GetAsync, cancellationToken);
        IReadOnlyList<SourceEntry> entries = Directory.EnumerateFiles(folder)
            .Select(f => new SourceEntry(Path.GetFileName(f), Path.GetFullPath(f)))
            .OrderBy(f => f.FileName, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(new SourceListing(entries, []));
    }

    public async Task<FetchedDocument> GetAsync(SourceEntry entry, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(entry.Location, cancellationToken).ConfigureAwait(false);
        var page = archive.Store(bytes, entry.Location, new FetchInfo());
        return new FetchedDocument(entry.Location, bytes, page, null, false);
    }

    /// <summary>The full path of an edition's folder (the root itself for sources without editions).</summary>
    public static string EditionFolder(string root, int? edition) =>
        Path.GetFullPath(edition is { } e ? Path.Combine(root, e.ToString(System.Globalization.CultureInfo.InvariantCulture)) : root);
}
