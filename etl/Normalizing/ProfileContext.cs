namespace Warehouse.Etl.Normalizing;

/// <summary>Where a document sits in the warehouse: the staging columns a profile cannot read from the table itself.</summary>
/// <param name="Source">Source name (pipelines.yml).</param>
/// <param name="Edition">Edition year, or null for portal exports.</param>
/// <param name="TableId">Table id (pipelines.yml); for portal exports the indicator name.</param>
/// <param name="RawSha256">sha256 of the archived bytes.</param>
public sealed record ProfileContext(string Source, int? Edition, string TableId, string RawSha256);
