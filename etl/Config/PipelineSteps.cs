namespace Warehouse.Etl.Config;

/// <summary>The step names a pipeline may list, in the order they always run.</summary>
public static class PipelineSteps
{
    public const string Extract = "extract";
    public const string Load = "load";
    public const string Transform = "transform";
    public const string Test = "test";
    public const string Analyze = "analyze";
    public const string Report = "report";

    public static readonly IReadOnlyList<string> All = [Extract, Load, Transform, Test, Analyze, Report];
}
