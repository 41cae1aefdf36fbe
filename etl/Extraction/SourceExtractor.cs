using System.Globalization;
using Warehouse.Etl.Archive;
using Warehouse.Etl.Config;
using Warehouse.Etl.Config.Profiles;
using Warehouse.Etl.Normalizing;
using Warehouse.Etl.Parsing;
using Warehouse.Etl.Sources;

namespace Warehouse.Etl.Extraction;

/// <summary>Reads every configured table of a source (HTTP, directory or demo mirror) through the raw archive.</summary>
public sealed class SourceExtractor
{
    private readonly HttpMessageHandler? handler;

    public SourceExtractor(string rawArchiveDir, TimeProvider timeProvider)
        : this(rawArchiveDir, timeProvider, null, null)
    {
    }

    /// <param name="rawArchiveDir">Root of the content-addressed raw archive.</param>
    /// <param name="timeProvider">Clock for archive timestamps, retry delays and timeouts.</param>
    /// <param name="handler">HTTP handler for <c>http</c> sources (tests inject one); it must not follow redirects itself, since every hop is checked against the allow-list here. Null uses a redirect-free SocketsHttpHandler.</param>
    /// <param name="fetchOptions">Retry/timeout/size settings; allowed hosts and request rate come from each source's politeness settings.</param>
    public SourceExtractor(string rawArchiveDir, TimeProvider timeProvider, HttpMessageHandler? handler, HttpFetchOptions? fetchOptions)
    {
        RawArchiveDir = rawArchiveDir;
        TimeProvider = timeProvider;
        this.handler = handler;
        FetchOptions = fetchOptions ?? new HttpFetchOptions();
    }

    public string RawArchiveDir { get; }

    public TimeProvider TimeProvider { get; }

    /// <summary>Retry, timeout and size settings for HTTP sources.</summary>
    public HttpFetchOptions FetchOptions { get; }

