using System.Globalization;
using Warehouse.Etl.Archive;
using Warehouse.Etl.Config;
using Warehouse.Etl.Normalizing;
using Warehouse.Etl.Parsing;
using Warehouse.Etl.Sources;

namespace Warehouse.Etl.Extraction;

/// <summary>Reads every configured table of a source (HTTP, directory or demo mirror) through the raw archive.</summary>
/// <remarks>Seam: the extraction issue implements this; the pipeline calls it.</remarks>
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
        using var client = source.Kind == "http" && !request.Offline ? HttpFetcher.CreateClient(handler is null ? null : new NonDisposingHandler(handler)) : null;
        var documents = CreateSource(source, request, archive, client);
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

                results.Add(await ExtractTableAsync(sourceName, source, table, edition, listing!, documents, cancellationToken).ConfigureAwait(false));
            }
        }

        return LayoutDrift.Annotate(results);
    }

    private async Task<TableExtraction> ExtractTableAsync(
        string sourceName, SourceSettings source, TableSettings table, int? edition, SourceListing listing,
        IDocumentSource documents, CancellationToken cancellationToken)
    {
        var started = TimeProvider.GetTimestamp();
        var matches = listing.Entries.Where(e => FileGlob.IsMatch(e.FileName, table.Match)).ToList();
        var where = edition is { } e ? $"edition {e} of '{source.Location}'" : $"'{source.Location}'";
        if (matches.Count == 0)
            return Failed(sourceName, edition, table.Id, source.Location, $"no file matching '{table.Match}' in {where}", TimeProvider.GetElapsedTime(started));
        if (matches.Count > 1)
        {
            return Failed(sourceName, edition, table.Id, source.Location,
                $"{matches.Count} files match '{table.Match}' in {where} ({string.Join(", ", matches.Select(m => m.FileName))}); make the glob specific",
                TimeProvider.GetElapsedTime(started));
        }

        var entry = matches[0];
        try
        {
            var profile = ProfileCatalog.Get(table.Profile);
            var document = await documents.GetAsync(entry, cancellationToken).ConfigureAwait(false);
            var context = new ProfileContext(sourceName, edition, table.Id, document.Page.Sha256);
            var (result, page) = DocumentExtractor.Extract(document, profile, context, table.Encoding ?? source.Encoding);
            return new TableExtraction(sourceName, edition, table.Id, entry.Location, page.Sha256, result.Observations, null, TimeProvider.GetElapsedTime(started))
            {
                RawPages = listing.IndexPage is { } index ? [index, page] : [page],
                Fingerprint = result.Fingerprint,
                Warnings = result.Warnings,
                Unchanged = document.Unchanged,
            };
        }
        catch (Exception ex) when (IsHandled(ex))
        {
            return Failed(sourceName, edition, table.Id, entry.Location, ex.Message, TimeProvider.GetElapsedTime(started));
        }
    }

    private static bool IsHandled(Exception ex) =>
        ex is ParseException or ProfileException or FetchException or IOException or InvalidDataException or KeyNotFoundException
            or UnauthorizedAccessException or FormatException or OverflowException;

    private static TableExtraction Failed(string source, int? edition, string tableId, string location, string error, TimeSpan duration) =>
        new(source, edition, tableId, location, null, [], error, duration);

    private IDocumentSource CreateSource(SourceSettings source, ExtractRequest request, RawArchive archive, HttpClient? client)
    {
        var isHttp = source.Kind == "http";
        if (request.Offline)
        {
            return isHttp
                ? new ArchiveSource(archive, _ => string.Empty, e => HttpSource.IndexUrl(source.Location, e))
                : new ArchiveSource(archive, e => EditionFolder(source.Location, e) + Path.DirectorySeparatorChar);
        }

        return source.Kind switch
        {
            "demo" or "directory" => new DirectorySource(source.Location, archive),
            "http" => new HttpSource(
                new HttpFetcher(client!, WithPoliteness(source.Politeness), TimeProvider), source.Location, archive, request.FullRefresh),
            _ => throw new ArgumentException($"unknown source kind '{source.Kind}' (demo, http or directory)", nameof(source)),
        };
    }

    private static string EditionFolder(string location, int? edition) =>
        Path.GetFullPath(edition is { } e ? Path.Combine(location, e.ToString(CultureInfo.InvariantCulture)) : location);

    private HttpFetchOptions WithPoliteness(PolitenessSettings politeness) => new()
    {
        AllowedHosts = politeness.AllowedHosts,
        RequestsPerSecond = politeness.RequestsPerSecond,
        MaxRetryAttempts = FetchOptions.MaxRetryAttempts,
        RetryBaseDelay = FetchOptions.RetryBaseDelay,
        RetryMaxDelay = FetchOptions.RetryMaxDelay,
        JitterRandomizer = FetchOptions.JitterRandomizer,
        AttemptTimeout = FetchOptions.AttemptTimeout,
        TotalTimeout = FetchOptions.TotalTimeout,
        MaxResponseBytes = FetchOptions.MaxResponseBytes,
        MaxRedirects = FetchOptions.MaxRedirects,
        BreakerFailureRatio = FetchOptions.BreakerFailureRatio,
        BreakerMinimumThroughput = FetchOptions.BreakerMinimumThroughput,
        BreakerSamplingDuration = FetchOptions.BreakerSamplingDuration,
        BreakDuration = FetchOptions.BreakDuration,
        UserAgent = FetchOptions.UserAgent,
        Progress = FetchOptions.Progress,
        LongWait = FetchOptions.LongWait,
    };

    /// <summary>Editions to read: the configured range (<c>"A..B"</c>) filtered to the requested data years (edition − 1).</summary>
    public static IReadOnlyList<int?> Editions(SourceSettings source, ExtractRequest request)
    {
        if (string.IsNullOrWhiteSpace(source.Editions))
            return [null];
        var parts = source.Editions.Split("..", StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var from) ||
            !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var to) || to < from)
            throw new FormatException($"editions '{source.Editions}' is not a range like 2011..2024");
        return Enumerable.Range(from, to - from + 1)
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
