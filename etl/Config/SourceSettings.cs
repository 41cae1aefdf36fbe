namespace Warehouse.Etl.Config;

/// <summary>One yearbook source: where its files come from and which tables to read from each edition.</summary>
public sealed class SourceSettings
{
    /// <summary><c>demo</c> (the generated mirror), <c>http</c> (crawl a base URL) or <c>directory</c> (an inbox folder).</summary>
    public required string Kind { get; set; }

    /// <summary>Base URL for <c>http</c>; folder for <c>demo</c> and <c>directory</c>.</summary>
    public required string Location { get; set; }

    /// <summary>Edition years as <c>"A..B"</c>; null for sources without editions (NBS portal exports).</summary>
    public string? Editions { get; set; }

    /// <summary>Charset override for pages that lie about their encoding; null trusts BOM / header / meta.</summary>
    public string? Encoding { get; set; }

    public PolitenessSettings Politeness { get; set; } = new();

    public required List<TableSettings> Tables { get; set; }
}

/// <summary>How gently an HTTP source is crawled.</summary>
public sealed class PolitenessSettings
{
    /// <summary>Requests per second per host.</summary>
    /// <value>The default value is 2.</value>
    public double RequestsPerSecond { get; set; } = 2;

    /// <summary>Hosts the crawler may contact; any other host is refused before a request is sent.</summary>
    public List<string> AllowedHosts { get; set; } = [];
}

/// <summary>A table to read from every edition of a source.</summary>
public sealed class TableSettings
{
    /// <summary>The table's id within its source (e.g. <c>4-2</c>); the <c>table_id</c> column of staging.</summary>
    public required string Id { get; set; }

    /// <summary>File-name glob (e.g. <c>urban_employment_by_sector.*</c>) that identifies the table inside an edition folder, or among the links of an edition index page.</summary>
    public required string Match { get; set; }

    /// <summary>Name of the table profile (profiles/*.yml); null detects it from the table's title and header, as <c>extract</c> does.</summary>
    public string? Profile { get; set; }

    /// <summary>Indicator of a table whose file names none (an NBS export without its 指标： line); null when the file says.</summary>
    public string? Indicator { get; set; }

    /// <summary>Unit (as printed, e.g. <c>亿元</c>) of columns whose file prints none; null when the file says.</summary>
    public string? Unit { get; set; }

    /// <summary>Charset override for this table only.</summary>
    public string? Encoding { get; set; }
}
