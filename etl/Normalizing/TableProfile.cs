using Warehouse.Etl.Vocabulary;
namespace Warehouse.Etl.Normalizing;

/// <summary>How a profile reads a table's columns.</summary>
public enum ProfileShape
{
    /// <summary>Provinces in rows, items (sectors, high-tech groups, total) in columns; one indicator, one data year per table.</summary>
    ItemsAsColumns,

    /// <summary>Provinces in rows, data years in columns; one indicator (from the profile, the indicator line or the spec).</summary>
    YearsAsColumns,

    /// <summary>Provinces in rows, indicators in columns (each column mapped by the profile's column rules); one data year.</summary>
    IndicatorsAsColumns,
}

/// <summary>The item vocabulary a profile maps column labels to.</summary>
public enum ItemVocabulary
{
    /// <summary>No items: the indicator has none (or a column rule fixes one).</summary>
    None,

    /// <summary>GB/T 4754 sections by name (<see cref="SectorCatalog"/>), plus <c>total</c>.</summary>
    Sectors,

    /// <summary>NBS high-tech manufacturing groups (<see cref="HighTechGroupCatalog"/>), plus <c>total</c>.</summary>
    HighTechGroups,
}

/// <summary>What a profile does with a header label it cannot map.</summary>
public enum UnknownColumnPolicy
{
    /// <summary>The table fails naming the label: layout drift must never shift columns silently.</summary>
    Error,

    /// <summary>One warning lists the labels; the columns are kept out.</summary>
    Warn,
}

/// <summary>A rule that maps a column label (or an indicator line) to an indicator and, optionally, an item.</summary>
/// <param name="Indicator">Vocabulary name, e.g. <c>hightech_revenue</c>.</param>
/// <param name="Match">Words of which one must appear in the label (case-insensitive; spaces between Chinese characters ignored).</param>
/// <param name="Not">Words that must not appear (e.g. <c>指数</c>, so a GDP index is not GDP).</param>
/// <param name="Item">Fixed item code (e.g. <c>total</c>); null takes <see cref="Items"/> or the indicator's own.</param>
/// <param name="Items">Vocabulary to resolve the item from the label; a label naming none is the total.</param>
/// <param name="AssumedUnit">Unit taken when the file prints none for this column: a count, or the one unit a publisher always uses for the indicator (the NBS portal's GDP in 亿元).</param>
public sealed record ColumnRule(string Indicator, IReadOnlyList<string> Match, IReadOnlyList<string> Not, string? Item, ItemVocabulary Items, string? AssumedUnit)
{
    /// <summary>True when the label contains one of <see cref="Match"/> and none of <see cref="Not"/>.</summary>
    public bool Matches(string label) => ProfileText.ContainsAny(label, Match) && !ProfileText.ContainsAny(label, Not);
}

/// <summary>One way of recognising a table: every condition given must hold.</summary>
/// <param name="TitleAll">Words that must all appear in the title lines.</param>
/// <param name="TitleAny">Words of which one must appear in the title lines (empty: no condition).</param>
/// <param name="HeaderAny">Words of which one must appear in some column label (empty: no condition).</param>
/// <param name="HeaderYears">When true, every column label must be a year (an export whose metadata lines were deleted).</param>
/// <param name="MinItemColumns">At least this many columns must name items of the profile's vocabulary (0: no condition).</param>
public sealed record DetectRule(IReadOnlyList<string> TitleAll, IReadOnlyList<string> TitleAny, IReadOnlyList<string> HeaderAny, bool HeaderYears, int MinItemColumns);

/// <summary>
/// A declarative mapping from a published table's title and header labels to indicators and items, loaded from
/// <c>profiles/*.yml</c> (docs/profiles.md describes the format). Immutable once loaded.
/// </summary>
public sealed class TableProfile
{
    /// <summary>Profile name as written in pipelines.yml <c>profile:</c> (the file's <c>name:</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The file the profile was read from, for messages.</summary>
    public string File { get; init; } = string.Empty;

    /// <summary>Shapes the profile reads; when it lists several, the header decides (year labels: years as columns).</summary>
    public required IReadOnlyList<ProfileShape> Shapes { get; init; }

    /// <summary>The indicator of an items-as-columns or years-as-columns table; null when it comes from the table or the spec.</summary>
    public string? Indicator { get; init; }

    /// <summary>Item vocabulary of an items-as-columns table.</summary>
    public ItemVocabulary Items { get; init; }

    /// <summary>
    /// Whether the printed all-items column (合计 / Total) is staged as item <c>total</c>. Sectors have a <c>total</c>
    /// item in the vocabulary; high-tech groups are staged as group codes only, so their printed total is recognised
    /// (not drift) but not staged.
    /// </summary>
    public bool StageTotal { get; init; } = true;

    /// <summary>Words naming this profile's measure in a header (a column under another measure is not ours).</summary>
    public IReadOnlyList<string> MeasureKeywords { get; init; } = [];

    /// <summary>Words naming other measures printed in the same table (kept out, never an error).</summary>
    public IReadOnlyList<string> OtherMeasureKeywords { get; init; } = [];

    /// <summary>Column rules of an indicators-as-columns table, first match wins; also read the indicator line of a years-as-columns export.</summary>
    public IReadOnlyList<ColumnRule> Columns { get; init; } = [];

    /// <summary>Labels of columns the profile knows and keeps out on purpose (no warning).</summary>
    public IReadOnlyList<string> IgnoreColumns { get; init; } = [];

    /// <summary>What an unmapped header label does.</summary>
    public UnknownColumnPolicy UnknownColumns { get; init; }

    /// <summary>Row labels skipped besides the regional aggregates the province catalog knows (e.g. <c>其他</c>).</summary>
    public IReadOnlyList<string> SkipRows { get; init; } = [];

    /// <summary>When true, a row labelled with a year above the province block is a national series of that year.</summary>
    public bool YearRowsAreNational { get; init; }

    /// <summary>Ways of recognising the table when no profile is named; empty: only used when named.</summary>
    public IReadOnlyList<DetectRule> Detect { get; init; } = [];

    /// <summary>Breaks ties when several profiles recognise a table (higher wins; equal is an error).</summary>
    public int Priority { get; init; }

    /// <summary>Table id used by the <c>extract</c> verb when no pipelines.yml table names one.</summary>
    public string DefaultTableId { get; init; } = string.Empty;

    /// <summary>Source name used by the <c>extract</c> verb when no pipelines.yml source names one.</summary>
    public string DefaultSource { get; init; } = string.Empty;

    /// <summary>The item a label names in this profile's vocabulary, or null.</summary>
    /// <exception cref="FormatException">The label matches two items.</exception>
    public string? ResolveItem(string label) => ResolveItem(Items, label);

    /// <summary>The item a label names in <paramref name="vocabulary"/>, or null.</summary>
    /// <exception cref="FormatException">The label matches two items.</exception>
    public static string? ResolveItem(ItemVocabulary vocabulary, string label) => vocabulary switch
    {
        ItemVocabulary.Sectors => SectorCatalog.Resolve(label),
        ItemVocabulary.HighTechGroups => HighTechGroupCatalog.Resolve(label),
        _ => null,
    };

    /// <summary>The first column rule matching the label, or null.</summary>
    public ColumnRule? RuleFor(string label) => Columns.FirstOrDefault(r => r.Matches(label));
}
