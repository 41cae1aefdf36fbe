using Warehouse.Etl.Normalizing;

namespace Warehouse.Etl.Extraction;

/// <summary>What one extraction run should read.</summary>
/// <param name="Years">Data years to keep (edition = year + 1 for yearbooks); null = all configured editions.</param>
/// <param name="Offline">Re-parse archived bytes only; never touch the network.</param>
/// <param name="FullRefresh">Re-read every edition even when its bytes are unchanged.</param>
/// <param name="Profiles">The configured table profiles; null uses the bundled ones.</param>
public sealed record ExtractRequest(IReadOnlyCollection<int>? Years, bool Offline, bool FullRefresh, ProfileCatalog? Profiles = null);