    /// <summary>One result per (edition, table); a broken table yields a failed result, never an exception.</summary>
    public async Task<IReadOnlyList<TableExtraction>> ExtractAsync(
        string sourceName, SourceSettings source, ExtractRequest request, CancellationToken cancellationToken)
    {
        var archive = new RawArchive(RawArchiveDir, TimeProvider);
        using var client = source.Kind == SourceKind.Http && !request.Offline ? HttpFetcher.CreateClient(handler is null ? null : new NonDisposingHandler(handler)) : null;
        var documents = CreateSource(source, request, archive, client);
        var profiles = request.Profiles ?? ProfileLoader.Bundled;
        var results = new List<TableExtraction>();
        foreach (var edition in Editions(source, request))
        {
            SourceListing? listing = null;
            string? listError = null;
            var listStarted = TimeProvider.GetTimestamp();
            try
            {
                listing = await documents.ListAsync(edition, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsHandled(ex))
            {
                listError = $"cannot list edition {edition?.ToString(CultureInfo.InvariantCulture) ?? "(none)"} of '{source.Location}': {ex.Message}";
            }

            foreach (var table in source.Tables)
            {
                if (listError is not null)
                {
                    results.Add(Failed(sourceName, edition, table.Id, source.Location, listError, TimeProvider.GetElapsedTime(listStarted)));
                    continue;
                }

                results.Add(await ExtractTableAsync(sourceName, source, table, edition, listing!, documents, profiles, cancellationToken).ConfigureAwait(false));
            }
        }

        return LayoutDrift.Annotate(results);
    }

    private async Task<TableExtraction> ExtractTableAsync(
        string sourceName, SourceSettings source, TableSettings table, int? edition, SourceListing listing,
        IDocumentSource documents, ProfileCatalog profiles, CancellationToken cancellationToken)
    {
        var started = TimeProvider.GetTimestamp();
        var matches = TableMatcher.Select(listing.Entries, table, out var byPrintedTitle);
        var where = edition is { } e ? $"edition {e} of '{source.Location}'" : $"'{source.Location}'";
        var spec = TableMatcher.Describe(table);
        if (byPrintedTitle && matches.Count > TableMatcher.MaxTitleSearch)
        {
            return Failed(sourceName, edition, table.Id, source.Location,
                $"no link text in {where} contains title '{table.Title}', and {matches.Count} files would have to be fetched to compare printed titles; add 'match' to narrow them",
                TimeProvider.GetElapsedTime(started));
        }

        try
        {
            var found = new List<(SourceEntry Entry, TableDocument Document)>();
            var unreadable = new List<string>();
            foreach (var entry in matches)
            {
                if (!byPrintedTitle)
                {
                    if (matches.Count == 1)
                        found.Add((entry, await OpenAsync(entry, documents, cancellationToken).ConfigureAwait(false)));
                    break;
                }

                // A candidate that cannot be read (a text page, a broken link) is not the table; say so only if none is.
                try
                {
                    var document = await OpenAsync(entry, documents, cancellationToken).ConfigureAwait(false);
                    if (PrintedTitleMatches(document.Table, table.Title!, table.Encoding ?? source.Encoding))
                        found.Add((entry, document));
                }
                catch (Exception ex) when (IsHandled(ex))
                {
                    unreadable.Add($"{entry.FileName}: {ex.Message}");
                }
            }

            if (matches.Count == 0 || (byPrintedTitle && found.Count == 0))
            {
                var what = byPrintedTitle ? $"no link text or printed title matching {spec}" : $"no file matching {spec}";
                var why = unreadable.Count > 0 ? $" ({unreadable.Count} candidates unreadable: {string.Join("; ", unreadable.Take(3))})" : string.Empty;
                return Failed(sourceName, edition, table.Id, source.Location, $"{what} in {where}{why}", TimeProvider.GetElapsedTime(started));
            }

            if (matches.Count > 1 && (!byPrintedTitle || found.Count > 1))
            {
                var names = byPrintedTitle ? found.Select(f => f.Entry) : matches;
                return Failed(sourceName, edition, table.Id, source.Location,
                    $"{names.Count()} files match {spec} in {where} ({string.Join(", ", names.Select(m => m.LinkText is { } t ? $"{m.FileName} '{t}'" : m.FileName))}); make the spec specific",
                    TimeProvider.GetElapsedTime(started));
            }

            var (chosen, opened) = found.Count == 1 ? found[0] : (matches[0], await OpenAsync(matches[0], documents, cancellationToken).ConfigureAwait(false));
            var context = new ProfileContext(sourceName, edition, table.Id, opened.Table.Page.Sha256, table.Indicator, table.Unit);
            var (result, page, _) = DocumentExtractor.Extract(opened.Table, table.Profile, profiles, context, table.Encoding ?? source.Encoding, table.Release);
            return new TableExtraction(sourceName, edition, table.Id, opened.Table.Location, page.Sha256, result.Observations, null, TimeProvider.GetElapsedTime(started))
            {
                RawPages = [.. listing.IndexPages, .. opened.Pages, page],
                Fingerprint = result.Fingerprint,
                Warnings = result.Warnings,
                Unchanged = opened.Table.Unchanged,
            };
        }
        catch (Exception ex) when (IsHandled(ex))
        {
            var location = matches.Count == 1 ? matches[0].Location : source.Location;
            return Failed(sourceName, edition, table.Id, location, ex.Message, TimeProvider.GetElapsedTime(started));
        }
    }

    /// <summary>Reads a candidate; a page that links a spreadsheet (an image with its Excel file beside it) gives the spreadsheet.</summary>
    private static async Task<TableDocument> OpenAsync(SourceEntry entry, IDocumentSource documents, CancellationToken cancellationToken)
    {
        var document = await documents.GetAsync(entry, cancellationToken).ConfigureAwait(false);
        if (SiteCrawler.IsSpreadsheet(entry.FileName) || TableReader.DetectFormat(document.Bytes, entry.Location) != TableFormat.Html)
            return new TableDocument(document, []);
        var sheets = SiteCrawler.SpreadsheetLinksOf(document.Bytes, entry.Location, document.HeaderCharset);
        if (sheets.Count == 0)
            return new TableDocument(document, []);
        var stem = Path.GetFileNameWithoutExtension(entry.FileName);
        var sheet = sheets.FirstOrDefault(s => string.Equals(Path.GetFileNameWithoutExtension(s.FileName), stem, StringComparison.OrdinalIgnoreCase)) ?? sheets[0];
        var spreadsheet = await documents.GetAsync(sheet, cancellationToken).ConfigureAwait(false);
        return new TableDocument(spreadsheet, [document.Page]);
    }

    private static bool PrintedTitleMatches(FetchedDocument document, string title, string? encoding)
    {
        var parsed = TableReader.Read(document.Bytes, document.Location, encoding, document.HeaderCharset);
        return parsed.Tables.Any(t => TableMatcher.TitleMatches(t.Title, title) || t.TitleLines.Any(l => TableMatcher.TitleMatches(l, title)));
    }

    /// <summary>The file a table is read from, and the pages that led to it (a table page linking its spreadsheet).</summary>
    private sealed record TableDocument(FetchedDocument Table, IReadOnlyList<RawPageRecord> Pages);

    private static bool IsHandled(Exception ex) =>
        ex is ParseException or ProfileException or FetchException or IOException or InvalidDataException or KeyNotFoundException
            or UnauthorizedAccessException or FormatException or OverflowException;

    private static TableExtraction Failed(string source, int? edition, string tableId, string location, string error, TimeSpan duration) =>
        new(source, edition, tableId, location, null, [], error, duration);

    private IDocumentSource CreateSource(SourceSettings source, ExtractRequest request, RawArchive archive, HttpClient? client)
    {
        var isHttp = source.Kind == SourceKind.Http;
        if (request.Offline)
        {
            return isHttp
                ? new ArchiveSource(archive, _ => string.Empty, e => HttpSource.IndexUrl(source.Location, e, source.Index))
                : new ArchiveSource(archive, e => DirectorySource.EditionFolder(source.Location, e) + Path.DirectorySeparatorChar,
                    source.Index is { } index ? e => Path.Combine(DirectorySource.EditionFolder(source.Location, e), index) : null);
        }

        return source.Kind switch
        {
            SourceKind.Demo or SourceKind.Directory => new DirectorySource(source.Location, archive, source.Index),
            SourceKind.Http => new HttpSource(
                new HttpFetcher(client!, WithPoliteness(source.Politeness), TimeProvider), source.Location, archive, request.FullRefresh, source.Index),
            _ => throw new ArgumentOutOfRangeException(nameof(source), source.Kind, "unknown source kind"),
        };
    }

    private HttpFetchOptions WithPoliteness(PolitenessSettings politeness) => FetchOptionsFor(politeness, FetchOptions);

    /// <summary>Retry, timeout and size settings of <paramref name="options"/> with the hosts and request rate of a source's politeness.</summary>
    public static HttpFetchOptions FetchOptionsFor(PolitenessSettings politeness, HttpFetchOptions options) => new()
    {
        AllowedHosts = politeness.AllowedHosts,
        RequestsPerSecond = politeness.RequestsPerSecond,
        MaxRetryAttempts = options.MaxRetryAttempts,
        RetryBaseDelay = options.RetryBaseDelay,
        RetryMaxDelay = options.RetryMaxDelay,
        JitterRandomizer = options.JitterRandomizer,
        AttemptTimeout = options.AttemptTimeout,
        TotalTimeout = options.TotalTimeout,
        MaxResponseBytes = options.MaxResponseBytes,
        MaxRedirects = options.MaxRedirects,
        BreakerFailureRatio = options.BreakerFailureRatio,
        BreakerMinimumThroughput = options.BreakerMinimumThroughput,
        BreakerSamplingDuration = options.BreakerSamplingDuration,
        BreakDuration = options.BreakDuration,
        UserAgent = options.UserAgent,
        Progress = options.Progress,
        LongWait = options.LongWait,
    };

    /// <summary>Editions to read: the configured range filtered to the requested data years (edition − 1).</summary>
    public static IReadOnlyList<int?> Editions(SourceSettings source, ExtractRequest request)
    {
        if (source.Editions is not { } editions)
            return [null];
        return editions.Years
            .Where(e => request.Years is null || request.Years.Contains(e - 1))
            .Select(e => (int?)e)
            .ToList();
    }

    /// <summary>Lets tests keep one handler across extractor runs (HttpClient would otherwise dispose it).</summary>
    private sealed class NonDisposingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override void Dispose(bool disposing)
        {
            // The caller owns the inner handler.
        }
    }
}
