using Warehouse.Etl.Staging;

namespace Warehouse.Etl.Normalizing;

/// <summary>Observations read from a document by a profile, warnings (evolving headers, skipped columns) and the layout fingerprint.</summary>
public sealed record ProfileResult(IReadOnlyList<Observation> Observations, IReadOnlyList<string> Warnings, SchemaFingerprint Fingerprint);
