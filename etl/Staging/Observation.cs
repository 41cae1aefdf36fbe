namespace Warehouse.Etl.Staging;

/// <summary>One row of <c>staging.observation</c> — the C# ⇄ SQL contract of docs/architecture.md#the-staging-contract</summary>
/// <param name="Source">Source name from pipelines.yml, e.g. <c>labour_yearbook</c>.</param>
/// <param name="Edition">Yearbook edition year, or null for portal exports.</param>
/// <param name="TableId">Table id within its source, e.g. <c>4-2</c>.</param>
/// <param name="ProvinceCode">GB/T 2260 two-digit code; 0 = national total.</param>
/// <param name="Year">Data year.</param>
/// <param name="Indicator">Indicator from the vocabulary (docs/architecture.md#vocabulary).</param>
/// <param name="Item">Sector letter / group code / <c>total</c>, or null.</param>
/// <param name="Value">Value in the canonical unit; null = published as missing.</param>
/// <param name="Unit">Canonical unit.</param>
/// <param name="RawUnit">Unit as printed.</param>
/// <param name="RawSha256">sha256 of the archived bytes it came from.</param>
/// <param name="Cell">Location within those bytes: A1 reference or <c>row r, col c</c>.</param>
public sealed record Observation(
    string Source,
    int? Edition,
    string TableId,
    short ProvinceCode,
    short Year,
    string Indicator,
    string? Item,
    double? Value,
    string Unit,
    string? RawUnit,
    string RawSha256,
    string? Cell)
{
    /// <summary>The release (vintage) of a portal export's value, e.g. <c>econ_census_5</c>, <c>spec 2024-03</c>,
    /// <c>archived 2026-11-30</c>; null for yearbook tables, whose edition is their release (see <c>ReleaseVintage</c>).</summary>
    public string? Release { get; init; }

    /// <summary>When that release was published (from the file's footnote or the spec); null when unknown.</summary>
    public DateOnly? ReleaseDate { get; init; }
}
