namespace Warehouse.Etl.Archive;

/// <summary>One row of <c>meta.raw_page</c>: an archived byte stream and how it was obtained.</summary>
/// <param name="Sha256">Lower-case hex sha256 of the bytes; the archive's key.</param>
/// <param name="Location">URL or file path it was read from.</param>
/// <param name="HttpStatus">HTTP status for fetched pages; null for files.</param>
/// <param name="HttpHeadersJson">Response headers as a JSON object; null for files.</param>
/// <param name="DeclaredCharset">Charset declared by the HTTP header or meta tag.</param>
/// <param name="DetectedCharset">Charset the parser used.</param>
/// <param name="SizeBytes">Length of the bytes.</param>
/// <param name="FetchedAt">When the bytes were read (from the injected TimeProvider).</param>
/// <param name="ArchivePath">Where the bytes sit in the raw archive.</param>
public sealed record RawPageRecord(
    string Sha256,
    string Location,
    int? HttpStatus,
    string? HttpHeadersJson,
    string? DeclaredCharset,
    string? DetectedCharset,
    long SizeBytes,
    DateTimeOffset FetchedAt,
    string ArchivePath);
