namespace Warehouse.Etl.Transform;

/// <summary>One folder of sql/: where its relations live, how they are materialised, how they are named.</summary>
/// <param name="Folder">Folder under sql/, e.g. <c>marts</c>.</param>
/// <param name="Schema">DuckDB schema of its relations; analyst-facing layers use <c>main</c> so names resolve unqualified.</param>
/// <param name="IsTable">Default materialisation: tables for what analysts read (facts, indicators), views for internal layers; a model may override it (<see cref="ModelDoc.Materialized"/>).</param>
/// <param name="Prefixes">Name prefixes allowed in this folder.</param>
/// <param name="ExactNames">Names allowed without a prefix (the <c>panel</c>).</param>
public sealed record ModelLayer(string Folder, string Schema, bool IsTable, IReadOnlyList<string> Prefixes, IReadOnlyList<string> ExactNames)
{
    /// <summary>The layers in build order: staging → intermediate → marts → indicators.</summary>
    public static IReadOnlyList<ModelLayer> All { get; } =
    [
        new("staging", "staging", false, ["stg_"], []),
        new("intermediate", "intermediate", false, ["int_"], []),
        new("marts", "main", true, ["dim_", "fct_"], []),
        new("indicators", "main", true, ["ind_"], ["panel"]),
    ];

    /// <summary>Whether <paramref name="name"/> follows this folder's naming rule.</summary>
    public bool Allows(string name) =>
        ExactNames.Contains(name) || Prefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));
}
