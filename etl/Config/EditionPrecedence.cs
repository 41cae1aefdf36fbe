namespace Warehouse.Etl.Config;

/// <summary>Which vintage wins when two editions (or releases) give the same value: <c>analysis.precedence</c>.</summary>
public enum EditionPrecedence
{
    /// <summary><c>newest_edition</c>: the latest revision.</summary>
    NewestEdition,

    /// <summary><c>oldest_edition</c>: the first published value.</summary>
    OldestEdition,
}

/// <summary>The words pipelines.yml and the <c>cfg.setting</c> table use for <see cref="EditionPrecedence"/>, mapped once.</summary>
public static class EditionPrecedences
{
    /// <summary>YAML / SQL word → precedence.</summary>
    public static readonly IReadOnlyDictionary<string, EditionPrecedence> Names = new Dictionary<string, EditionPrecedence>(StringComparer.Ordinal)
    {
        ["newest_edition"] = EditionPrecedence.NewestEdition,
        ["oldest_edition"] = EditionPrecedence.OldestEdition,
    };

    /// <summary>The word of a precedence, as the SQL layers read it from <c>cfg.setting</c>.</summary>
    public static string Name(this EditionPrecedence precedence) => Warehouse.Analysis.Specs.OptionNames.NameOf(Names, precedence);
}
