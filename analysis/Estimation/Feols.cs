using Warehouse.Analysis.Data;
using Warehouse.Analysis.Estimation.Variance;

namespace Warehouse.Analysis.Estimation;

/// <summary>Ordinary least squares with any number of absorbed fixed effects (the fixest <c>feols</c> /
/// reghdfe model), conventions of docs/architecture.md#estimation-conventions.</summary>
/// <remarks>The steps live in their own files, as in fixest and pyfixest: <see cref="SingletonFilter"/>,
/// <see cref="Demeaner"/>, <see cref="Collinearity"/>, <see cref="LeastSquares"/>, the estimators under
/// <c>Variance/</c>, <see cref="CoefficientInference"/> and <see cref="FitStatistics"/>.</remarks>
public static class Feols
{
    /// <summary>Name of the explicit constant used when there is no fixed effect.</summary>
    public const string Intercept = "(Intercept)";

    /// <summary>Row-space tolerance of the varying-slope demeaning (relative to the column's size): its stopping rule
    /// bounds the last step, not the error, so it is held well below the coefficient-space default.</summary>
    private const double SlopeTolerance = 1e-13;

    public static FitResult Fit(EstimationData data, FeolsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new FeolsOptions();
        if (data.Endogenous.Count > 0) return TwoStageLeastSquares.Fit(data, options, options.ReducedForm);
        var notes = new List<string>();
        var phases = new PhaseTimer();

        var sample = SingletonFilter.Apply(data, options.DropSingletons);
        phases.Mark("singletons");
        if (sample.Rows == 0) throw DegenerateFit.EmptySample(data);

        // The FE degrees of freedom (and fixest's nested-cluster K) are union–find passes over every row; they run on
        // another core beside the demeaning, whose preconditioner build is serial, and are remembered for the variance.
        var fe = sample.FixedEffects;
        var degrees = Task.Run(() =>
        {
            var df = FixedEffectDegrees.PerEffect(fe, sample.Slopes);
            if (sample.Clusters.Count > 0) ClusterVcov.FixedEffectK(fe, df, sample.Clusters, sample.Slopes);
            return df;
        });
        var (spread, names, yd, xd, gramY, solution, iterations, converged) = Solve(sample, options, notes, phases);

        var feDf = degrees.GetAwaiter().GetResult();
        var input = VcovInput.Of(sample, options, feDf, xd, solution);
        var vcovKind = options.Vcov ?? (sample.Clusters.Count > 0 ? VcovKind.Cluster : VcovKind.Iid);
        var variance = VarianceEstimator.Compute(vcovKind, input);
        notes.AddRange(variance.Notes);
        phases.Mark("vcov");

        var stats = FitStatistics.Compute(spread, solution.Rss, gramY[0, 0], input.KFull, feDf.Sum(), fe.Count > 0);
        var perfectFit = DegenerateFit.PerfectFitNote(spread, solution.Rss, variance.DfResid);
        if (perfectFit is not null) notes.Add(perfectFit);
        var wald = perfectFit is null ? CoefficientInference.WaldF(solution.Beta, variance.Vcov, names, variance.DfResid) : (double.NaN, double.NaN);
        return FitAssembly.Build(data, sample,
            new FitPieces(names, solution, yd, xd, vcovKind, variance, stats, wald, (iterations, converged), notes, phases.Done()), options);
    }

    /// <summary>The coefficients alone (names in solution order, estimates): the same singleton filter, demeaning,
    /// collinearity check and solve as <see cref="Fit"/>, so the same numbers to the last bit, without the FE degrees
    /// of freedom, the variance and the fit statistics. For resampling loops that only read point estimates.</summary>
    /// <exception cref="InvalidOperationException">No observation is left after the singleton filter.</exception>
    public static (IReadOnlyList<string> Names, double[] Beta) Estimates(EstimationData data, FeolsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new FeolsOptions();
        if (data.Endogenous.Count > 0)
        {
            var iv = Fit(data, options);
            return (iv.Coefficients.Select(c => c.Name).ToList(), iv.Coefficients.Select(c => c.Estimate).ToArray());
        }
        var sample = SingletonFilter.Apply(data, options.DropSingletons);
        if (sample.Rows == 0) throw DegenerateFit.EmptySample(data);
        var core = Solve(sample, options, [], new PhaseTimer());
        return (core.Names, core.Solution.Beta);
    }

