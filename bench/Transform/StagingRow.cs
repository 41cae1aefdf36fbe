namespace Warehouse.Bench.Transform;

/// <summary>One row of staging.observation as the synthetic generator and the SQL tests write it (raw_unit = unit).</summary>
public sealed record StagingRow(
    string Source,
    int? Edition,
    string TableId,
    int ProvinceCode,
    int Year,
    string Indicator,
    string? Item,
    double? Value,
    string Unit,
    string RawSha256,
    string Cell)
{
    /// <summary>The release of a portal export's value (staging.observation.release); null for yearbook rows.</summary>
    public string? Release { get; init; }

    /// <summary>When that release was published; null when unknown.</summary>
    public DateOnly? ReleaseDate { get; init; }
}
