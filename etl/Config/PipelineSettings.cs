namespace Warehouse.Etl.Config;

/// <summary>A named pipeline: when it runs and which steps it runs.</summary>
public sealed class PipelineSettings
{
    /// <summary>Five-field cron expression (quoted in YAML), evaluated in <see cref="TimeZone"/>.</summary>
    public required string Schedule { get; set; }

    /// <summary>IANA time zone id, e.g. <c>Asia/Shanghai</c>.</summary>
    /// <value>The default value is <c>UTC</c>.</value>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Rebuild staging from every edition instead of only the new or changed ones.</summary>
    public bool FullRefresh { get; set; }

    /// <summary>Subset and order of extract, load, transform, test, analyze, report.</summary>
    public required List<string> Steps { get; set; }
}
