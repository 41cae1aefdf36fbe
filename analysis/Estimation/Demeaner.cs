using Warehouse.Analysis.Data;

namespace Warehouse.Analysis.Estimation;

/// <summary>How several fixed effects are partialled out.</summary>
public enum DemeanAlgorithm
{
    /// <summary>Alternating projections (Gauss–Seidel over the FEs) with Irons–Tuck acceleration, as fixest.</summary>
    IronsTuck,

    /// <summary>Jacobi-preconditioned conjugate gradient on the FE normal equations, as reghdfe.</summary>
    ConjugateGradient,

    /// <summary>The FE with most levels eliminated exactly, CG on the Schur complement for the others (default).</summary>
    Schur,
}

/// <summary>The outcome of partialling fixed effects out of a set of columns.</summary>
/// <param name="Columns">Each input column minus its projection on the fixed effects.</param>
/// <param name="Iterations">Accelerated iterations used (0 for exact one-way demeaning).</param>
/// <param name="Converged">False when the iteration cap was hit before the tolerance was met.</param>
public sealed record DemeanResult(double[][] Columns, int Iterations, bool Converged);

/// <summary>Partials any number of fixed effects out of several columns at once, without dummy matrices: picks the
/// algorithm (fixest's <c>demeaning</c>).</summary>
/// <remarks>One fixed effect is always exact group demeaning; two or more use <see cref="DemeanAlgorithm"/>:
/// <see cref="SchurDemeaner"/>, <see cref="ConjugateGradientDemeaner"/> or <see cref="IronsTuckDemeaner"/>.</remarks>
public sealed class Demeaner
{
    private readonly IReadOnlyList<Factor> fixedEffects;
    private readonly int chunks;
    private IronsTuckDemeaner? ironsTuck;

    public Demeaner(IReadOnlyList<Factor> fixedEffects, int? threads = null)
    {
        ArgumentNullException.ThrowIfNull(fixedEffects);
        if (fixedEffects.Count == 0) throw new ArgumentException("at least one fixed effect is needed", nameof(fixedEffects));
        this.fixedEffects = fixedEffects;
        // Small problems are faster on one thread; big ones split into one chunk per core.
        chunks = Math.Max(1, Math.Min(threads ?? Environment.ProcessorCount, fixedEffects[0].Codes.Length / 50_000));
    }

    /// <summary>Demeans <paramref name="columns"/> with <paramref name="algorithm"/> (defaults as
    /// <see cref="FeolsOptions"/>).</summary>
    /// <param name="columns">Columns of the rows of the fixed effects.</param>
    /// <param name="tolerance">Per-element convergence tolerance.</param>
    /// <param name="maxIterations">Cap on iterations.</param>
    /// <param name="algorithm">Algorithm for two or more fixed effects.</param>
    /// <param name="overwrite">Write the demeaned values over <paramref name="columns"/> (the result's columns are then
    /// those arrays) instead of into new ones: for a caller that reads the columns no more. The values are the same.</param>
    public DemeanResult Demean(IReadOnlyList<double[]> columns, double tolerance = FeolsDefaults.Tolerance,
        int maxIterations = FeolsDefaults.MaxIterations, DemeanAlgorithm algorithm = FeolsDefaults.Algorithm, bool overwrite = false)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (algorithm == DemeanAlgorithm.Schur && this.fixedEffects.Count >= 2)
            return new SchurDemeaner(this.fixedEffects, chunks).Demean(columns, tolerance, maxIterations, overwrite);
        if (algorithm == DemeanAlgorithm.ConjugateGradient && this.fixedEffects.Count >= 2)
            return new ConjugateGradientDemeaner(this.fixedEffects, chunks).Demean(columns, tolerance, maxIterations, overwrite);
        ironsTuck ??= new IronsTuckDemeaner(this.fixedEffects, chunks);
        return ironsTuck.Demean(columns, tolerance, maxIterations, overwrite);
    }
}
