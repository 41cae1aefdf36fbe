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
        sb.Append(Inv, $"R2 = {fit.R2:F6}   adj. R2 = {fit.AdjustedR2:F6}");
        if (fit.R2Within is { } w) sb.Append(Inv, $"   within R2 = {w:F6}");
        sb.AppendLine(Inv, $"   F = {fit.FStat:F4} (p = {fit.FP:F4})");
        if (fit.FixedEffects.Count > 1) sb.AppendLine(Inv, $"Demeaning: {fit.Iterations} iterations, converged = {fit.Converged}");
        foreach (var note in fit.Notes) sb.Append("Note: ").AppendLine(note);
        return sb.ToString();
    }

    private static string Text(FitResult fit, IReadOnlyList<BootstrapResult>? bootstrap)
    {
        var sb = new StringBuilder(Summary(fit));
        var width = Math.Max(12, fit.Coefficients.Max(c => c.Name.Length) + 2);
        sb.Append("".PadRight(width)).AppendLine(Inv, $"{"Estimate",14}{"Std. Error",14}{"t",10}{"p",10}{"CI low",14}{"CI high",14}");
        foreach (var c in fit.Coefficients)
            sb.AppendLine(Inv, $"{c.Name.PadRight(width)}{c.Estimate,14:G8}{c.StdError,14:G8}{c.T,10:F3}{c.P,10:F4}{c.CiLow,14:G8}{c.CiHigh,14:G8}");
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
            sb.AppendLine(Inv, $"| {c.Name} | {c.Estimate:G8} | {c.StdError:G8} | {c.T:F3} | {c.P:F4} | {c.CiLow:G8} | {c.CiHigh:G8} |");
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
