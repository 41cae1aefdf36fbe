using System.Globalization;
using Warehouse.Etl.Archive;
using Warehouse.Etl.Config;
using Warehouse.Etl.Config.Profiles;
using Warehouse.Etl.Extraction;
using Warehouse.Etl.Normalizing;
using Warehouse.Etl.Parsing;
using Warehouse.Etl.Runs;
using Warehouse.Etl.Sources;
using Warehouse.Etl.Staging;
using Warehouse.Etl.Vocabulary;

namespace Warehouse.Etl.Cli;

/// <summary>Arguments of <c>warehouse extract</c>.</summary>
/// <param name="Input">File path or http(s) URL.</param>
/// <param name="Raw">Print raw cells instead of observations.</param>
/// <param name="Profile">Profile name; null = detect from the title and header.</param>
/// <param name="Encoding">Charset override; null trusts BOM, header and meta.</param>
/// <param name="Format">csv, json or table.</param>
/// <param name="Edition">Edition of the file; null = parent folder name when it is a year.</param>
/// <param name="TableId">table_id to print; null = the profile's usual id (or its name).</param>
/// <param name="Source">source to print; null = the profile's usual source.</param>
/// <param name="Offline">Read the input's latest bytes from the raw archive instead of the file or the network.</param>
/// <param name="Indicator">Indicator of a file that names none (<c>--indicator</c>); null = the file's.</param>
/// <param name="Unit">Unit (as printed) of columns whose file prints none (<c>--unit</c>); null = the file's.</param>
/// <param name="Release">Release of a portal export whose footnote does not say it (<c>--release</c>, <c>YYYY[-MM[-DD]]</c>); null = the footnote's, else the archive date.</param>
public sealed record ExtractVerbRequest(
    string Input, bool Raw, string? Profile, string? Encoding, string Format, int? Edition, string? TableId, string? Source, bool Offline = false,
    string? Indicator = null, string? Unit = null, string? Release = null);

/// <summary>
/// The work of <c>warehouse extract</c>: a thin adapter over the road <c>build</c> takes (a directory, HTTP or archive
/// document source, then <see cref="DocumentExtractor"/>), printing instead of loading. <see cref="Outcome.Failed"/> naming file, table,
/// row and column when a document fails; the other documents of an index page are still printed.
/// </summary>
public static class ExtractVerb
{
    private static readonly string[] RawColumns = ["table_title", "unit", "row_label", "column_label", "value", "raw"];

    private static readonly string[] StagingColumns =
        ["source", "edition", "table_id", "province_code", "year", "indicator", "item", "value", "unit", "raw_unit", "raw_sha256", "cell", "release"];

