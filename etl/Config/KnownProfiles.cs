namespace Warehouse.Etl.Config;

/// <summary>Parsing profile names a table may name.</summary>
/// <remarks>TODO(swap): replace with <c>Warehouse.Etl.Normalizing.ProfileCatalog.IsKnown</c> once the extraction
/// issue lands it; until then these are the profiles pipelines.yml uses.</remarks>
internal static class KnownProfiles
{
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        "urban_employment_by_sector",
        "hightech_export_delivery",
        "hightech_employment",
        "nbs_provincial_indicator",
    };

    public static bool IsKnown(string name) => Names.Contains(name);

    public static IEnumerable<string> All => Names.Order(StringComparer.Ordinal);
}
