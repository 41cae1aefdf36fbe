using System.Globalization;
using System.Text;
using Warehouse.Analysis.Mediation;
using Warehouse.Analysis.Output;
using Warehouse.Analysis.Specs;
using Warehouse.Analysis.Threshold;

namespace Warehouse.Analysis.Reporting;

/// <summary>The report's part for the threshold and mediation specs: a mediation spec becomes three table columns
/// (its three equations), and both get a text block with what a regression table cannot show.</summary>
public static class ModelsReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Table columns: every outcome as is, except a mediation outcome, which becomes (1) y on x, (2) M on x,
    /// (3) y on x and M.</summary>
    public static IReadOnlyList<SpecOutcome> Columns(IReadOnlyList<SpecOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var columns = new List<SpecOutcome>();
        foreach (var o in outcomes)
        {
            if (o.Mediation is not { } m)
            {
                columns.Add(o);
                continue;
            }
            columns.Add(o with { Spec = o.Spec with { Column = $"{o.Spec.Column} (1) {m.Total.Dependent}" }, Fit = m.Total });
            columns.Add(o with { Spec = o.Spec with { Column = $"{o.Spec.Column} (2) {m.Mediator}", Y = m.Mediator }, Fit = m.MediatorEquation });
            columns.Add(o with { Spec = o.Spec with { Column = $"{o.Spec.Column} (3) {m.Outcome.Dependent}", X = [.. o.Spec.X, m.Mediator] }, Fit = m.Outcome });
        }
        return columns;
    }

    /// <summary>Threshold estimates with LR intervals, F tests and bootstrap p-values; indirect effects with Sobel SE
    /// and bootstrap interval. Headed as demo output when the warehouse was built from the demo corpus.</summary>
    public static string Text(IReadOnlyList<SpecOutcome> outcomes, bool isDemo)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var demo = isDemo ? " — DEMO CORPUS, not the paper's results" : "";
        var sb = new StringBuilder($"Threshold regimes and mechanism{demo}\n");
        var any = false;
        foreach (var o in outcomes)
        {
            if (o.Threshold is { } t)
            {
                any = true;
                sb.Append("  ").Append(o.Spec.Column).Append(' ').Append(o.Spec.Name).AppendLine(":");
                foreach (var line in ThresholdReport.Text(t).TrimEnd().Split('\n')) sb.Append("  ").AppendLine(line);
            }
            if (o.Mediation is { } m)
            {
                any = true;
                sb.Append("  ").Append(o.Spec.Column).Append(' ').Append(o.Spec.Name).AppendLine(":");
                foreach (var line in MediationReport.Text(m).TrimEnd().Split('\n')) sb.Append("  ").AppendLine(line);
            }
        }
        if (!any) sb.AppendLine("  (no threshold or mediation specification configured)");
        return sb.ToString();
    }

    /// <summary>The same results as HTML tables for the report page: per threshold spec, one table of the threshold
    /// tests (a row per estimated threshold) and one of its regimes; per mediation spec, one table of the three
    /// equations and the indirect effect.</summary>
    public static string Html(IReadOnlyList<SpecOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var sb = new StringBuilder();
        foreach (var o in outcomes)
        {
            var spec = $"{o.Spec.Column} {o.Spec.Name}";
            if (o.Threshold is { } t) sb.Append(ThresholdHtml(spec, t));
            if (o.Mediation is { } m) sb.Append(MediationHtml(spec, m));
        }
        return sb.Length == 0 ? "<p>No threshold or mediation specification configured.</p>\n" : sb.ToString();
    }

    private static string F(double v, string format) => double.IsFinite(v) ? v.ToString(format, Inv) : "–";

    private static string ThresholdHtml(string spec, ThresholdResult t)
    {
        var rows = new List<string[]>();
        foreach (var m in t.Models)
        {
            var label = m.Thresholds switch { 1 => "single", 2 => "double", _ => "triple" };
            for (var i = 0; i < m.Estimates.Count; i++)
            {
                var e = m.Estimates[i];
                var last = i == m.Estimates.Count - 1;
                var b = m.Bootstrap;
                rows.Add(
                [
                    i == 0 ? label : "", e.Name, F(e.Value, "F4"), $"[{F(e.CiLow, "F4")}, {F(e.CiHigh, "F4")}]",
                    last ? F(m.Ssr, "F4") : "", last ? F(m.F, "F3") : "", last && b is not null ? F(b.P, "F4") : "",
                    last && b is not null ? $"{F(b.Crit10, "F2")} / {F(b.Crit5, "F2")} / {F(b.Crit1, "F2")}" : "",
                ]);
            }
        }
        var boot = t.Models.FirstOrDefault(m => m.Bootstrap is not null)?.Bootstrap;
        var periods = t.Periods is { } p ? string.Create(Inv, $" × {p} periods") : " (unbalanced)";
        var bootText = boot is null ? "" : string.Create(Inv, $"; bootstrap {boot.Replications} replications, seed {boot.Seed}");
        var caption = string.Create(Inv,
            $"{spec}: Hansen (1999) threshold tests — threshold variable {t.Variable}, regime-dependent {string.Join(", ", t.RegimeX)}; {t.Units} units{periods}; {t.GridPoints} grid points; LR critical value {t.LrCritical:F3} ({t.ConfidenceLevel * 100:G4}%){bootText}");
        var tests = ResultTable.Html("results threshold", caption,
            ["model", "threshold", "estimate", "LR 95% CI", "SSR", "F", "bootstrap p", "crit 10% / 5% / 1%"], rows);
        var regimes = t.Regimes.Select(g => new[]
        {
            g.Index.ToString(Inv), $"{(g.Lower is { } lo ? F(lo, "G6") : "−∞")} ≤ {t.Variable} < {(g.Upper is { } hi ? F(hi, "G6") : "∞")}", g.Rows.ToString(Inv),
        }).ToList();
        return tests + ResultTable.Html("results regimes", string.Create(Inv, $"{spec}: regimes of the final model (linear model SSR {t.SsrLinear:F4})"),
            ["regime", "range", "rows"], regimes);
    }

    private static string MediationHtml(string spec, MediationResult m)
    {
        string Coef(Estimation.Coefficient c) => $"{F(c.Estimate, "F4")} ({F(c.StdError, "F4")})";
        var rows = new List<string[]>
        {
            new[] { $"(1) {m.Total.Dependent} on {m.Treatment}", "c (total)", Coef(m.C), F(m.C.P, "F4") },
            new[] { $"(2) {m.Mediator} on {m.Treatment}", "a", Coef(m.A), F(m.A.P, "F4") },
            new[] { $"(3) {m.Outcome.Dependent} on {m.Treatment} and {m.Mediator}", "c′ (direct)", Coef(m.CPrime), F(m.CPrime.P, "F4") },
            new[] { "", "b", Coef(m.B), F(m.B.P, "F4") },
            new[] { "indirect effect a·b", "Sobel", $"{F(m.Indirect, "F4")} ({F(m.SobelSe, "F4")})", F(m.SobelP, "F4") },
            new[] { "share mediated a·b / c", "", F(m.ShareMediated, "F4"), "" },
        };
        if (m.Bootstrap is { } b)
            rows.Add([$"cluster bootstrap of a·b ({b.Cluster}, {b.Groups} groups, {b.Replications} draws, seed {b.Seed})", "percentile 95% CI",
                $"[{F(b.CiLow, "F4")}, {F(b.CiHigh, "F4")}]", ""]);
        var caption = string.Create(Inv,
            $"{spec}: mediation {m.Treatment} → {m.Mediator} → {m.Outcome.Dependent} (same sample, N = {m.Outcome.N}, {m.Outcome.VcovType.ToString().ToLowerInvariant()} variance; SE in parentheses)");
        return ResultTable.Html("results mediation", caption, ["equation", "term", "estimate (se)", "p"], rows);
    }
}
