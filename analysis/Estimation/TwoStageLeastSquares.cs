using MathNet.Numerics.Distributions;
using Warehouse.Analysis.Data;
using Warehouse.Analysis.Estimation.Variance;

namespace Warehouse.Analysis.Estimation;

/// <summary>Two-stage least squares with absorbed fixed effects (fixest's <c>feols(y ~ exo | fe | endo ~ inst)</c>):
/// every column partialled out once, each endogenous regressor fitted on the exogenous regressors and the excluded
/// instruments, then y on the fitted values and the exogenous regressors.</summary>
/// <remarks>Residuals use the actual endogenous regressors; the sandwich's scores and bread use the fitted ones, as
/// fixest and ivreg2 do. Each first stage reports fixest's <c>ivf1</c> (F test of the excluded instruments, iid) and
/// <c>ivwald1</c> (their Wald test with the model's variance type); all first stages together give the
/// Kleibergen–Paap rk Wald F and, when over-identified, Sargan's or Hansen's J (<see cref="IvDiagnostics"/>).</remarks>
internal static class TwoStageLeastSquares
{
    public static FitResult Fit(EstimationData data, FeolsOptions options, bool reducedForm)
    {
        var notes = new List<string>();
        var phases = new PhaseTimer();
        var sample = SingletonFilter.Apply(data, options.DropSingletons);
        phases.Mark("singletons");
        var fe = sample.FixedEffects;
        var (y, exo, exoNames) = Feols.WithIntercept(sample);
        var m = sample.Endogenous.Count;
        var q = sample.Instruments.Count;
        if (q < m) throw new ArgumentException($"IV needs at least as many instruments as endogenous regressors ({q} for {m})");
        var n = sample.Rows;
        if (n == 0) throw DegenerateFit.EmptySample(data);

        // [y, exo, endo, inst] partialled out together.
        var (all, iterations, converged) = Feols.PartialOut(fe, sample.Slopes, [y, .. exo, .. sample.Endogenous, .. sample.Instruments], options, notes);
        var yd = all[0];
        var exoD = all[1..(1 + exo.Length)];
        var endoD = all[(1 + exo.Length)..(1 + exo.Length + m)];
        var instD = all[(1 + exo.Length + m)..];
        phases.Mark("demean");
        // The instruments net of the exogenous regressors (and FEs): what identifies the endogenous ones.
        var instNet = instD.Select(z => Solve(z, exoD).Residuals).ToArray();
        RequireVariation(instNet, sample.Instruments, sample.InstrumentNames);

        var feDf = FixedEffectDegrees.PerEffect(fe, sample.Slopes);
        var vcovKind = options.Vcov ?? (sample.Clusters.Count > 0 ? VcovKind.Cluster : VcovKind.Iid);
        VcovInput Input(double[][] scores, LeastSquares.Solution s) => VcovInput.Of(sample, options, feDf, scores, s);

        // First stages: endo_j on [exo, inst]; the restricted fit on exo alone gives ivf1.
        double[][] w = [.. exoD, .. instD];
        var wNames = exoNames.Concat(sample.InstrumentNames).ToList();
        var instIdx = Enumerable.Range(exoD.Length, q).ToArray();
        var fitted = new double[m][];
        var firstStages = new List<FirstStageResult>();
        var pi = new double[m][];
        var firstResiduals = new double[m][];
        var dfFirst = 0;
        for (var j = 0; j < m; j++)
        {
            var first = Solve(endoD[j], w);
            fitted[j] = new double[n];
            for (var i = 0; i < n; i++) fitted[j][i] = endoD[j][i] - first.Residuals[i];
            var restricted = Solve(endoD[j], exoD);
            dfFirst = n - FirstStageK(Input(w, first), vcovKind);
            var f = (restricted.Rss - first.Rss) / q / (first.Rss / dfFirst);
            var v = VarianceEstimator.Compute(vcovKind, Input(w, first));
            var (wald, waldP) = CoefficientInference.Wald(first.Beta, v.Vcov, instIdx, v.DfResid);
            firstStages.Add(new FirstStageResult(sample.EndogenousNames[j],
                CoefficientInference.Table(wNames, first.Beta, v.Vcov, v.DfResid, options.ConfidenceLevel),
                f, 1 - FisherSnedecor.CDF(q, dfFirst, f), wald, waldP, q, dfFirst));
            pi[j] = instIdx.Select(a => first.Beta[a]).ToArray();
            firstResiduals[j] = first.Residuals;
        }

        IReadOnlyList<Coefficient>? reduced = null;
        if (reducedForm)
        {
            var rf = Solve(yd, w);
            var v = VarianceEstimator.Compute(vcovKind, Input(w, rf));
            reduced = CoefficientInference.Table(wNames, rf.Beta, v.Vcov, v.DfResid, options.ConfidenceLevel);
        }

        // Second stage on [x̂, exo]; residuals with the actual endogenous regressors.
        double[][] xHat = [.. fitted, .. exoD];
        double[][] xAct = [.. endoD, .. exoD];
        var names = sample.EndogenousNames.Concat(exoNames).ToList();
        var second = Solve(yd, xHat);
        var (e, rss) = LeastSquares.Residuals(yd, xAct, second.Beta);
        var solution = second with { Residuals = e, Rss = rss };
        phases.Mark("solve");
        var input = Input(xHat, solution);
        var variance = VarianceEstimator.Compute(vcovKind, input);
        notes.AddRange(variance.Notes);
        phases.Mark("vcov");

        // The diagnostics that look at every first stage at once: the instruments net of the exogenous regressors.
        var kp = IvDiagnostics.KleibergenPaap(instNet, pi, firstResiduals, vcovKind, input with { CountedRegressors = w.Length }, dfFirst);
        var overid = IvDiagnostics.Overidentification(yd, xAct, w, e, vcovKind, input);
        phases.Mark("diagnostics");

        var stats = FitStatistics.Compute(sample.Y, rss, LeastSquares.Dot(yd, yd), names.Count + feDf.Sum(), feDf.Sum(), fe.Count > 0);
        var waldAll = CoefficientInference.WaldF(solution.Beta, variance.Vcov, names, variance.DfResid);
        return FitAssembly.Build(data, sample,
            new FitPieces(names, solution, yd, xHat, vcovKind, variance, stats, waldAll, (iterations, converged), notes, phases.Done())
            {
                Iv = new IvResult(sample.EndogenousNames, sample.InstrumentNames, firstStages, reduced) { KleibergenPaap = kp, Overidentification = overid },
            },
            options);
    }

