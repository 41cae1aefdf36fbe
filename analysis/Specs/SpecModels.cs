using System.Globalization;
using Warehouse.Analysis.Data;
using Warehouse.Analysis.Mediation;
using Warehouse.Analysis.Threshold;

namespace Warehouse.Analysis.Specs;

/// <summary>Runs the models a spec may ask for instead of one regression: <see cref="ModelSpec.Threshold"/> and
/// <see cref="ModelSpec.Mediation"/> (the same road for <c>estimate</c> and the report).</summary>
public static class SpecModels
{
    /// <summary>Columns those models read beyond y, x, fe and cluster (the time column orders a unit's periods).</summary>
    public static IReadOnlyList<string> ExtraColumns(ModelSpec spec, ModelSettings settings)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(settings);
        if (spec.Threshold is not null && spec.Mediation is not null)
            throw new ArgumentException($"spec {spec.Name}: threshold and mediation are separate analyses; give one");
        if (spec.Threshold is { } t) return [t.Variable, .. t.RegimeX, settings.Time];
        if (spec.Mediation is { } m) return [m.Mediator];
        return [];
    }

    /// <summary>The threshold model or the mediation analysis on loaded data. The outcome's <see cref="SpecOutcome.Fit"/>
    /// is the final threshold model (regime coefficients) or the mediation's outcome equation (3). Rows with a missing
    /// threshold, regime or mediator value are left out, and <c>dropped</c> is told how many.</summary>
    public static SpecOutcome Run(EstimationData data, ModelSpec spec, ModelSettings settings, Action<string>? dropped = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(settings);
        var fit = settings.Fit with { Vcov = spec.Vcov };
        if (spec.Threshold is { } t)
        {
            if (t.RegimeX.Count == 0) throw new ArgumentException("the threshold model needs regime-dependent regressors (--regime-x / regime_x)");
            var (sample, cols) = Complete(data, [t.Variable, .. t.RegimeX, settings.Time], dropped);
            var result = ThresholdRegression.Estimate(new ThresholdInput(sample, t.Variable, cols[0], t.RegimeX, cols[1..^1], cols[^1]), t.Options(settings, fit));
            return new SpecOutcome(spec, result.Fit, [], null, sample.RowsDroppedMissing) { Threshold = result };
        }
        if (spec.Mediation is { } m)
        {
            var (sample, cols) = Complete(data, [m.Mediator], dropped);
            var result = MediationAnalysis.Estimate(new MediationInput(sample, m.Mediator, cols[0]),
                new MediationOptions { Bootstrap = m.Bootstrap, Seed = settings.Seed, Fit = fit });
            return new SpecOutcome(spec, result.Outcome, [], null, sample.RowsDroppedMissing) { Mediation = result };
        }
        throw new ArgumentException($"spec {spec.Name} asks for neither a threshold model nor a mediation analysis");
    }

    /// <summary>The named columns (regressors, extra columns, or a numeric id column) and the sample without rows
    /// where any of them is missing.</summary>
    private static (EstimationData Data, double[][] Columns) Complete(EstimationData data, IReadOnlyList<string> names, Action<string>? dropped)
    {
        var cols = names.Select(n => Column(data, n)).ToArray();
        var keep = Enumerable.Range(0, data.Rows).Where(i => cols.All(c => double.IsFinite(c[i]))).ToArray();
        if (keep.Length == data.Rows) return (data, cols);
        dropped?.Invoke($"{data.Rows - keep.Length} rows with a missing {string.Join("/", names.Distinct())} dropped");
        double[] Take(double[] a) => keep.Select(i => a[i]).ToArray();
        var sample = new EstimationData(data.YName, Take(data.Y), data.XNames, data.X.Select(Take).ToArray(),
            data.FixedEffects.Select(f => f.Subset(keep)).ToArray(), data.Clusters.Select(c => c.Subset(keep)).ToArray())
        {
            RowsDroppedMissing = data.RowsDroppedMissing + (data.Rows - keep.Length),
        };
        return (sample, cols.Select(Take).ToArray());
    }

    private static double[] Column(EstimationData data, string name)
    {
        var x = data.XNames.ToList().IndexOf(name);
        if (x >= 0) return data.X[x];
        if (name == data.YName) return data.Y;
        if (data.Extra.TryGetValue(name, out var extra)) return extra;
        var id = data.FixedEffects.Concat(data.Clusters).FirstOrDefault(f => f.Name == name);
        if (id?.Labels is { } labels)
        {
            var values = labels.Select(l => double.TryParse(l, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN).ToArray();
            if (values.All(double.IsFinite)) return id.Codes.Select(c => values[c]).ToArray();
        }
        throw new ArgumentException($"column {name} is not numeric or was not read");
    }
}
