using Warehouse.Analysis.Estimation;
using Warehouse.Analysis.Inference;

namespace Warehouse.Analysis.Specs;

/// <summary>What one spec produced: its fit, the bootstrap tests, the turning point.</summary>
public sealed record SpecOutcome(
    ModelSpec Spec, FitResult Fit, IReadOnlyList<BootstrapResult> Bootstrap, NonlinearityResult? Nonlinearity, int RowsDroppedMissing);
