using System.Data.Common;
using Warehouse.Analysis.Data;
using Warehouse.Analysis.Estimation;
using Warehouse.Analysis.Inference;

namespace Warehouse.Analysis.Specs;

/// <summary>Runs one <see cref="ModelSpec"/>: the same road for <c>estimate</c> and the report (which columns to
/// read, winsorising, the fit, the bootstrap, the turning point).</summary>
public static class ModelRunner
{
    /// <summary>The columns and rows <paramref name="spec"/> needs.</summary>
    public static PanelRequest Request(ModelSpec spec, ModelSettings settings)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(settings);
        return new PanelRequest(spec.Y, spec.X, spec.Fe, spec.Cluster, spec.Where)
        {
            Lags = spec.Lag,
            Unit = settings.Unit,
            Time = settings.Time,
        };
    }

    /// <summary>Loads <paramref name="spec"/>'s data from an open warehouse connection and runs it.</summary>
    public static SpecOutcome Run(DbConnection connection, ModelSpec spec, ModelSettings settings)
    {
        var data = PanelLoader.FromConnection(connection, spec.View, Request(spec, settings));
        var fit = Estimate(data, spec, settings);
        return Test(fit, data, spec, settings);
    }

    /// <summary>The fit of <paramref name="spec"/> on loaded data (y winsorised first when the spec says so).</summary>
    public static FitResult Estimate(EstimationData data, ModelSpec spec, ModelSettings settings)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(settings);
        if (spec.WinsorizeY is { } share)
            data = new EstimationData(data.YName, Winsorizer.Apply(data.Y, share), data.XNames, data.X, data.FixedEffects, data.Clusters)
            {
                RowsDroppedMissing = data.RowsDroppedMissing,
            };
        return Feols.Fit(data, settings.Fit with { Vcov = spec.Vcov });
    }

    /// <summary>The bootstrap tests and the turning point of a fit, as the spec asks.</summary>
    public static SpecOutcome Test(FitResult fit, EstimationData data, ModelSpec spec, ModelSettings settings)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(settings);
        var boot = new List<BootstrapResult>();
        if (spec.Bootstrap)
        {
            var terms = settings.BootstrapEveryCoefficient ? fit.Coefficients.Select(c => c.Name).ToList() : [spec.X[0]];
            foreach (var w in settings.Weights)
            {
                var options = new WildBootstrapOptions { Replications = settings.Replications, Seed = settings.Seed, Weights = w };
                boot.AddRange(terms.Select(t => WildBootstrap.Test(fit, t, options)));
            }
        }

        NonlinearityResult? nl = null;
        if (spec.TurningPoint is [var linear, var squared])
        {
            var column = data.X[data.XNames.ToList().IndexOf(linear)];
            nl = Nonlinearity.Analyse(fit, linear, squared, column.Min(), column.Max());
        }
        return new SpecOutcome(spec, fit, boot, nl, data.RowsDroppedMissing);
    }
}
