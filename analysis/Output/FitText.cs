using System.Globalization;
using System.Text;
using Warehouse.Analysis.Estimation;
using Warehouse.Analysis.Inference;

namespace Warehouse.Analysis.Output;

/// <summary>One fit as a coefficient table for people: plain text, markdown, CSV or a LaTeX tabular.</summary>
public static class FitText
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Render(FitResult fit, string format, IReadOnlyList<BootstrapResult>? bootstrap = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        return format switch
        {
            "text" => Text(fit, bootstrap),
            "md" => Markdown(fit, bootstrap),
            "csv" => Csv(fit),
            "tex" => Tex(fit),
            _ => throw new ArgumentException($"unknown format '{format}' (text, md, json, csv, tex)", nameof(format)),
        };
    }

    private static string Summary(FitResult fit)
    {
        var sb = new StringBuilder();
        sb.Append(Inv, $"Dependent: {fit.Dependent}   N = {fit.N}");
        if (fit.SingletonsDropped > 0) sb.Append(Inv, $" ({fit.SingletonsDropped} singletons dropped)");
        sb.AppendLine();
        sb.AppendLine(fit.FixedEffects.Count == 0 ? "Fixed effects: none" :
            "Fixed effects: " + string.Join(", ", fit.FixedEffects.Select((f, i) => $"{f} ({fit.FixedEffectLevels[i]})")));
        sb.Append("Std. errors: ").Append(Specs.OptionNames.NameOf(Specs.OptionNames.Vcov, fit.VcovType));
        if (fit.ClusterNames.Count > 0)
            sb.Append(" by ").Append(string.Join(" & ", fit.ClusterNames.Select((c, i) => $"{c} ({fit.ClusterGroups[i]} groups)")));
        sb.AppendLine(Inv, $", t with {fit.DfResid} df");
        sb.Append(Inv, $"R2 = {EtableNumber.Format(fit.R2, 5)}   adj. R2 = {EtableNumber.Format(fit.AdjustedR2, 5)}");
        if (fit.R2Within is { } w) sb.Append(Inv, $"   within R2 = {EtableNumber.Format(w, 5)}");
        sb.AppendLine(double.IsNaN(fit.FStat) ? "   F = n/a (singular variance or perfect fit)" : string.Create(Inv, $"   F = {EtableNumber.Format(fit.FStat)} (p = {EtableNumber.PValue(fit.FP)})"));
        if (fit.FixedEffects.Count > 1) sb.AppendLine(Inv, $"Demeaning: {fit.Iterations} iterations, converged = {fit.Converged}");
        foreach (var note in fit.Notes) sb.Append("Note: ").AppendLine(note);
        return sb.ToString();
    }

    /// <summary>The fixest/esttab layout: one aligned row per coefficient (estimate with stars, SE, t, p, 95% CI,
    /// rounded by <see cref="EtableNumber"/>), then FE rows, the S.E. type, N, R², within R², F and the notes.</summary>
    private static string Text(FitResult fit, IReadOnlyList<BootstrapResult>? bootstrap)
    {
        string[] header = ["", "Estimate", "Std. Error", "t value", "Pr(>|t|)", "95% CI"];
        var rows = fit.Coefficients.Select(c => new[]
        {
            c.Name,
            EtableNumber.Format(c.Estimate) + RegressionTable.Stars(c.P).PadRight(3),
            EtableNumber.Format(c.StdError),
            EtableNumber.Format(c.T),
            EtableNumber.PValue(c.P),
            double.IsNaN(c.CiLow) ? "" : $"[{EtableNumber.Format(c.CiLow)}, {EtableNumber.Format(c.CiHigh)}]",
        }).ToList();
        // The header's Estimate sits over the number, not over the stars.
        header[1] += "   ";
        var widths = Enumerable.Range(0, header.Length).Select(i => rows.Select(r => r[i].Length).Append(header[i].Length).Max()).ToArray();
        widths[0] = Math.Max(widths[0], fit.FixedEffects.Select(f => f.Length + 4).Append(14).Max());
        var sb = new StringBuilder();
        sb.Append("Dependent variable: ").AppendLine(fit.Dependent);
        void Row(string[] cells)
        {
            sb.Append(cells[0].PadRight(widths[0]));
            for (var i = 1; i < cells.Length; i++) sb.Append("  ").Append(cells[i].PadLeft(widths[i]));
            sb.AppendLine();
        }
        Row(header);
        foreach (var r in rows) Row(r);
        var rule = new string('-', widths.Sum() + (2 * (widths.Length - 1)));
        sb.AppendLine(rule);
        void Fact(string label, string value) => sb.Append(label.PadRight(widths[0])).Append("  ").AppendLine(value);
        for (var i = 0; i < fit.FixedEffects.Count; i++)
            Fact($"FE: {fit.FixedEffects[i]}", string.Create(Inv, $"Yes ({fit.FixedEffectLevels[i]} levels)"));
        Fact("S.E. type", string.Create(Inv, $"{VcovLabel.Of(fit, detailed: true)}; t with {fit.DfResid} df"));
        Fact("Observations", fit.N.ToString("#,##0", Inv) + (fit.SingletonsDropped > 0 ? string.Create(Inv, $" ({fit.SingletonsDropped} singletons dropped)") : ""));
        Fact("R2", EtableNumber.Format(fit.R2, 5));
        Fact("Adj. R2", EtableNumber.Format(fit.AdjustedR2, 5));
        if (fit.R2Within is { } w) Fact("Within R2", EtableNumber.Format(w, 5));
        var slopes = fit.Coefficients.Count(c => c.Name != Feols.Intercept);
        Fact("F test", double.IsNaN(fit.FStat)
            ? "(not available: the variance matrix is singular or the fit is perfect)"
            : string.Create(Inv, $"{EtableNumber.Format(fit.FStat)} on {slopes} and {fit.DfResid} df, p = {EtableNumber.PValue(fit.FP)}"));
        if (fit.FixedEffects.Count > 1) Fact("Demeaning", string.Create(Inv, $"{fit.Iterations} iterations, converged = {fit.Converged}"));
        sb.AppendLine(rule);
        sb.AppendLine("Signif. codes: *** p<0.01, ** p<0.05, * p<0.10");
        foreach (var note in fit.Notes) sb.Append("Note: ").AppendLine(note);
        AppendBootstrap(sb, bootstrap);
        return sb.ToString();
    }

    private static void AppendBootstrap(StringBuilder sb, IReadOnlyList<BootstrapResult>? bootstrap)
    {
        if (bootstrap is null) return;
        foreach (var b in bootstrap)
            sb.AppendLine(Inv, $"Wild cluster bootstrap (WCR, {b.Weights}, {b.Replications} draws, seed {b.Seed}, {b.Groups} clusters of {b.Cluster}): {b.Coefficient} t = {b.T:F3}, p = {b.P:F4}, CI [{b.CiLow:G6}, {b.CiHigh:G6}]");
    }

    private static string Markdown(FitResult fit, IReadOnlyList<BootstrapResult>? bootstrap)
    {
        var sb = new StringBuilder();
        foreach (var line in Summary(fit).Split('\n', StringSplitOptions.RemoveEmptyEntries)) sb.Append("- ").AppendLine(line.TrimEnd());
        sb.AppendLine();
        sb.AppendLine("| term | estimate | std. error | t | p | CI low | CI high |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var c in fit.Coefficients)
            sb.AppendLine(Inv, $"| {c.Name} | {EtableNumber.Format(c.Estimate)}{RegressionTable.Stars(c.P).Replace("*", "\\*", StringComparison.Ordinal)} | {EtableNumber.Format(c.StdError)} | {EtableNumber.Format(c.T)} | {EtableNumber.PValue(c.P)} | {EtableNumber.Format(c.CiLow)} | {EtableNumber.Format(c.CiHigh)} |");
        AppendBootstrap(sb, bootstrap);
        return sb.ToString();
    }

    private static string Csv(FitResult fit)
    {
        var sb = new StringBuilder("term,estimate,std_error,t,p,ci_low,ci_high\n");
        foreach (var c in fit.Coefficients)
            sb.AppendLine(Inv, $"{c.Name},{c.Estimate:R},{c.StdError:R},{c.T:R},{c.P:R},{c.CiLow:R},{c.CiHigh:R}");
        return sb.ToString();
    }

    private static string Tex(FitResult fit)
    {
        var sb = new StringBuilder("\\begin{tabular}{lrrrr}\n\\hline\nterm & estimate & std. error & t & p \\\\\n\\hline\n");
        foreach (var c in fit.Coefficients)
            sb.AppendLine(Inv, $"{Latex.Escape(c.Name)} & {c.Estimate:F6} & {c.StdError:F6} & {c.T:F3} & {c.P:F4} \\\\");
        sb.AppendLine(Inv, $"\\hline\nN & \\multicolumn{{4}}{{r}}{{{fit.N}}} \\\\\n$R^2$ & \\multicolumn{{4}}{{r}}{{{fit.R2:F4}}} \\\\\n\\hline\n\\end{{tabular}}");
        return sb.ToString();
    }
}

/// <summary>Escaping for LaTeX text.</summary>
public static class Latex
{
    public static string Escape(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var sb = new StringBuilder();
        foreach (var ch in s)
        {
            sb.Append(ch switch
            {
                '_' => "\\_", '%' => "\\%", '&' => "\\&", '#' => "\\#", '$' => "\\$", '{' => "\\{", '}' => "\\}",
                '^' => "\\^{}", '~' => "\\~{}", '\\' => "\\textbackslash{}", _ => ch.ToString(),
            });
        }
        return sb.ToString();
    }
}
