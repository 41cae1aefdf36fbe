namespace Warehouse.Etl.Config.Profiles;

/// <summary>One <c>profiles/*.yml</c> file as written (snake_case keys); <see cref="ProfileLoader"/> checks it and builds a
/// <see cref="Normalizing.TableProfile"/>. docs/profiles.md describes every key.</summary>
public sealed class ProfileFile
{
    /// <summary>The name pipelines.yml uses in <c>profile:</c>.</summary>
    public required string Name { get; init; }

    /// <summary>What the table is, for people.</summary>
    public string? Description { get; init; }

    /// <summary><c>items_as_columns</c>, <c>years_as_columns</c>, <c>indicators_as_columns</c>; several: the header decides.</summary>
    public required List<string> Shapes { get; init; }

    /// <summary>The table's one indicator (items or years as columns); omitted: from the indicator line or the spec.</summary>
    public string? Indicator { get; init; }

    /// <summary>Item vocabulary of an items-as-columns table: <c>sectors</c>, <c>hightech_groups</c> or <c>none</c>.</summary>
    /// <value>The default value is <c>none</c>.</value>
    public string Items { get; init; } = ProfileDefaults.Items;

    /// <summary>Whether the printed total column is staged as item <c>total</c>.</summary>
    /// <value>The default value is true.</value>
    public bool StageTotal { get; init; } = true;

    /// <summary>Words naming the profile's measure in a header.</summary>
    public List<string> Measure { get; init; } = [];

    /// <summary>Words naming other measures printed beside it (kept out silently).</summary>
    public List<string> OtherMeasures { get; init; } = [];

    /// <summary>Column rules: indicator (and item) per label, first match wins.</summary>
    public List<ColumnFile> Columns { get; init; } = [];

    /// <summary>Labels of columns kept out on purpose (no warning).</summary>
    public List<string> IgnoreColumns { get; init; } = [];

    /// <summary><c>error</c> (default) or <c>warn</c>: what an unmapped header label does.</summary>
    /// <value>The default value is <c>error</c>.</value>
    public string UnknownColumns { get; init; } = ProfileDefaults.UnknownColumns;

    /// <summary>Which rows are staged.</summary>
    public RowsFile Rows { get; init; } = new();

    /// <summary>Ways of recognising the table when pipelines.yml or <c>extract</c> names no profile; any one suffices.</summary>
    public List<DetectFile> Detect { get; init; } = [];

    /// <summary>Higher wins when several profiles recognise a table.</summary>
    /// <value>The default value is 0.</value>
    public int Priority { get; init; }

    /// <summary>Staging columns <c>extract</c> prints when nothing else names them.</summary>
    public DefaultsFile Defaults { get; init; } = new();
}

/// <summary>A column rule as written.</summary>
public sealed class ColumnFile
{
    public required string Indicator { get; init; }

    public required List<string> Match { get; init; }

    public List<string> Not { get; init; } = [];

    public string? Item { get; init; }

    /// <value>The default value is <c>none</c>.</value>
    public string Items { get; init; } = ProfileDefaults.Items;

    public string? AssumedUnit { get; init; }
}

/// <summary>Row rules as written.</summary>
public sealed class RowsFile
{
    /// <summary>Labels (words) of aggregate rows to leave out besides the regions the province catalog knows.</summary>
    public List<string> Skip { get; init; } = [];

    /// <summary>Rows labelled with a year are a national series of that year.</summary>
    public bool YearRowsAreNational { get; init; }
}

/// <summary>One detection rule as written; every condition given must hold.</summary>
public sealed class DetectFile
{
    public List<string> TitleAll { get; init; } = [];

    public List<string> TitleAny { get; init; } = [];

    public List<string> HeaderAny { get; init; } = [];

    public bool HeaderYears { get; init; }

    public int MinItemColumns { get; init; }
}

/// <summary>Default staging columns as written.</summary>
public sealed class DefaultsFile
{
    public string Source { get; init; } = string.Empty;

    public string TableId { get; init; } = string.Empty;
}

/// <summary>Defaults of the profile format, written once.</summary>
public static class ProfileDefaults
{
    public const string Items = "none";

    public const string UnknownColumns = "error";

    /// <summary>Folder of the profiles, relative to pipelines.yml (and beside the binary for the bundled set).</summary>
    public const string Folder = "profiles";
}
