namespace Warehouse.Demo.Tables;

/// <summary>
/// One number the demo corpus publishes, in the shape the pipeline stages it (docs/architecture.md#the-staging-contract): what an extractor
/// reading the mirror must get back. Regional aggregate rows are printed but are not values (they are not
/// provinces), nor are the high-tech tables' total columns (the vocabulary's items there are group codes);
/// the national-total row is (<see cref="ProvinceCode"/> 0).
/// </summary>
/// <param name="Source">Source name of pipelines.yml: <c>labour_yearbook</c>, <c>hightech_yearbook</c>, <c>nbs_provincial</c>.</param>
/// <param name="Edition">Yearbook edition; null for the NBS portal exports.</param>
/// <param name="TableId">Table id as configured (<c>4-2</c>, <c>2-5</c>, <c>2-3</c>, or the NBS indicator name).</param>
/// <param name="ProvinceCode">GB/T 2260 code; 0 = national total.</param>
/// <param name="Year">Data year.</param>
/// <param name="Indicator">Indicator of the vocabulary.</param>
/// <param name="Item">Sector letter or <c>total</c> (labour), high-tech group code, or null (NBS indicators).</param>
/// <param name="Value">Value in the canonical unit; null where the table prints a gap (blank or —).</param>
/// <param name="Unit">Canonical unit.</param>
public sealed record DemoValue(
    string Source,
    int? Edition,
    string TableId,
    short ProvinceCode,
    short Year,
    string Indicator,
    string? Item,
    double? Value,
    string Unit);
