namespace Warehouse.Etl.Config;

/// <summary>A step a pipeline may list; the declaration order is the order they always run in.</summary>
public enum PipelineStep
{
    Extract,
    Load,
    Transform,
    Test,
    Analyze,
    Report,
}

/// <summary>The words pipelines.yml, meta.run_step and the console use for <see cref="PipelineStep"/>, mapped once.</summary>
public static class PipelineSteps
{
    /// <summary>YAML word → step.</summary>
    public static readonly IReadOnlyDictionary<string, PipelineStep> Names = new Dictionary<string, PipelineStep>(StringComparer.Ordinal)
    {
        ["extract"] = PipelineStep.Extract,
        ["load"] = PipelineStep.Load,
        ["transform"] = PipelineStep.Transform,
        ["test"] = PipelineStep.Test,
        ["analyze"] = PipelineStep.Analyze,
        ["report"] = PipelineStep.Report,
    };

    /// <summary>Every step, in the order they run.</summary>
    public static readonly IReadOnlyList<PipelineStep> All = Enum.GetValues<PipelineStep>();

    /// <summary>The word of a step.</summary>
    public static string Name(this PipelineStep step) => Warehouse.Analysis.Specs.OptionNames.NameOf(Names, step);
}
