using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Warehouse.Etl.Archive;
using Warehouse.Etl.Parsing;

namespace Warehouse.Etl.Sources;

/// <summary>
/// Lists an edition's tables from its entry page the way a reader's browser finds them: the page and every
/// <c>&lt;frame&gt;</c> / <c>&lt;iframe&gt;</c> it loads (the China Statistical Yearbook's <c>indexch.htm</c> is a
/// frameset whose table list is the frame <c>left.htm</c>) are read, and every link on them is a candidate table
/// with its link text. The same walk runs over HTTP, a saved site on disk, or the raw archive (<c>--offline</c>).
/// </summary>
public static class SiteCrawler
{
    /// <summary>Frames inside frames are followed this deep (entry page = 0).</summary>
    public const int MaxFrameDepth = 3;

    /// <summary>Reads the entry page and its frames through <paramref name="get"/>.</summary>
    /// <param name="entryLocation">Absolute URL or full file path of the entry page.</param>
    /// <param name="get">Reads (and archives) one page; a failure propagates (the edition cannot be listed).</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    /// <returns>The links (each location once, first link text kept) and the archived pages read, entry page first.</returns>
    public static async Task<SourceListing> ListAsync(
        string entryLocation, Func<SourceEntry, CancellationToken, Task<FetchedDocument>> get, CancellationToken cancellationToken)
    {
        var entryUri = ToUri(entryLocation);
        var pages = new List<RawPageRecord>();
        var frames = new HashSet<string>(StringComparer.Ordinal) { entryLocation };
        var links = new Dictionary<string, SourceEntry>(StringComparer.Ordinal);
        var order = new List<string>();
        var queue = new Queue<(string Location, int Depth)>();
        queue.Enqueue((entryLocation, 0));
        while (queue.TryDequeue(out var next))
        {
            var page = await get(new SourceEntry(NameOf(ToUri(next.Location)), next.Location), cancellationToken).ConfigureAwait(false);
            var document = Parse(page.Bytes, page.HeaderCharset, out var detected);
            pages.Add(page.Page with { DetectedCharset = detected });
            var pageUri = ToUri(next.Location);
            foreach (var frame in document.QuerySelectorAll("frame[src], iframe[src]"))
            {
                if (Resolve(pageUri, frame.GetAttribute("src")) is { } target && SameSite(entryUri, target) &&
                    next.Depth < MaxFrameDepth && frames.Add(LocationOf(target)))
                {
                    queue.Enqueue((LocationOf(target), next.Depth + 1));
                }
            }

            foreach (var link in LinksOf(document, pageUri))
            {
                if (links.TryAdd(link.Location, link))
                    order.Add(link.Location);
            }
        }

        return new SourceListing(order.Where(l => l != entryLocation).Select(l => links[l]).ToList(), pages);
    }

    /// <summary>The links of an HTML page, resolved against its location, with their text.</summary>
    public static IReadOnlyList<SourceEntry> LinksOf(byte[] html, string pageLocation, string? headerCharset) =>
        LinksOf(Parse(html, headerCharset, out _), ToUri(pageLocation));

    /// <summary>Links to spreadsheets (<c>.xls</c>, <c>.xlsx</c>) on a table page: recent yearbook editions print a
    /// table as an image with its Excel file linked beside it.</summary>
    public static IReadOnlyList<SourceEntry> SpreadsheetLinksOf(byte[] html, string pageLocation, string? headerCharset) =>
        LinksOf(html, pageLocation, headerCharset).Where(l => IsSpreadsheet(l.FileName)).ToList();

    /// <summary>True for file names a spreadsheet reader opens.</summary>
    public static bool IsSpreadsheet(string fileName) =>
        Path.GetExtension(fileName).ToLowerInvariant() is ".xls" or ".xlsx";

    /// <summary>Collapses white space (and removes it between CJK characters) so titles compare as printed words.</summary>
    public static string Squeeze(string text) =>
        string.Concat(text.Where(c => !char.IsWhiteSpace(c) && c != '\u3000'));

    private static IReadOnlyList<SourceEntry> LinksOf(IDocument document, Uri pageUri)
    {
        var entries = new List<SourceEntry>();
        foreach (var a in document.QuerySelectorAll("a[href]"))
        {
            if (Resolve(pageUri, a.GetAttribute("href")) is not { } target)
                continue;
            var name = NameOf(target);
            if (name.Length == 0)
                continue;
            var text = string.Join(' ', a.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            entries.Add(new SourceEntry(name, LocationOf(target), text.Length == 0 ? null : text));
        }

        return entries;
    }

    private static IDocument Parse(byte[] html, string? headerCharset, out string detected)
    {
        var charset = CharsetDetector.Decide(html, null, headerCharset, sniffMeta: true);
        detected = charset.Detected;
        return new HtmlParser().ParseDocument(html.AsMemory(), charset.Encoding);
    }

    private static Uri? Resolve(Uri page, string? href)
    {
        if (string.IsNullOrWhiteSpace(href) || !Uri.TryCreate(page, href.Trim(), out var target))
            return null;
        if (target.Scheme is not ("http" or "https" or "file"))
            return null;
        return new Uri(target.GetLeftPart(UriPartial.Query));
    }

    private static bool SameSite(Uri entry, Uri target) =>
        entry.Scheme == target.Scheme && string.Equals(entry.Authority, target.Authority, StringComparison.OrdinalIgnoreCase);

    private static string NameOf(Uri uri)
    {
        var last = uri.Segments.Length > 0 ? uri.Segments[^1] : string.Empty;
        return last.EndsWith('/') ? string.Empty : Uri.UnescapeDataString(last);
    }

    private static Uri ToUri(string location) =>
        Uri.TryCreate(location, UriKind.Absolute, out var uri) ? uri : new Uri(Path.GetFullPath(location));

    private static string LocationOf(Uri uri) => uri.IsFile ? uri.LocalPath : uri.AbsoluteUri;
}
