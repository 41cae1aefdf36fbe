using System.Globalization;
using System.Text;
using Warehouse.Analysis.Estimation;

namespace Warehouse.Analysis.Output;

/// <summary>The first-stage lines printed under an IV fit: diagnostics always (each first stage's ivf1 and ivwald1,
/// the Kleibergen–Paap rk Wald F, Sargan or Hansen J when over-identified), coefficients and the reduced form when
/// asked for.</summary>
public static class IvText
{
    public static string Render(IvResult iv, bool coefficients)
    {
        ArgumentNullException.ThrowIfNull(iv);
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine(inv, $"IV: {string.Join(", ", iv.Endogenous)} instrumented by {string.Join(", ", iv.Instruments)}");
        foreach (var f in iv.FirstStages)
        {
            sb.AppendLine(inv, $"  first stage {f.Endogenous}: F = {f.F:F4} (p = {f.FP:F4}, ivf1, df {f.Df1}, {f.Df2}); Wald F = {f.WaldF:F4} (p = {f.WaldP:F4}, ivwald1)");
            if (coefficients)
                foreach (var c in f.Coefficients) sb.AppendLine(inv, $"    {c.Name,-20} {c.Estimate,14:G8} ({c.StdError:G8})");
        }
        var kp = iv.KleibergenPaap;
        sb.AppendLine(inv, $"  Kleibergen–Paap rk Wald F = {kp.F:F4} (rk = {kp.RkWald:F4}, chi2({kp.Df}) p = {kp.P:F4}; same variance type as the fit)");
        if (iv.Overidentification is { } o)
            sb.AppendLine(inv, $"  {o.Name} = {o.Statistic:F4} (chi2({o.Df}) p = {o.P:F4}; H0: the instruments are valid)");
        else
            sb.AppendLine("  over-identification test: none (exactly identified)");
        if (coefficients && iv.ReducedForm is { } rf)
        {
            sb.AppendLine("  reduced form:");
            foreach (var c in rf) sb.AppendLine(inv, $"    {c.Name,-20} {c.Estimate,14:G8} ({c.StdError:G8})");
        }
        return sb.ToString();
    }
}
