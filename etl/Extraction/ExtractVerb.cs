using System.Globalization;
using Warehouse.Etl.Archive;
using Warehouse.Etl.Normalizing;
using Warehouse.Etl.Parsing;
using Warehouse.Etl.Runs;
using Warehouse.Etl.Sources;
using Warehouse.Etl.Staging;
using Warehouse.Etl.Vocabulary;

namespace Warehouse.Etl.Extraction;

/// <summary>Arguments of <c>warehouse extract</c>.</summary>
/// <param name="Input">File path or http(s) URL.</param>
/// <param name="Raw">Print raw cells instead of observations.</param>
/// <param name="Profile">Profile name; null = detect from the title.</param>
/// <param name="Encoding">Charset override; null trusts BOM, header and meta.</param>
/// <param name="Format">csv, json or table.</param>
/// <param name="Edition">Edition of the file; null = parent folder name when it is a year.</param>
/// <param name="TableId">table_id to print; null = profile default (NBS: the indicator).</param>
/// <param name="Source">source to print; null = profile default.</param>
/// <param name="Offline">Read the input's latest bytes from the raw archive instead of the file or the network.</param>
public sealed record ExtractVerbRequest(string Input, bool Raw, string? Profile, string? Encoding, string Format, int? Edition, string? TableId, string? Source, bool Offline = false);

/// <summary>The work of <c>warehouse extract</c>: read, archive, parse, print; exit 1 naming file, table, row and column on failure.</summary>
public static class ExtractVerb
{
    private static readonly string[] RawColumns = ["table_title", "unit", "row_label", "column_label", "value", "raw"];

    private static readonly string[] StagingColumns =
        ["source", "edition", "table_id", "province_code", "year", "indicator", "item", "value", "unit", "raw_unit", "raw_sha256", "cell"];

