using Warehouse.Analysis.Data;

namespace Warehouse.Analysis.Threshold;

/// <summary>The data of a panel threshold regression.</summary>
/// <param name="Data">Dependent variable, the regime-independent regressors (<see cref="EstimationData.X"/>), the
/// absorbed fixed effects (the first one is the unit: its levels are resampled by the bootstrap and counted in the
/// n(T−1) scale) and the cluster ids for the variance of the regime coefficients.</param>
/// <param name="Variable">Name of the threshold variable q.</param>
/// <param name="Q">The threshold variable, one value per row of <paramref name="Data"/>.</param>
/// <param name="RegimeNames">Names of the regime-dependent regressors.</param>
/// <param name="Regime">The regime-dependent regressors, one array per name, rows as <paramref name="Data"/>.</param>
/// <param name="Time">Period of each row, ordering a unit's residuals for the bootstrap; null = row order.</param>
public sealed record ThresholdInput(
    EstimationData Data,
    string Variable,
    double[] Q,
    IReadOnlyList<string> RegimeNames,
    IReadOnlyList<double[]> Regime,
    double[]? Time = null);
