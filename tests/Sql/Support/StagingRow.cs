namespace Warehouse.Tests.Sql.Support;

/// <summary>One row of staging.observation as a test writes it.</summary>
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