    /// <param name="request">What to read and how to print it.</param>
    /// <param name="stdout">Where the rows go.</param>
    /// <param name="stderr">Where warnings and errors go.</param>
    /// <param name="timeProvider">Clock for archive timestamps and HTTP timeouts.</param>
    /// <param name="cancellationToken">Cancels a download.</param>
    /// <param name="archiveDir">Raw archive root (<c>warehouse.raw_archive</c>); the default is <see cref="WarehouseDefaults.RawArchive"/>.</param>
    /// <param name="profiles">The configured profiles; null uses the bundled ones.</param>
    /// <param name="politeness">How to fetch a URL (the configured source's politeness for its host); null allows only the URL's host at the default rate.</param>
    public static async Task<Outcome> RunAsync(
        ExtractVerbRequest request, TextWriter stdout, TextWriter stderr, TimeProvider timeProvider, CancellationToken cancellationToken,
        string archiveDir = WarehouseDefaults.RawArchive, ProfileCatalog? profiles = null, PolitenessSettings? politeness = null)
    {
        if (request.Indicator is { } pinned && !IndicatorCatalog.IsKnown(pinned))
        {
            await stderr.WriteLineAsync($"warehouse extract: unknown indicator '{pinned}'; known: {string.Join(", ", IndicatorCatalog.Vocabulary.Keys)}").ConfigureAwait(false);
            return Outcome.Error;
        }

        if (request.Unit is { } unit && UnitCatalog.Lookup(unit) is null)
        {
            await stderr.WriteLineAsync($"warehouse extract: unknown unit '{unit}' (write it as printed, e.g. 亿元, 万人, %)").ConfigureAwait(false);
            return Outcome.Error;
        }

        if (request.Indicator is { } indicator && request.Unit is { } pinnedUnit && UnitPin.Misfit(pinnedUnit, [indicator]) is { } misfit)
        {
            await stderr.WriteLineAsync($"warehouse extract: --unit does not fit --indicator: {misfit}").ConfigureAwait(false);
            return Outcome.Error;
        }

        if (request.Release is { } release && !ReleaseVintage.TryParseDate(release, out _))
        {
            await stderr.WriteLineAsync($"warehouse extract: bad --release '{release}': expected YYYY, YYYY-MM or YYYY-MM-DD").ConfigureAwait(false);
            return Outcome.Error;
        }

        var catalog = profiles ?? ProfileLoader.Bundled;
        var archive = new RawArchive(archiveDir, timeProvider);
        var isUrl = Uri.TryCreate(request.Input, UriKind.Absolute, out var url) && !url.IsFile;
        using var client = isUrl && !request.Offline ? HttpFetcher.CreateClient() : null;
        IDocumentSource documents;
        SourceEntry entry;
        if (isUrl)
        {
            entry = new SourceEntry(Path.GetFileName(url!.AbsolutePath), url.AbsoluteUri);
            documents = request.Offline
                ? new ArchiveSource(archive, _ => string.Empty)
                : new HttpSource(new HttpFetcher(client!, FetchOptions(url, politeness), timeProvider), url.GetLeftPart(UriPartial.Authority), archive, fullRefresh: true);
        }
        else
        {
            var path = Path.GetFullPath(request.Input);
            entry = new SourceEntry(Path.GetFileName(path), path);
            documents = request.Offline ? new ArchiveSource(archive, _ => string.Empty) : new DirectorySource(Path.GetDirectoryName(path)!, archive);
        }

        FetchedDocument first;
        try
        {
            first = await documents.GetAsync(entry, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FetchException or IOException or UnauthorizedAccessException or UriFormatException or InvalidDataException)
        {
            await stderr.WriteLineAsync($"warehouse extract: cannot read '{request.Input}': {ex.Message}").ConfigureAwait(false);
            return Outcome.Failed;
        }

        var rows = new List<string?[]>();
        var failed = false;
        foreach (var document in await DocumentsOf(first, documents, isUrl, request.Encoding, stderr, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                if (request.Raw)
                {
                    rows.AddRange(RawRows(DocumentExtractor.Parse(document, request.Encoding)).ToList()); // all or nothing per document
                    continue;
                }

                var edition = request.Edition ?? EditionFromPath(document.Location);
                var (result, _, _) = DocumentExtractor.Extract(document, request.Profile, catalog, profile => new ProfileContext(
                    request.Source ?? (profile.DefaultSource.Length > 0 ? profile.DefaultSource : profile.Name), edition,
                    request.TableId ?? (profile.DefaultTableId.Length > 0 ? profile.DefaultTableId : profile.Name),
                    document.Page.Sha256, request.Indicator, request.Unit), request.Encoding, request.Release);
                foreach (var warning in result.Warnings)
                    await stderr.WriteLineAsync($"warning: {warning}").ConfigureAwait(false);
                rows.AddRange(result.Observations.Select(StagingRow));
            }
            catch (Exception ex) when (ex is ParseException or ProfileException or KeyNotFoundException)
            {
                await stderr.WriteLineAsync($"warehouse extract: {ex.Message}").ConfigureAwait(false);
                failed = true;
            }
        }

        if (!failed || rows.Count > 0)
            OutputWriter.Write(stdout, request.Format, request.Raw ? RawColumns : StagingColumns, rows);
        return failed ? Outcome.Failed : Outcome.Ok;
    }

    /// <summary>The document itself, or, when it is an HTML page without a table (an edition's index), every table file it links.</summary>
    private static async Task<IReadOnlyList<FetchedDocument>> DocumentsOf(
        FetchedDocument first, IDocumentSource documents, bool isUrl, string? encoding, TextWriter stderr, CancellationToken ct)
    {
        if (!isUrl)
            return [first];
        try
        {
            DocumentExtractor.Parse(first, encoding);
            return [first];
        }
        catch (ParseException) when (TableReader.DetectFormat(first.Bytes, first.Location) == TableFormat.Html)
        {
            var linked = new List<FetchedDocument>();
            foreach (var link in HttpSource.LinksOf(first.Bytes, new Uri(first.Location), first.HeaderCharset))
            {
                var ext = Path.GetExtension(link.FileName).ToLowerInvariant();
                if (ext is not (".htm" or ".html" or ".xls" or ".xlsx" or ".csv") || link.Location == first.Location)
                    continue;
                try
                {
                    linked.Add(await documents.GetAsync(link, ct).ConfigureAwait(false));
                }
                catch (Exception ex) when (ex is FetchException or IOException or InvalidDataException)
                {
                    await stderr.WriteLineAsync($"warehouse extract: cannot read '{link.Location}': {ex.Message}").ConfigureAwait(false);
                }
            }

            return linked.Count > 0 ? linked : [first];
        }
    }

    private static HttpFetchOptions FetchOptions(Uri url, PolitenessSettings? politeness) =>
        SourceExtractor.FetchOptionsFor(politeness ?? new PolitenessSettings { AllowedHosts = [url.Host] }, new HttpFetchOptions { Progress = Console.Error });

    private static int? EditionFromPath(string location)
    {
        var folder = Path.GetFileName(Path.GetDirectoryName(location.Replace('\\', '/')) ?? string.Empty);
        return folder is { Length: 4 } && int.TryParse(folder, CultureInfo.InvariantCulture, out var e) && e is > 1949 and < 2100 ? e : null;
    }

    private static IEnumerable<string?[]> RawRows(ParsedDocument parsed)
    {
        foreach (var table in parsed.Tables)
        {
            var unit = string.Join(" ", table.UnitLines);
            foreach (var row in table.Rows)
            {
                for (var i = 0; i < table.Columns.Count; i++)
                {
                    var cell = row.Cells[i];
                    if (cell.IsInvalid)
                    {
                        throw ParseException.At(table.Source, table.DisplayName, row.Label, table.Columns[i].Label,
                            $"cell {cell.Location} '{cell.Raw}' is neither a number nor a missing marker");
                    }

                    yield return [table.Title, cell.Unit ?? table.Columns[i].Unit ?? unit, row.Label, table.Columns[i].Label, Format(cell.Value), cell.Raw];
                }
            }
        }
    }

    private static string?[] StagingRow(Observation o) =>
    [
        o.Source, o.Edition?.ToString(CultureInfo.InvariantCulture), o.TableId, o.ProvinceCode.ToString(CultureInfo.InvariantCulture),
        o.Year.ToString(CultureInfo.InvariantCulture), o.Indicator, o.Item, Format(o.Value), o.Unit, o.RawUnit, o.RawSha256, o.Cell, o.Release,
    ];

    private static string? Format(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);
}
