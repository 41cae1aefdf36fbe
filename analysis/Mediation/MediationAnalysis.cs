using System.Collections.Concurrent;
using System.Diagnostics;
using MathNet.Numerics.Distributions;
using Warehouse.Analysis.Data;
using Warehouse.Analysis.Estimation;

namespace Warehouse.Analysis.Mediation;

/// <summary>Mechanism (mediation) analysis in the three-equation form of Baron and Kenny with fixed effects:
/// (1) y = c·x + controls + FE, (2) M = a·x + controls + FE, (3) y = c'·x + b·M + controls + FE, on the same sample
/// and with the same variance estimator; the indirect effect a·b with its Sobel (delta-method) standard error and a
/// seeded cluster-bootstrap percentile interval.</summary>
/// <remarks>Errors: <see cref="ArgumentException"/> when the mediator is also a regressor or lengths differ;
/// <see cref="InvalidOperationException"/> when the treatment or the mediator is dropped as collinear.</remarks>
public static class MediationAnalysis
{
    public static MediationResult Estimate(MediationInput input, MediationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        options ??= new MediationOptions();
        var data = input.Data;
        if (data.X.Count == 0) throw new ArgumentException("mediation needs the treatment as the first regressor");
        if (input.M.Length != data.Rows) throw new ArgumentException("the mediator needs one value per row");
        if (data.XNames.Contains(input.Mediator) || data.YName == input.Mediator)
            throw new ArgumentException($"the mediator {input.Mediator} must not also be the outcome or a regressor");
        if (options.Bootstrap < 0) throw new ArgumentException("bootstrap replications cannot be negative");
        var treatment = data.XNames[0];

        var (total, mediator, outcome) = Equations(data, input.Mediator, input.M);
        var fits = (Total: Feols.Fit(total, options.Fit), Mediator: Feols.Fit(mediator, options.Fit), Outcome: Feols.Fit(outcome, options.Fit));
        Require(fits.Total, treatment, "(1) y on x");
        Require(fits.Mediator, treatment, "(2) M on x");
        Require(fits.Outcome, treatment, "(3) y on x and M");
        Require(fits.Outcome, input.Mediator, "(3) y on x and M");
        var a = fits.Mediator[treatment];
        var b = fits.Outcome[input.Mediator];
        var se = SobelSe(a.Estimate, a.StdError, b.Estimate, b.StdError);
        var z = a.Estimate * b.Estimate / se;
        return new MediationResult
        {
            Treatment = treatment,
            Mediator = input.Mediator,
            Total = fits.Total,
            MediatorEquation = fits.Mediator,
            Outcome = fits.Outcome,
            SobelSe = se,
            SobelP = 2 * Normal.CDF(0, 1, -Math.Abs(z)),
            Bootstrap = options.Bootstrap > 0 ? ClusterBootstrap(input, options) : null,
        };
    }

    /// <summary>Sobel's first-order delta-method standard error of a·b: √(b²·se(a)² + a²·se(b)²) (the covariance of
    /// a and b, from different equations, taken as zero).</summary>
    public static double SobelSe(double a, double seA, double b, double seB) => Math.Sqrt((b * b * seA * seA) + (a * a * seB * seB));

    /// <summary>The three equations' data: (1) y on X, (2) M on X, (3) y on [x, M, controls].</summary>
    internal static (EstimationData Total, EstimationData Mediator, EstimationData Outcome) Equations(EstimationData data, string name, double[] m)
    {
        var total = data;
        var mediator = new EstimationData(name, m, data.XNames, data.X, data.FixedEffects, data.Clusters);
        List<string> names = [data.XNames[0], name, .. data.XNames.Skip(1)];
        List<double[]> cols = [data.X[0], m, .. data.X.Skip(1)];
        var outcome = new EstimationData(data.YName, data.Y, names, cols, data.FixedEffects, data.Clusters);
        return (total, mediator, outcome);
    }

    private static void Require(FitResult fit, string name, string equation)
    {
        if (fit.Coefficients.All(c => c.Name != name))
            throw new InvalidOperationException($"mediation: {name} was dropped as collinear in equation {equation}");
    }

