using AngleSharp.Html.Parser;
using Warehouse.Etl.Archive;
using Warehouse.Etl.Parsing;

namespace Warehouse.Etl.Sources;

/// <summary>
/// An HTTP site: the edition's index page <c>&lt;base&gt;/&lt;edition&gt;/index.html</c> (or <c>&lt;base&gt;/index.html</c>)
/// lists the tables as links; each link is fetched, archived (complete bodies only) and returned. A 304 reuses the
/// archived copy.
/// </summary>
public sealed class HttpSource(HttpFetcher fetcher, string baseUrl, RawArchive archive, bool fullRefresh) : IDocumentSource
{
    /// <summary>The index page URL of an edition (or of a source without editions).</summary>
    public static string IndexUrl(string baseUrl, int? edition) =>
        baseUrl.TrimEnd('/') + (edition is { } e ? "/" + e.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty) + "/index.html";

    public async Task<SourceListing> ListAsync(int? edition, CancellationToken cancellationToken)
    {
        var index = IndexUrl(baseUrl, edition);
        var page = await GetAsync(new SourceEntry("index.html", index), cancellationToken).ConfigureAwait(false);
        var charset = Parsing.CharsetDetector.Decide(page.Bytes, null, page.HeaderCharset, sniffMeta: true);
        return new SourceListing(LinksOf(page.Bytes, new Uri(index), page.HeaderCharset), page.Page with { DetectedCharset = charset.Detected });
    }

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

    /// <summary>The links of an index page, resolved against its URL, with the file name of each.</summary>
    public static IReadOnlyList<SourceEntry> LinksOf(byte[] html, Uri pageUrl, string? headerCharset)
    {
        var charset = CharsetDetector.Decide(html, null, headerCharset, sniffMeta: true);
        var document = new HtmlParser().ParseDocument(html.AsMemory(), charset.Encoding);
        var entries = new List<SourceEntry>();
        foreach (var a in document.QuerySelectorAll("a[href]"))
        {
            var href = a.GetAttribute("href");
            if (string.IsNullOrWhiteSpace(href) || !Uri.TryCreate(pageUrl, href.Trim(), out var target))
                continue;
            var name = Uri.UnescapeDataString(target.Segments.Length > 0 ? target.Segments[^1] : string.Empty);
            if (name.Length == 0 || name.EndsWith('/'))
                continue;
            entries.Add(new SourceEntry(name, target.AbsoluteUri));
        }

        return entries;
    }
}