    /// <summary>K of ivf1's denominator, as fixest's residual degrees of freedom: the K of the variance's small-sample
    /// rule (with a cluster variance, FEs nested in a cluster left out), else every FE degree of freedom.</summary>
    private static int FirstStageK(VcovInput input, VcovKind kind) =>
        kind == VcovKind.Cluster ? ClusterVcov.KForCluster(input) : input.KFull;

    /// <summary>Refuses an instrument with no variation left once the exogenous regressors and FEs are partialled out
    /// (e.g. an instrument that is also in --x, a multiple of one, or constant within an FE): it identifies nothing,
    /// and its first-stage statistics would be 0/0.</summary>
    /// <exception cref="ArgumentException">Names the first such instrument.</exception>
    private static void RequireVariation(double[][] net, IReadOnlyList<double[]> raw, IReadOnlyList<string> names)
    {
        for (var k = 0; k < net.Length; k++)
        {
            var total = LeastSquares.Dot(raw[k], raw[k]);
            if (LeastSquares.Dot(net[k], net[k]) <= 1e-10 * total)
            {
                throw new ArgumentException($"instrument {names[k]} is collinear with the exogenous regressors (--x) and fixed effects: " +
                                            "it adds no variation to identify the endogenous regressors; drop it or use another");
            }
        }
    }

    private static LeastSquares.Solution Solve(double[] y, double[][] x)
    {
        var gram = LeastSquares.CrossProducts([y, .. x]);
        return LeastSquares.Solve(gram, Enumerable.Range(0, x.Length).ToArray(), y, x);
    }
}

/// <summary>What an IV fit adds: the instrumenting, each first stage with its diagnostics, the reduced form when asked.</summary>
public sealed record IvResult(
    IReadOnlyList<string> Endogenous, IReadOnlyList<string> Instruments, IReadOnlyList<FirstStageResult> FirstStages,
    IReadOnlyList<Coefficient>? ReducedForm)
{
    /// <summary>Kleibergen–Paap rk Wald F of all first stages together (see <see cref="IvDiagnostics"/>).</summary>
    public required WeakIdentificationTest KleibergenPaap { get; init; }

    /// <summary>Sargan (iid) or Hansen's J test of the over-identifying restrictions; null when exactly identified.</summary>
    public OveridentificationTest? Overidentification { get; init; }
}

/// <summary>One first stage: the endogenous regressor on the exogenous regressors and the excluded instruments.</summary>
/// <param name="Endogenous">The regressor instrumented.</param>
/// <param name="Coefficients">Its fit on the exogenous regressors, then the instruments (model's variance type).</param>
/// <param name="F">fixest's <c>ivf1</c>: F test that the excluded instruments' coefficients are zero (iid, from the
/// restricted and unrestricted sums of squares), on (<paramref name="Df1"/>, <paramref name="Df2"/>) degrees of freedom.</param>
/// <param name="FP">p-value of <paramref name="F"/>.</param>
/// <param name="WaldF">fixest's <c>ivwald1</c>: the same hypothesis as a Wald test with the model's variance type.</param>
/// <param name="WaldP">p-value of <paramref name="WaldF"/> (on the variance type's degrees of freedom).</param>
/// <param name="Df1">Instruments excluded (numerator degrees of freedom).</param>
/// <param name="Df2">N − K of the first stage, K counting every FE degree of freedom.</param>
public sealed record FirstStageResult(
    string Endogenous, IReadOnlyList<Coefficient> Coefficients, double F, double FP, double WaldF, double WaldP, int Df1, int Df2);
