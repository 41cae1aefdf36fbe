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
}
