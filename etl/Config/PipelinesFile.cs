namespace Warehouse.Etl.Config;

/// <summary>The whole of pipelines.yml. Keys are snake_case in YAML (UnderscoredNamingConvention).</summary>
public sealed class PipelinesFile
{
    public required WarehouseSettings Warehouse { get; set; }

    /// <summary>Sources by name; the name is the <c>source</c> column of staging.observation.</summary>
    public required Dictionary<string, SourceSettings> Sources { get; set; }

    /// <summary>Pipelines by name (<c>nightly</c>, <c>yearly</c>, …).</summary>
    public required Dictionary<string, PipelineSettings> Pipelines { get; set; }

    public required AnalysisSettings Analysis { get; set; }
}
