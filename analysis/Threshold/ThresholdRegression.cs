using System.Globalization;
using Warehouse.Analysis.Data;
using Warehouse.Analysis.Estimation;

namespace Warehouse.Analysis.Threshold;

/// <summary>Fixed-effects panel threshold regression as in Hansen (1999, J. Econometrics 93:345–368) and his own
/// program (which Stata <c>xthreg</c> follows):
/// y_it = μ_i + β'x_it + θ₁'c_it·1{q_it &lt; γ₁} + θ₂'c_it·1{γ₁ ≤ q_it &lt; γ₂} + … + e_it.</summary>
/// <remarks>
/// <para>Estimation is the within (fixed-effects) estimator for every candidate γ, so the SSR at the estimate is the
/// SSR of an ordinary FE regression with the regime split. Thresholds are found sequentially: the single threshold,
/// the second given the first, the first re-estimated given the second (Hansen's refinement), the third given both.
/// Each search runs over the grid of <see cref="ThresholdGrid"/> minus Hansen's windows around thresholds already
/// found.</para>
/// <para>Where packages differ, this follows Hansen's program: (1) the search demeans within unit and deletes each
/// unit's last period (his Y*, X*; <see cref="ThresholdTransform.Within"/> searches the plain FE regression
/// instead), and the LR and F statistics are scaled by n(T−1) (σ̂² = SSR/(n(T−1))), not by N·T or N − K; (2) the
/// lower regime is q &lt; γ (strict) and the upper q ≥ γ, while some packages split at q ≤ γ; (3) candidates are
/// quantiles of the distinct values of q, not of all N observations. The regime coefficients and their standard
/// errors come from the plain fixed-effects regression at the thresholds found (as xthreg's <c>xtreg, fe</c>), with
/// the variance the options ask for.</para>
/// <para>Errors: <see cref="ArgumentException"/> for settings out of range or a panel without a unit fixed effect;
/// <see cref="InvalidOperationException"/> for an unbalanced panel under the bootstrap, collinear regressors, or an
/// empty grid.</para>
/// </remarks>
public static class ThresholdRegression
{
    public static ThresholdResult Estimate(ThresholdInput input, ThresholdOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        options ??= new ThresholdOptions();
        if (options.Thresholds is < 1 or > 3) throw new ArgumentException($"the number of thresholds must be 1, 2 or 3 (got {options.Thresholds})");
        if (options.ConfidenceLevel is <= 0 or >= 1) throw new ArgumentException($"the confidence level must lie in (0, 1) (got {options.ConfidenceLevel})");
        if (options.Bootstrap < 0) throw new ArgumentException("bootstrap replications cannot be negative");
        foreach (var t in options.Trim)
            if (t is <= 0 or >= 0.5) throw new ArgumentException($"the trimming share must lie in (0, 0.5) (got {t})");
        if (input.Regime.Count == 0) throw new ArgumentException("at least one regime-dependent regressor is needed");
        if (input.Regime.Count != input.RegimeNames.Count) throw new ArgumentException("one name per regime-dependent regressor is required");
        var data = input.Data;
        if (data.FixedEffects.Count == 0) throw new ArgumentException("the panel threshold model needs the unit fixed effect (the first --fe)");
        if (input.Q.Length != data.Rows || input.Regime.Any(r => r.Length != data.Rows) || (input.Time is { } tm && tm.Length != data.Rows))
            throw new ArgumentException("the threshold variable, regime regressors and time need one value per row");

        // Singletons go first, so the search and the final fit use the same rows.
        var sample = Subset(input, options.Fit.DropSingletons ? SingletonFilter.KeptRows(data.FixedEffects, data.Rows) : null);
        var sdata = sample.Data;
        var unit = sdata.FixedEffects[0];
        var counts = unit.Counts();
        var balanced = counts.All(c => c == counts[0]);
        var scale = sdata.Rows - unit.Levels;
        if (scale <= 0) throw new InvalidOperationException("every unit has a single period: there is no within variation");

        var sortedQ = (double[])sample.Q.Clone();
        Array.Sort(sortedQ);
        var grid = ThresholdGrid.Build(sortedQ, options.Grid, options.TrimOf(0));
        var deleted = options.Transform == ThresholdTransform.Hansen ? LastPeriods(unit, sample.Time) : null;
        var search = new ThresholdSearch(sdata.FixedEffects, sdata.Y, sdata.X, sample.Regime, sample.Q, grid, options.Fit, deleted);
        var crit = -2 * Math.Log(1 - Math.Sqrt(options.ConfidenceLevel));
        var bootstrap = options.Bootstrap > 0 ? new ThresholdBootstrapper(search, unit, sample.Time, scale, balanced, options.Fit.Threads) : null;

        ThresholdEstimate Interval(string name, SearchOutcome s)
        {
            double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
            for (var g = 0; g < grid.Count; g++)
            {
                if (double.IsNaN(s.Ssr[g])) continue;
                if (((s.Ssr[g] / s.BestSsr) - 1) * scale < crit)
                {
                    lo = Math.Min(lo, grid.Values[g]);
                    hi = Math.Max(hi, grid.Values[g]);
                }
            }
            return new ThresholdEstimate(name, grid.Values[s.Best], lo, hi);
        }

        ThresholdBootstrap? Boot(IReadOnlyList<int> found, double trim, double f, int search) =>
            bootstrap?.Test(found, trim, f, options.Bootstrap, unchecked(options.Seed + search));

        var models = new List<ThresholdModel>();
        var linear = search.FitFixed(search.Y, []).Ssr;

        // Single threshold.
        var trim1 = options.TrimOf(0);
        var s1 = search.Search(search.Y, [], null);
        var f1 = ((s1.NullSsr / s1.BestSsr) - 1) * scale;
        models.Add(new ThresholdModel(1, [Interval("Th-1", s1)], s1.BestSsr, s1.NullSsr, f1, trim1, Boot([], trim1, f1, 0)));
        List<int> found = [s1.Best];
        var finalSsr = s1.BestSsr;

        if (options.Thresholds >= 2)
        {
            var trim2 = options.TrimOf(1);
            var s2 = search.Search(search.Y, found, grid.Excluded(found, trim2));
            var f2 = ((s2.NullSsr / s2.BestSsr) - 1) * scale;
            var boot2 = Boot(found, trim2, f2, 1);
            // Refinement: the first threshold again, given the second.
            var refined = search.Search(search.Y, [s2.Best], grid.Excluded([s2.Best], trim2));
            models.Add(new ThresholdModel(2, [Interval("Th-21", refined), Interval("Th-22", s2)], refined.BestSsr, s2.NullSsr, f2, trim2, boot2));
            found = [refined.Best, s2.Best];
            finalSsr = refined.BestSsr;
        }
        if (options.Thresholds == 3)
        {
            var trim3 = options.TrimOf(2);
            var s3 = search.Search(search.Y, found, grid.Excluded(found, trim3));
            var f3 = ((s3.NullSsr / s3.BestSsr) - 1) * scale;
            models.Add(new ThresholdModel(3, [Interval("Th-3", s3)], s3.BestSsr, s3.NullSsr, f3, trim3, Boot(found, trim3, f3, 2)));
            found = [.. found, s3.Best];
            finalSsr = s3.BestSsr;
        }

        var thresholds = found.Select(g => grid.Values[g]).Distinct().OrderBy(v => v).ToArray();
        // The final fit starts from the rows as given, so it reports the singletons it drops (the same ones).
        var regimes = RegimeSplit(sample, thresholds).Regimes;
        var fit = Feols.Fit(RegimeSplit(input, thresholds).Data, options.Fit);
        return new ThresholdResult
        {
            Variable = input.Variable,
            Transform = options.Transform,
            RegimeX = input.RegimeNames,
            Units = unit.Levels,
            Periods = balanced ? counts[0] : null,
            Scale = scale,
            Quantiles = options.Grid,
            GridPoints = grid.Count,
            DistinctValues = grid.Distinct,
            ConfidenceLevel = options.ConfidenceLevel,
            LrCritical = crit,
            SsrLinear = linear,
            Models = models,
            Thresholds = thresholds,
            Regimes = regimes,
            Ssr = finalSsr,
            Fit = fit,
        };
    }

