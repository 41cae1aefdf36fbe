namespace Warehouse.Etl.Normalizing;

/// <summary>How a profile reads a table's columns.</summary>
public enum ProfileShape
{
    /// <summary>Provinces in rows, items (sectors, high-tech groups, total) in columns; one data year per table.</summary>
    ItemsAsColumns,

    /// <summary>NBS portal exports: provinces in rows, years as columns (one indicator), or indicators as columns (one year).</summary>
    PortalIndicator,
}

/// <summary>
/// A declarative mapping (named in pipelines.yml) from a published table's title and header labels to an indicator
/// and its items, tolerant of the wording changes between editions.
/// </summary>
public sealed class TableProfile
{
    /// <summary>Profile name as written in pipelines.yml <c>profile:</c>.</summary>
    public required string Name { get; init; }

    public required ProfileShape Shape { get; init; }

    /// <summary>The indicator the table carries; null when it comes from the table (portal exports).</summary>
    public string? Indicator { get; init; }

    /// <summary>Maps a column label to an item code (or <c>total</c>); null for profiles without items.</summary>
    public Func<string, string?>? ItemResolver { get; init; }

    /// <summary>Title words that identify the table when <c>--profile</c> is omitted.</summary>
    public IReadOnlyList<string> TitleKeywords { get; init; } = [];

    /// <summary>
    /// Whether the printed all-items column (合计 / Total) is staged as item <c>total</c>. Sectors have a <c>total</c>
    /// item in the vocabulary; high-tech items are group codes only, so their printed total is recognised (not drift)
    /// but not staged.
    /// </summary>
    /// <value>The default value is true.</value>
    public bool StagesTotal { get; init; } = true;

    /// <summary>Words naming this profile's measure in a header (a column under another measure is not ours).</summary>
    public IReadOnlyList<string> MeasureKeywords { get; init; } = [];

    /// <summary>Words naming other measures printed in the same table (kept out, never an error).</summary>
    public IReadOnlyList<string> OtherMeasureKeywords { get; init; } = [];

    /// <summary>
    /// When true, a header label the profile does not know is a warning and the column is kept out; when false it
    /// is an error naming the label (layout drift must never shift columns silently).
    /// </summary>
    /// <value>The default value is false.</value>
    public bool Evolve { get; init; }

    /// <summary>Table id used by the <c>extract</c> verb when no pipelines.yml table names one.</summary>
    public string DefaultTableId { get; init; } = string.Empty;

    /// <summary>Source name used by the <c>extract</c> verb when no pipelines.yml source names one.</summary>
    public string DefaultSource { get; init; } = string.Empty;
}
