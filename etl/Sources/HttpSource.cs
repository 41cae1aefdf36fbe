using Warehouse.Etl.Archive;

namespace Warehouse.Etl.Sources;

/// <summary>
/// An HTTP site: the edition's entry page <c>&lt;base&gt;/&lt;edition&gt;/&lt;index&gt;</c> (or <c>&lt;base&gt;/&lt;index&gt;</c>;
/// <c>index.html</c> unless configured, e.g. <c>indexch.htm</c>) and the frames it loads list the tables as links
/// (see <see cref="SiteCrawler"/>); each table is fetched, archived (complete bodies only) and returned. A 304 reuses
/// the archived copy.
/// </summary>
public sealed class HttpSource(HttpFetcher fetcher, string baseUrl, RawArchive archive, bool fullRefresh, string? index = null) : IDocumentSource
{
    /// <summary>The default entry page of an edition.</summary>
    public const string DefaultIndex = "index.html";

    /// <summary>The entry page URL of an edition (or of a source without editions).</summary>
    public static string IndexUrl(string baseUrl, int? edition, string? index = null) =>
        baseUrl.TrimEnd('/') + (edition is { } e ? "/" + e.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty) +
        "/" + (index ?? DefaultIndex).TrimStart('/');

    public Task<SourceListing> ListAsync(int? edition, CancellationToken cancellationToken) =>
        SiteCrawler.ListAsync(IndexUrl(baseUrl, edition, index), GetAsync, cancellationToken);

    public async Task<FetchedDocument> GetAsync(SourceEntry entry, CancellationToken cancellationToken)
    {
        var previous = fullRefresh ? null : archive.Latest(entry.Location);
        var result = await fetcher.FetchAsync(new Uri(entry.Location), previous?.ETag, previous?.LastModified, cancellationToken).ConfigureAwait(false);
        if (result.NotModified && previous is not null)
        {
            var bytes = archive.Read(previous.Sha256);
            return new FetchedDocument(entry.Location, bytes, previous.ToRecord(archive.ObjectPath(previous.Sha256)), previous.DeclaredCharset, true);
        }

        var info = new FetchInfo(result.StatusCode, result.Headers, result.Charset, result.Header("ETag"), result.Header("Last-Modified"));
        var record = archive.Store(result.Bytes, entry.Location, info);
        return new FetchedDocument(entry.Location, result.Bytes, record, result.Charset, false);
    }

    /// <summary>The links of an index page, resolved against its URL, with the file name and link text of each.</summary>
    public static IReadOnlyList<SourceEntry> LinksOf(byte[] html, Uri pageUrl, string? headerCharset) =>
        SiteCrawler.LinksOf(html, pageUrl.AbsoluteUri, headerCharset);
}
