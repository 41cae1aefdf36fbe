using Warehouse.Etl.Archive;
using Warehouse.Etl.Normalizing;
using Warehouse.Etl.Staging;

namespace Warehouse.Etl.Extraction;

/// <summary>The outcome of reading one table of one edition of one source: observations, or the error that stopped it.</summary>
public sealed record TableExtraction(
    string Source,
    int? Edition,
    string TableId,
    string Location,
    string? RawSha256,
    IReadOnlyList<Observation> Observations,
    string? Error,
    TimeSpan Duration)
{
    public bool Succeeded => Error is null;

    /// <summary>The <c>meta.raw_page</c> rows of every byte stream read for this table (index page and table file).</summary>
    public IReadOnlyList<RawPageRecord> RawPages { get; init; } = [];

    /// <summary>The table's layout fingerprint for <c>meta.schema_fingerprint</c>; null when the table could not be parsed.</summary>
    public SchemaFingerprint? Fingerprint { get; init; }

    /// <summary>Non-fatal findings: evolving headers kept out, title year vs edition, skipped tables.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>True when the bytes were not re-downloaded (304 Not Modified, or <c>--offline</c>).</summary>
    public bool Unchanged { get; init; }
}
