namespace Warehouse.Etl.Config;

/// <summary>One yearbook source: where its files come from and which tables to read from each edition.</summary>
public sealed record SourceSettings
{
    /// <summary><c>demo</c> (the generated mirror), <c>http</c> (crawl a base URL) or <c>directory</c> (an inbox folder).</summary>
    public required SourceKind Kind { get; init; }

    /// <summary>Base URL for <c>http</c>; folder for <c>demo</c> and <c>directory</c> (absolute once loaded from a file).</summary>
    public required string Location { get; init; }

    /// <summary>Edition years, written <c>"A..B"</c> in YAML; null for sources without editions (NBS portal exports).</summary>
    public YearRange? Editions { get; init; }

    /// <summary>Charset override for pages that lie about their encoding; null trusts BOM / header / meta.</summary>
    public string? Encoding { get; init; }

    /// <summary>
    /// The entry page of an edition, relative to <c>&lt;location&gt;/&lt;edition&gt;/</c> (e.g. <c>indexch.htm</c>, the
    /// China Statistical Yearbook's frameset): frames and iframes are followed and every link found is a candidate
    /// table. Null: <c>index.html</c> for <c>http</c>; for <c>demo</c> and <c>directory</c> the edition folder's files.
    /// </summary>
    public string? Index { get; init; }

    public PolitenessSettings Politeness { get; init; } = new();

    public required IReadOnlyList<TableSettings> Tables { get; init; }
}

/// <summary>How gently an HTTP source is crawled.</summary>
public sealed record PolitenessSettings
{
    /// <summary>Requests per second per host.</summary>
    /// <value>The default value is 2.</value>
    public double RequestsPerSecond { get; init; } = Sources.HttpFetchDefaults.RequestsPerSecond;

    /// <summary>Hosts the crawler may contact; any other host is refused before a request is sent.</summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];
}

/// <summary>A table to read from every edition of a source.</summary>
public sealed record TableSettings
{
    /// <summary>The table's id within its source (e.g. <c>4-2</c>); the <c>table_id</c> column of staging.</summary>
    public required string Id { get; init; }

    /// <summary>
    /// Glob (e.g. <c>urban_employment_by_sector.*</c>, <c>E0402*</c>) matched against a candidate's file name or its
    /// link text. Null when <see cref="Title"/> alone identifies the table.
    /// </summary>
    public string? Match { get; init; }

    /// <summary>
    /// Words of the table's title (e.g. <c>按行业分城镇单位就业人员</c>), matched ignoring white space against the link
    /// text of an index page or, where no link text names it, against the fetched table's printed title.
    /// </summary>
    public string? Title { get; init; }

    /// <summary>The release (publication vintage) of this table's values as <c>YYYY</c>, <c>YYYY-MM</c> or <c>YYYY-MM-DD</c>,
    /// for files whose footnotes do not say it; null: the footnote's, else the date the file was archived.</summary>
    public string? Release { get; init; }

    /// <summary>Name of the table profile (profiles/*.yml); null detects it from the table's title and header, as <c>extract</c> does.</summary>
    public string? Profile { get; init; }

    /// <summary>Indicator of a table whose file names none (an NBS export without its 指标： line); null when the file says.</summary>
    public string? Indicator { get; init; }

    /// <summary>Unit (as printed, e.g. <c>亿元</c>) of columns whose file prints none; null when the file says.</summary>
    public string? Unit { get; init; }

    /// <summary>Charset override for this table only.</summary>
    public string? Encoding { get; init; }
}
