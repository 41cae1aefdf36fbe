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
    /// <exception cref="ArgumentException">A column plays two roles (see <see cref="SpecRoles"/>) or the IV part is unreadable.</exception>
    public static PanelRequest Request(ModelSpec spec, ModelSettings settings)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(settings);
        if (SpecRoles.Problems(spec) is [var first, ..]) throw new ArgumentException(first);
        var (endogenous, instruments) = spec.Iv is null ? ([], []) : ParseIv(spec.Iv);
        return new PanelRequest(spec.Y, spec.X, spec.Fe, spec.Cluster, spec.Where)
        {
            Endogenous = endogenous,
            Instruments = instruments,
            Lags = spec.Lag,
            PanelId = spec.PanelId,
            Unit = settings.Unit,
            Time = settings.Time,
            Extra = SpecModels.ExtraColumns(spec, settings),
        };
    }

    /// <summary>Loads <paramref name="spec"/>'s data from an open warehouse connection and runs it.</summary>
    public static SpecOutcome Run(DbConnection connection, ModelSpec spec, ModelSettings settings)
    {
        var data = PanelLoader.FromConnection(connection, spec.View, Request(spec, settings));
        return Run(data, spec, settings);
    }

    /// <summary>Runs <paramref name="spec"/> on data already loaded with <see cref="Request"/>.</summary>
    public static SpecOutcome Run(EstimationData data, ModelSpec spec, ModelSettings settings)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Threshold is not null || spec.Mediation is not null) return SpecModels.Run(data, spec, settings);
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
        {
            data = new EstimationData(data.YName, Winsorizer.Apply(data.Y, share), data.XNames, data.X, data.FixedEffects, data.Clusters)
            {
                RowsDroppedMissing = data.RowsDroppedMissing,
                Extra = data.Extra,
                Slopes = data.Slopes,
                EndogenousNames = data.EndogenousNames,
                Endogenous = data.Endogenous,
                InstrumentNames = data.InstrumentNames,
                Instruments = data.Instruments,
                PanelUnit = data.PanelUnit,
                PanelTime = data.PanelTime,
            };
        }

        if (spec.Vcov is VcovKind.DriscollKraay or VcovKind.NeweyWest && spec.PanelId.Count != 2)
            throw new ArgumentException($"spec {spec.Name}: vcov {OptionNames.NameOf(OptionNames.Vcov, spec.Vcov.Value)} needs the panel's unit and time (panel_id / --panel-id unit,time)");
        return Feols.Fit(data, settings.Fit with { Vcov = spec.Vcov, HacLag = spec.HacLag, ReducedForm = spec.ReducedForm });
    }

    /// <summary>Splits <c>endo1 + endo2 ~ inst1 + inst2</c> (commas work as well as +).</summary>
    /// <exception cref="ArgumentException">No <c>~</c>, an empty side, or fewer instruments than endogenous regressors.</exception>
    public static (IReadOnlyList<string> Endogenous, IReadOnlyList<string> Instruments) ParseIv(string formula)
    {
        ArgumentNullException.ThrowIfNull(formula);
        var sides = formula.Split('~');
        static string[] Terms(string side) => side.Split(['+', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (sides.Length != 2 || Terms(sides[0]).Length == 0 || Terms(sides[1]).Length == 0)
            throw new ArgumentException($"--iv '{formula}': expected 'endogenous ~ instruments', e.g. 'co ~ co_lag1'");
        var (endo, inst) = (Terms(sides[0]), Terms(sides[1]));
        if (inst.Length < endo.Length)
            throw new ArgumentException($"--iv '{formula}': {endo.Length} endogenous regressors need at least as many instruments (got {inst.Length})");
        return (endo, inst);
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
            var options = settings.Weights.Select(w => new WildBootstrapOptions { Replications = settings.Replications, Seed = settings.Seed, Weights = w }).ToList();
            var byTerm = terms.Select(t => WildBootstrap.Test(fit, t, options)).ToList();
            // Listed by weights, then terms.
            for (var w = 0; w < options.Count; w++) boot.AddRange(byTerm.Select(results => results[w]));
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
