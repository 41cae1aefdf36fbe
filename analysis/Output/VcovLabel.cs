using System.Globalization;
using Warehouse.Analysis.Estimation;

namespace Warehouse.Analysis.Output;

/// <summary>How a fit's standard errors were computed, in words: the one source of the phrase the coefficient table
/// (<see cref="FitText"/>) and the report's footnotes (<see cref="RegressionTable"/>) print.</summary>
public static class VcovLabel
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>E.g. <c>clustered by province_code and year</c>, <c>Driscoll–Kraay (lag 2)</c>; with
    /// <paramref name="detailed"/> the table's form, capitalised and with the cluster counts, the HC flavour and the
    /// kernel: <c>Clustered by firm (10 clusters)</c>, <c>Driscoll–Kraay (Bartlett, lag 2)</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A variance type without a label.</exception>
    public static string Of(FitResult fit, bool detailed)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var kernel = detailed ? "Bartlett, " : "";
        var phrase = fit.VcovType switch
        {
            VcovKind.Cluster => "clustered by " + (detailed
                ? string.Join(" & ", fit.ClusterNames.Select((c, i) => string.Create(Inv, $"{c} ({fit.ClusterGroups[i]} clusters)")))
                : string.Join(" and ", fit.ClusterNames)),
            VcovKind.Hetero => "heteroskedasticity-robust" + (detailed ? " (HC1)" : ""),
            VcovKind.DriscollKraay => string.Create(Inv, $"Driscoll–Kraay ({kernel}lag {fit.VcovLag})"),
            VcovKind.NeweyWest => string.Create(Inv, $"panel Newey–West ({kernel}lag {fit.VcovLag})"),
            VcovKind.Iid => detailed ? "IID" : "iid",
            _ => throw new ArgumentOutOfRangeException(nameof(fit), fit.VcovType, "no label for this variance type"),
        };
        return detailed ? char.ToUpperInvariant(phrase[0]) + phrase[1..] : phrase;
    }
}
