using Warehouse.Etl.Loading;

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
}
