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
    string Cell);
