using Warehouse.Analysis.Estimation;
using Warehouse.Analysis.Inference;

namespace Warehouse.Analysis.Specs;

/// <summary>What one spec produced: its fit, the bootstrap tests, the turning point.</summary>
public sealed record SpecOutcome(
    ModelSpec Spec, FitResult Fit, IReadOnlyList<BootstrapResult> Bootstrap, NonlinearityResult? Nonlinearity, int RowsDroppedMissing)
{
    /// <summary>The threshold model, when the spec asked for one (<see cref="Fit"/> is then its final regression).</summary>
    public Threshold.ThresholdResult? Threshold { get; init; }

    /// <summary>The mediation analysis, when the spec asked for one (<see cref="Fit"/> is then equation (3)).</summary>
    public Mediation.MediationResult? Mediation { get; init; }
}
