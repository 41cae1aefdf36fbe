using Warehouse.Etl.Config;

namespace Warehouse.Etl.Transform;

/// <summary>The pipelines.yml settings the SQL layers read (copied into the cfg schema before the views are built).</summary>
public sealed record TransformSettings(
    IReadOnlyList<int> SampleYears,
    IReadOnlyList<int> ExcludeProvinces,
    IReadOnlyList<string> Manufacturing,
    IReadOnlyList<string> ProducerServices,
    IReadOnlyList<string> HightechProducts,
    EditionPrecedence Precedence,
    double YoyJumpFactor)
{
    public static TransformSettings From(AnalysisSettings analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return new TransformSettings(
            analysis.Sample.Years.Years.ToArray(),
            analysis.Sample.ExcludeProvinces,
            analysis.Manufacturing,
            analysis.ProducerServices,
            analysis.HightechProducts,
            analysis.Precedence,
            analysis.YoyJumpFactor);
    }
}
