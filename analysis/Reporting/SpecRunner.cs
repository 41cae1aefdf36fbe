using System.Data.Common;
using Warehouse.Analysis.Data;
using Warehouse.Analysis.Estimation;
using Warehouse.Analysis.Inference;

namespace Warehouse.Analysis.Reporting;

/// <summary>Loads, fits and tests one <see cref="ReportSpec"/> on an open warehouse connection.</summary>
public static class SpecRunner
{
    public static SpecOutcome Run(DbConnection connection, ReportSpec spec, ReportSettings settings)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(settings);
        var request = new PanelRequest(spec.Y, spec.X, spec.Fe, spec.Cluster, spec.Where)
        {
            Lags = spec.Lag,
            Unit = settings.Unit,
            Time = settings.Time,
        };
        var data = PanelLoader.FromConnection(connection, spec.View, request);
        if (spec.WinsorizeY is { } share)
            data = new EstimationData(data.YName, Winsorizer.Apply(data.Y, share), data.XNames, data.X, data.FixedEffects, data.Clusters)
            {
                RowsDroppedMissing = data.RowsDroppedMissing,
            };
        var options = new FeolsOptions
        {
            Vcov = spec.Vcov switch { "iid" => VcovKind.Iid, "hetero" => VcovKind.Hetero, "cluster" => VcovKind.Cluster, null => null, _ => throw new ArgumentException($"spec {spec.Name}: unknown vcov '{spec.Vcov}'") },
        };
        var fit = Feols.Fit(data, options);

        var boot = new List<BootstrapResult>();
        if (spec.Bootstrap && spec.Cluster.Count > 0)
        {
            foreach (var w in settings.Weights)
                boot.Add(WildBootstrap.Test(fit, spec.X[0], new WildBootstrapOptions { Replications = settings.Replications, Seed = settings.Seed, Weights = w }));
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