    /// <summary>The estimate named <paramref name="name"/>; NaN when it was dropped as collinear.</summary>
    private static double Estimate((IReadOnlyList<string> Names, double[] Beta) fit, string name)
    {
        for (var j = 0; j < fit.Names.Count; j++)
            if (fit.Names[j] == name) return fit.Beta[j];
        return double.NaN;
    }

    private static MediationBootstrap ClusterBootstrap(MediationInput input, MediationOptions options)
    {
        var clock = Stopwatch.StartNew();
        var data = input.Data;
        var cluster = data.Clusters.Count > 0 ? data.Clusters[0]
            : data.FixedEffects.Count > 0 ? data.FixedEffects[0]
            : new Factor("row", Enumerable.Range(0, data.Rows).ToArray(), data.Rows);
        var members = Enumerable.Range(0, cluster.Levels).Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < data.Rows; i++) members[cluster.Codes[i]].Add(i);
        var nested = data.FixedEffects.Select(f => f.IsNestedIn(cluster)).ToArray();
        var g = cluster.Levels;
        var rng = new Random(options.Seed);
        var draws = new int[options.Bootstrap][];
        for (var r = 0; r < draws.Length; r++)
        {
            draws[r] = new int[g];
            for (var j = 0; j < g; j++) draws[r][j] = rng.Next(g);
        }
        var fitOptions = options.Fit with { Vcov = VcovKind.Iid };
        var treatment = data.XNames[0];
        // Equations (2) and (3) of every draw, fitted on one resampled sample whose columns are demeaned once.
        List<string> pool = [input.Mediator, .. data.XNames];
        (string, IReadOnlyList<string>)[] models =
        [
            (input.Mediator, data.XNames),
            (data.YName, [treatment, input.Mediator, .. data.XNames.Skip(1)]),
        ];
        var values = new double[draws.Length];
        // A draw is two small fits: every core gets ranges of draws rather than one draw at a time.
        Parallel.ForEach(Partitioner.Create(0, draws.Length, Math.Max(1, draws.Length / (4 * Environment.ProcessorCount))), range =>
        {
            var rows = new List<int>(data.Rows);
            var copies = new List<int>(data.Rows);
            var resampled = data.FixedEffects.Select(f => new ResampledFactor(f)).ToArray();
            for (var r = range.Item1; r < range.Item2; r++)
            {
                rows.Clear();
                copies.Clear();
                for (var j = 0; j < g; j++)
                {
                    foreach (var i in members[draws[r][j]])
                    {
                        rows.Add(i);
                        copies.Add(j);
                    }
                }
                var idx = rows.ToArray();
                double[] Take(double[] a)
                {
                    var taken = new double[idx.Length];
                    for (var p = 0; p < idx.Length; p++) taken[p] = a[idx[p]];
                    return taken;
                }
                var fes = new Factor[resampled.Length];
                for (var k = 0; k < fes.Length; k++)
                    fes[k] = nested[k] ? resampled[k].PerCopy(idx, copies) : resampled[k].Rows(idx);
                var sample = new EstimationData(data.YName, Take(data.Y), pool, [Take(input.M), .. data.X.Select(Take)], fes, []);
                try
                {
                    // Only the two point estimates are read, so the fits skip the variance and the fit statistics.
                    var fits = Feols.Estimates(sample, models, fitOptions);
                    values[r] = Estimate(fits[0], treatment) * Estimate(fits[1], input.Mediator);
                }
                catch (InvalidOperationException)
                {
                    values[r] = double.NaN;
                }
            }
        });
        var ok = values.Where(double.IsFinite).ToArray();
        var failed = values.Length - ok.Length;
        if (ok.Length == 0) throw new InvalidOperationException("mediation bootstrap: no draw could be estimated");
        Array.Sort(ok);
        var alpha = 1 - options.ConfidenceLevel;
        var mean = ok.Average();
        var sd = ok.Length > 1 ? Math.Sqrt(ok.Sum(v => (v - mean) * (v - mean)) / (ok.Length - 1)) : double.NaN;
        return new MediationBootstrap(options.Bootstrap, options.Seed, cluster.Name, g,
            Winsorizer.Quantile(ok, alpha / 2), Winsorizer.Quantile(ok, 1 - (alpha / 2)), sd, failed, clock.Elapsed.TotalSeconds);
    }
}