    /// <param name="request">What to read and how to print it.</param>
    /// <param name="stdout">Where the rows go.</param>
    /// <param name="stderr">Where errors go.</param>
    /// <param name="timeProvider">Clock for archive timestamps and HTTP timeouts.</param>
    /// <param name="cancellationToken">Cancels a download.</param>
    /// <param name="archiveDir">Raw archive root; the default is <c>.warehouse/raw</c>.</param>
    public static async Task<Outcome> RunAsync(
        ExtractVerbRequest request, TextWriter stdout, TextWriter stderr, TimeProvider timeProvider, CancellationToken cancellationToken,
        string archiveDir = ".warehouse/raw")
    {
        var archive = new RawArchive(archiveDir, timeProvider);
        List<FetchedDocument> documents;
        try
        {
            documents = await ReadInputAsync(request, archive, timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FetchException or IOException or UnauthorizedAccessException or UriFormatException or InvalidDataException)
        {
            await stderr.WriteLineAsync($"warehouse extract: cannot read '{request.Input}': {ex.Message}").ConfigureAwait(false);
            return Outcome.Failed;
        }

        var header = request.Raw ? RawColumns : StagingColumns;
        var rows = new List<string?[]>();
        foreach (var document in documents)
        {
            try
            {
                var parsed = TableReader.Read(document.Bytes, document.Location, request.Encoding, document.HeaderCharset);
                if (request.Raw)
                {
                    rows.AddRange(RawRows(parsed));
                    continue;
                }

                var profile = request.Profile is { } name
                    ? ProfileCatalog.Get(name)
                    : ProfileCatalog.Detect(parsed) ?? throw new ProfileException(
                        $"file '{document.Location}': no profile recognises the title '{parsed.Tables[0].DisplayName}'; pass --profile ({string.Join(", ", ProfileCatalog.Names)})");
                var edition = request.Edition ?? EditionFromPath(document.Location);
                var tableId = request.TableId ?? (profile.Shape == ProfileShape.PortalIndicator
                    ? IndicatorCatalog.Resolve(parsed.Tables[0].Title) ?? IndicatorFromFileName(document.Location) ?? "nbs"
                    : profile.DefaultTableId);
                var context = new ProfileContext(request.Source ?? profile.DefaultSource, profile.Shape == ProfileShape.PortalIndicator ? request.Edition : edition, tableId, document.Page.Sha256);
                var result = ProfileApplier.Apply(parsed, profile, context);
                foreach (var warning in result.Warnings)
                    await stderr.WriteLineAsync($"warning: {warning}").ConfigureAwait(false);
                rows.AddRange(result.Observations.Select(StagingRow));
            }
            catch (Exception ex) when (ex is ParseException or ProfileException or KeyNotFoundException)
            {
                await stderr.WriteLineAsync($"warehouse extract: {ex.Message}").ConfigureAwait(false);
                return Outcome.Failed;
            }
        }

        OutputWriter.Write(stdout, request.Format, header, rows);
        return Outcome.Ok;
    }

    private static async Task<List<FetchedDocument>> ReadInputAsync(ExtractVerbRequest request, RawArchive archive, TimeProvider timeProvider, CancellationToken ct)
    {
        var isUrl = Uri.TryCreate(request.Input, UriKind.Absolute, out var url) && !url.IsFile;
        if (request.Offline)
        {
            var location = isUrl ? url!.AbsoluteUri : Path.GetFullPath(request.Input);
            var entry = archive.Latest(location) ?? throw new IOException($"'{location}' is not in the raw archive '{archive.Root}'");
            return [new FetchedDocument(location, archive.Read(entry.Sha256), entry.ToRecord(archive.ObjectPath(entry.Sha256)), entry.DeclaredCharset, true)];
        }

        if (!isUrl)
        {
            var path = Path.GetFullPath(request.Input);
            var bytes = await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false);
            return [new FetchedDocument(path, bytes, archive.Store(bytes, path, new FetchInfo()), null, false)];
        }

        using var client = HttpFetcher.CreateClient();
        ArgumentNullException.ThrowIfNull(url);
        var fetcher = new HttpFetcher(client, new HttpFetchOptions { AllowedHosts = [url.Host] }, timeProvider);
        var source = new HttpSource(fetcher, url.GetLeftPart(UriPartial.Authority), archive, fullRefresh: true);
        var first = await source.GetAsync(new SourceEntry(Path.GetFileName(url.AbsolutePath), url.AbsoluteUri), ct).ConfigureAwait(false);
        if (TableReader.DetectFormat(first.Bytes, url.AbsoluteUri) != TableFormat.Html || HasTable(first))
            return [first];

        // An index page: read every linked table file.
        var documents = new List<FetchedDocument>();
        foreach (var link in HttpSource.LinksOf(first.Bytes, url, first.HeaderCharset))
        {
            var ext = Path.GetExtension(link.FileName).ToLowerInvariant();
            if (ext is ".htm" or ".html" or ".xls" or ".xlsx" or ".csv" && link.FileName != "index.html")
                documents.Add(await source.GetAsync(link, ct).ConfigureAwait(false));
        }

        return documents;
    }

    private static bool HasTable(FetchedDocument document)
    {
        var head = System.Text.Encoding.Latin1.GetString(document.Bytes);
        return head.Contains("<table", StringComparison.OrdinalIgnoreCase);
    }

    private static int? EditionFromPath(string location)
    {
        var folder = Path.GetFileName(Path.GetDirectoryName(location.Replace('\\', '/')) ?? string.Empty);
        return folder is { Length: 4 } && int.TryParse(folder, CultureInfo.InvariantCulture, out var e) && e is > 1949 and < 2100 ? e : null;
    }

    private static string? IndicatorFromFileName(string location)
    {
        var name = Path.GetFileNameWithoutExtension(location);
        return name.StartsWith("fsnd_", StringComparison.Ordinal) && IndicatorCatalog.IsKnown(name[5..]) ? name[5..] : null;
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

                    yield return [table.Title, table.Columns[i].Unit ?? unit, row.Label, table.Columns[i].Label, Format(cell.Value), cell.Raw];
                }
            }
        }
    }

    private static string?[] StagingRow(Observation o) =>
    [
        o.Source, o.Edition?.ToString(CultureInfo.InvariantCulture), o.TableId, o.ProvinceCode.ToString(CultureInfo.InvariantCulture),
        o.Year.ToString(CultureInfo.InvariantCulture), o.Indicator, o.Item, Format(o.Value), o.Unit, o.RawUnit, o.RawSha256, o.Cell,
    ];

    private static string? Format(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);
}
