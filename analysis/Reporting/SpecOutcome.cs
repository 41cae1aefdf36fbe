using Warehouse.Analysis.Estimation;
using Warehouse.Analysis.Inference;

namespace Warehouse.Analysis.Reporting;

/// <summary>What one spec produced: its fit, the bootstrap tests of the first regressor, the turning point.</summary>
public sealed record SpecOutcome(
    ReportSpec Spec, FitResult Fit, IReadOnlyList<BootstrapResult> Bootstrap, NonlinearityResult? Nonlinearity, int RowsDroppedMissing);
