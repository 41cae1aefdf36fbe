namespace Warehouse.Etl.Config;

/// <summary>Where a source's files come from: <c>kind:</c> of a source in pipelines.yml.</summary>
public enum SourceKind
{
    /// <summary><c>demo</c>: the generated demo mirror (a folder, generated on first use).</summary>
    Demo,

    /// <summary><c>http</c>: crawl a base URL.</summary>
    Http,

    /// <summary><c>directory</c>: an inbox folder of downloaded files.</summary>
    Directory,
}

/// <summary>The words pipelines.yml uses for <see cref="SourceKind"/>, mapped once.</summary>
public static class SourceKinds
{
    /// <summary>YAML word → kind.</summary>
    public static readonly IReadOnlyDictionary<string, SourceKind> Names = new Dictionary<string, SourceKind>(StringComparer.Ordinal)
    {
        ["demo"] = SourceKind.Demo,
        ["http"] = SourceKind.Http,
        ["directory"] = SourceKind.Directory,
    };

    /// <summary>The YAML word of a kind.</summary>
    public static string Name(this SourceKind kind) => Warehouse.Analysis.Specs.OptionNames.NameOf(Names, kind);
}