    /// <summary>The coefficients of several regressions on one sample, each (names in solution order, estimates) the
    /// same to the last bit as <see cref="Estimates(EstimationData, FeolsOptions?)"/> on its own data: the singleton
    /// filter, the demeaning and the cross products, which treat every column (or pair) on its own, run once over y and
    /// every regressor of <paramref name="data"/>, and each model then takes its dependent variable and regressors from
    /// them by name.
    /// For resampling loops that fit several equations of one sample (the mediation bootstrap).</summary>
    /// <param name="data">The sample: its y and regressors are the columns the models choose from.</param>
    /// <param name="models">Each model's dependent variable and regressors, names of columns of <paramref name="data"/>.</param>
    /// <param name="options">As for one fit.</param>
    /// <exception cref="ArgumentException">A name is not a column of <paramref name="data"/>, or the data are an IV model.</exception>
    /// <exception cref="InvalidOperationException">No observation is left after the singleton filter.</exception>
    public static IReadOnlyList<(IReadOnlyList<string> Names, double[] Beta)> Estimates(
        EstimationData data, IReadOnlyList<(string Y, IReadOnlyList<string> X)> models, FeolsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(models);
        options ??= new FeolsOptions();
        if (data.Endogenous.Count > 0) throw new ArgumentException("models sharing one sample are fitted by least squares, not IV", nameof(data));
        var sample = SingletonFilter.Apply(data, options.DropSingletons);
        if (sample.Rows == 0) throw DegenerateFit.EmptySample(data);
        var (_, x, names) = WithIntercept(sample);
        List<string> columnNames = [sample.YName, .. names];
        var (partialled, _, _) = PartialOut(sample.FixedEffects, sample.Slopes, [sample.Y, .. x], options, []);
        var raw = new double[][] { sample.Y }.Concat(x).ToArray();
        int Column(string name) => columnNames.IndexOf(name) is var at and >= 0 ? at : throw new ArgumentException($"no column named {name} in the sample", nameof(models));
        // A cross product is the same number, bit for bit, whichever model's Gram matrix it is computed for: one Gram
        // matrix of every column serves them all.
        var pooled = LeastSquares.CrossProducts(partialled);
        var results = new List<(IReadOnlyList<string> Names, double[] Beta)>(models.Count);
        foreach (var (y, regressors) in models)
        {
            // The same column order as WithIntercept gives one model's own data.
            List<string> modelNames = sample.FixedEffects.Count > 0 ? [.. regressors] : [Intercept, .. regressors];
            var columns = modelNames.Select(Column).ToArray();
            int[] at = [Column(y), .. columns];
            var gramY = new double[at.Length, at.Length];
            for (var a = 0; a < at.Length; a++)
                for (var b = 0; b < at.Length; b++) gramY[a, b] = pooled[at[a], at[b]];
            var keptCols = Collinearity.Kept(columns.Select(c => raw[c]).ToArray(), SubGram(gramY), modelNames, options.CollinearityTolerance, []);
            results.Add((keptCols.Select(j => modelNames[j]).ToList(), LeastSquares.Coefficients(gramY, keptCols).Beta));
        }
        return results;
    }

    /// <summary>Partials the FEs out of [y, X] in the same passes, drops collinear columns and solves.</summary>
    /// <returns>y's spread (taken before the partialling), the names and partialled columns of the regressors kept, the
    /// Gram matrix of [ỹ, X̃], the solution and the demeaning's iterations.</returns>
    private static (DependentSpread Spread, List<string> Names, double[] Yd, double[][] Xd, double[,] GramY, LeastSquares.Solution Solution, int Iterations, bool Converged)
        Solve(EstimationData sample, FeolsOptions options, List<string> notes, PhaseTimer phases)
    {
        var (y, x, names) = WithIntercept(sample);
        // All that is needed of the raw columns is taken first: with ReuseColumns the partialling writes over them.
        var spread = DependentSpread.Of(y);
        var yardsticks = Collinearity.Yardsticks(x);
        var (partialled, iterations, converged) = PartialOut(sample.FixedEffects, sample.Slopes, [y, .. x], options, notes, options.ReuseColumns);
        var yd = partialled[0];
        var xd = partialled[1..];
        phases.Mark("demean");

        // One pass over [ỹ, X̃] gives X̃'X̃, X̃'ỹ and ỹ'ỹ together.
        var gramY = LeastSquares.CrossProducts([yd, .. xd]);
        var keptCols = Collinearity.Kept(yardsticks, SubGram(gramY), names, options.CollinearityTolerance, notes);
        xd = keptCols.Select(j => xd[j]).ToArray();
        names = keptCols.Select(j => names[j]).ToList();
        var solution = LeastSquares.Solve(gramY, keptCols, yd, xd);
        phases.Mark("solve");
        return (spread, names, yd, xd, gramY, solution, iterations, converged);
    }

    /// <summary>The regressors with an explicit constant first when no fixed effect absorbs it.</summary>
    internal static (double[] Y, double[][] X, List<string> Names) WithIntercept(EstimationData sample)
    {
        var names = sample.XNames.ToList();
        var x = sample.X.ToArray();
        if (sample.FixedEffects.Count > 0) return (sample.Y, x, names);
        var ones = new double[sample.Rows];
        Array.Fill(ones, 1.0);
        names.Insert(0, Intercept);
        return (sample.Y, [ones, .. x], names);
    }

    /// <summary>Every column minus its projection on the fixed effects (the columns themselves without any), all
    /// columns in the same passes.</summary>
    /// <remarks>With <paramref name="overwrite"/> the partialled values may go over <paramref name="columns"/> (not with varying slopes).</remarks>
    internal static (double[][] Columns, int Iterations, bool Converged) PartialOut(
        IReadOnlyList<Factor> fe, IReadOnlyList<VaryingSlope?> slopes, double[][] columns, FeolsOptions options, List<string> notes, bool overwrite = false)
    {
        if (fe.Count == 0) return (columns, 0, true);
        var result = slopes.Count > 0
            ? new SlopeDemeaner(fe, slopes).Demean(columns, Math.Min(options.Tolerance, SlopeTolerance), options.MaxIterations)
            : new Demeaner(fe, options.Threads).Demean(columns, options.Tolerance, options.MaxIterations, options.Algorithm, overwrite);
        if (!result.Converged)
            notes.Add($"demeaning did NOT converge in {result.Iterations} iterations (tol {options.Tolerance:G}); estimates are approximate");
        return (result.Columns, result.Iterations, result.Converged);
    }

    /// <summary>The X̃'X̃ block of the Gram matrix of [ỹ, X̃].</summary>
    private static double[,] SubGram(double[,] gramY)
    {
        var k = gramY.GetLength(0) - 1;
        var g = new double[k, k];
        for (var a = 0; a < k; a++)
            for (var b = 0; b < k; b++) g[a, b] = gramY[a + 1, b + 1];
        return g;
    }
}
