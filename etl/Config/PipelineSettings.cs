namespace Warehouse.Etl.Config;

/// <summary>A named pipeline: when it runs and which steps it runs.</summary>
public sealed record PipelineSettings
{
    /// <summary>Five-field cron expression (quoted in YAML), evaluated in <see cref="TimeZone"/>.</summary>
    public required string Schedule { get; init; }

    /// <summary>IANA time zone id, e.g. <c>Asia/Shanghai</c>.</summary>
    /// <value>The default value is <c>UTC</c>.</value>
    public string TimeZone { get; init; } = PipelineDefaults.TimeZone;

    /// <summary>Rebuild staging from every edition instead of only the new or changed ones.</summary>
    public bool FullRefresh { get; init; }

    /// <summary>Subset of the steps (written <c>extract</c>, <c>load</c>, … in YAML); they always run in the order of
    /// <see cref="PipelineStep"/>.</summary>
    public required IReadOnlyList<PipelineStep> Steps { get; init; }
}

/// <summary>The defaults of <see cref="PipelineSettings"/>, written once.</summary>
public static class PipelineDefaults
{
    /// <summary>The time zone a schedule is evaluated in.</summary>
    public const string TimeZone = "UTC";
}
