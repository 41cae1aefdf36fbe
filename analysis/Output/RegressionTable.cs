using System.Globalization;
using Warehouse.Analysis.Estimation;
using Warehouse.Analysis.Inference;
using Warehouse.Analysis.Specs;

namespace Warehouse.Analysis.Output;

/// <summary>One row of a regression table: a coefficient, its standard error (in parentheses), or a footer fact.</summary>
public sealed record TableRow(string Label, IReadOnlyList<string> Cells, RowKind Kind);

public enum RowKind
{
    Coefficient,
    StdError,
    Footer,
}

/// <summary>A regression table in the paper's layout: coefficient with stars (* 10%, ** 5%, *** 1%), standard
/// error in parentheses below, then rows for controls, fixed effects YES/NO, N and R² (plus the Kleibergen–Paap
/// rk Wald F of IV columns and wild-bootstrap p-values where they were computed).</summary>
public sealed record RegressionTable(string Title, IReadOnlyList<string> Columns, IReadOnlyList<TableRow> Rows, IReadOnlyList<string> Notes)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Regressors shown with their own rows; the rest count as controls.</summary>
    private static readonly HashSet<string> KeyTerms = ["co", "co_sq", "co_lag1", "co_lag1_sq"];

    /// <summary>The panel's control variables (ind_controls); a column says Controls YES only when its own spec has them.</summary>
    private static readonly HashSet<string> ControlTerms = ["rd", "fin", "fdi", "ti", "open"];

    public static string Stars(double p) => p < 0.01 ? "***" : p < 0.05 ? "**" : p < 0.1 ? "*" : "";

    public static RegressionTable Build(string title, IReadOnlyList<SpecOutcome> outcomes, IReadOnlyList<string>? fixedEffectOrder = null)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var columns = outcomes.Select(o => o.Spec.Column).ToList();
        var terms = new List<string>();
        foreach (var o in outcomes)
            foreach (var c in o.Fit.Coefficients)
                if (!terms.Contains(c.Name)) terms.Add(c.Name);
        // Key terms first, then controls in first-seen order, the constant last.
        terms = terms.OrderBy(t => KeyTerms.Contains(t) ? 0 : t == Feols.Intercept ? 2 : 1).ToList();

        var rows = new List<TableRow>();
        foreach (var term in terms)
        {
            var coef = outcomes.Select(o => o.Fit.Coefficients.FirstOrDefault(c => c.Name == term)).ToList();
            rows.Add(new TableRow(term, coef.Select(c => c is null ? "" : string.Create(Inv, $"{c.Estimate:F4}{Stars(c.P)}")).ToList(), RowKind.Coefficient));
            rows.Add(new TableRow("", coef.Select(c => c is null ? "" : string.Create(Inv, $"({c.StdError:F4})")).ToList(), RowKind.StdError));
        }
        rows.Add(new TableRow("Controls", outcomes.Select(o => o.Spec.X.Any(ControlTerms.Contains) ? "YES" : "NO").ToList(), RowKind.Footer));
        var fes = fixedEffectOrder ?? outcomes.SelectMany(o => o.Spec.Fe).Distinct().ToList();
        foreach (var fe in fes)
            rows.Add(new TableRow(FeLabel(fe), outcomes.Select(o => o.Spec.Fe.Contains(fe) ? "YES" : "NO").ToList(), RowKind.Footer));
        rows.Add(new TableRow("N", outcomes.Select(o => o.Fit.N.ToString(Inv)).ToList(), RowKind.Footer));
        rows.Add(new TableRow("R²", outcomes.Select(o => o.Fit.R2.ToString("F4", Inv)).ToList(), RowKind.Footer));
        rows.Add(new TableRow("Within R²", outcomes.Select(o => o.Fit.R2Within?.ToString("F4", Inv) ?? "").ToList(), RowKind.Footer));
        rows.Add(new TableRow("Clusters", outcomes.Select(o => string.Join(" × ", o.Fit.ClusterGroups.Select(g => g.ToString(Inv)))).ToList(), RowKind.Footer));
        if (outcomes.Any(o => o.Fit.Iv is not null))
            rows.Add(new TableRow("KP rk Wald F", outcomes.Select(o => o.Fit.Iv is { } iv ? EtableNumber.Format(iv.KleibergenPaap.F) : "").ToList(), RowKind.Footer));
        if (outcomes.Any(o => o.Bootstrap.Count > 0))
        {
            var key = outcomes.First(o => o.Bootstrap.Count > 0).Bootstrap[0].Coefficient;
            rows.Add(new TableRow($"p ({key}, cluster t)", outcomes.Select(o => o.Fit.Coefficients.FirstOrDefault(c => c.Name == o.Spec.X[0])?.P.ToString("F4", Inv) ?? "").ToList(), RowKind.Footer));
            foreach (var w in outcomes.SelectMany(o => o.Bootstrap).Select(b => b.Weights).Distinct())
                rows.Add(new TableRow($"p ({key}, WCR {w})", outcomes.Select(o => o.Bootstrap.FirstOrDefault(b => b.Weights == w)?.P.ToString("F4", Inv) ?? "").ToList(), RowKind.Footer));
        }
        var notes = new List<string> { "Standard errors in parentheses, " + StandardErrorNote(outcomes) + ". * p<0.10, ** p<0.05, *** p<0.01." };
        if (outcomes.Any(o => o.Bootstrap.Count > 0))
            notes.Add("WCR: wild cluster restricted bootstrap p-values, seeded; Rademacher enumerates all 2^G sign vectors when that is fewer than the draws asked for (" +
                      string.Join(", ", outcomes.SelectMany(o => o.Bootstrap).Select(b => $"{b.Weights} {b.Replications}").Distinct()) + ").");
        foreach (var o in outcomes)
            foreach (var n in o.Fit.Notes) notes.Add($"{o.Spec.Column}: {n}");
        return new RegressionTable(title, columns, rows, notes);
    }

    /// <summary>How each column's standard errors were computed, from its own fit: one phrase when all columns agree,
    /// else one per group of columns, e.g. <c>(R1)–(R3): clustered by province_code; (R4): clustered by province_code and year</c>.</summary>
    private static string StandardErrorNote(IReadOnlyList<SpecOutcome> outcomes)
    {
        var groups = outcomes.GroupBy(o => VcovLabel.Of(o.Fit, detailed: false)).ToList();
        if (groups.Count == 1) return groups[0].Key;
        return string.Join("; ", groups.Select(g => string.Join(", ", g.Select(o => o.Spec.Column)) + ": " + g.Key));
    }

    public static string FeLabel(string fe) => fe switch
    {
        "province_code" or "province" => "Province FE",
        "year" => "Year FE",
        _ => fe + " FE",
    };
}