    /// <summary>The regime regressors of the final model: c·1{regime j} for each regime, named
    /// <c>c[q&lt;γ1]</c>, <c>c[γ1&lt;=q&lt;γ2]</c>, <c>c[q&gt;=γk]</c> (γ printed with up to 6 significant digits).</summary>
    internal static (EstimationData Data, IReadOnlyList<ThresholdRegime> Regimes) RegimeSplit(ThresholdInput sample, IReadOnlyList<double> thresholds)
    {
        var data = sample.Data;
        var names = data.XNames.ToList();
        var columns = data.X.ToList();
        var regimes = new List<ThresholdRegime>();
        for (var r = 0; r <= thresholds.Count; r++)
        {
            double? lower = r == 0 ? null : thresholds[r - 1];
            double? upper = r == thresholds.Count ? null : thresholds[r];
            var inRegime = sample.Q.Select(v => (lower is null || v >= lower) && (upper is null || v < upper)).ToArray();
            regimes.Add(new ThresholdRegime(r + 1, lower, upper, inRegime.Count(b => b)));
            var label = (lower, upper) switch
            {
                (null, { } u) => $"{sample.Variable}<{G(u)}",
                ({ } l, null) => $"{sample.Variable}>={G(l)}",
                ({ } l, { } u) => $"{G(l)}<={sample.Variable}<{G(u)}",
                _ => sample.Variable,
            };
            for (var j = 0; j < sample.Regime.Count; j++)
            {
                var c = sample.Regime[j];
                names.Add($"{sample.RegimeNames[j]}[{label}]");
                columns.Add(c.Select((v, i) => inRegime[i] ? v : 0.0).ToArray());
            }
        }
        var split = new EstimationData(data.YName, data.Y, names, columns, data.FixedEffects, data.Clusters)
        {
            RowsDroppedMissing = data.RowsDroppedMissing,
        };
        return (split, regimes);
    }

    /// <summary>Each unit's last period (latest time; the last row when no time is given).</summary>
    private static bool[] LastPeriods(Factor unit, double[]? time)
    {
        var last = new int[unit.Levels];
        Array.Fill(last, -1);
        for (var i = 0; i < unit.Codes.Length; i++)
        {
            ref var l = ref last[unit.Codes[i]];
            if (l < 0 || time is null || time[i] >= time[l]) l = i;
        }
        var deleted = new bool[unit.Codes.Length];
        foreach (var l in last) deleted[l] = true;
        return deleted;
    }

    private static string G(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    private static ThresholdInput Subset(ThresholdInput input, int[]? keep)
    {
        if (keep is null) return input;
        var d = input.Data;
        double[] Take(double[] a) => keep.Select(i => a[i]).ToArray();
        var data = new EstimationData(d.YName, Take(d.Y), d.XNames, d.X.Select(Take).ToArray(),
            d.FixedEffects.Select(f => f.Subset(keep)).ToArray(), d.Clusters.Select(c => c.Subset(keep)).ToArray())
        {
            RowsDroppedMissing = d.RowsDroppedMissing,
        };
        return input with
        {
            Data = data,
            Q = Take(input.Q),
            Regime = input.Regime.Select(Take).ToArray(),
            Time = input.Time is null ? null : Take(input.Time),
        };
    }
}
