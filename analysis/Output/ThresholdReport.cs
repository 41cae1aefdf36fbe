using System.Globalization;
using System.Text;
using System.Text.Json;

using Warehouse.Analysis.Threshold;
using static Warehouse.Analysis.Output.JsonFields;

namespace Warehouse.Analysis.Output;

/// <summary>A threshold result for people (a text table) and machines (the <c>"threshold"</c> object of
/// <c>estimate --format json</c>).</summary>
public static class ThresholdReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Writes the <c>"threshold"</c> property: settings, the linear SSR, one entry per model (thresholds
    /// with LR intervals, SSR, F, bootstrap p and critical values) and the regimes of the final model.</summary>
    public static void WriteJson(Utf8JsonWriter w, ThresholdResult r)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(r);
        w.WriteStartObject("threshold");
        w.WriteString("variable", r.Variable);
        Strings(w, "regime_x", r.RegimeX);
        w.WriteString("transform", r.Transform.ToString().ToLowerInvariant());
        w.WriteNumber("units", r.Units);
        Number(w, "periods", r.Periods);
        w.WriteNumber("scale", r.Scale);
        w.WriteNumber("grid", r.Quantiles);
        w.WriteNumber("grid_points", r.GridPoints);
        w.WriteNumber("distinct_values", r.DistinctValues);
        w.WriteNumber("confidence_level", r.ConfidenceLevel);
        w.WriteNumber("lr_critical", r.LrCritical);
        w.WriteNumber("ssr_linear", r.SsrLinear);
        w.WriteNumber("ssr", r.Ssr);
        Numbers(w, "thresholds", r.Thresholds);
        w.WriteStartArray("models");
        foreach (var m in r.Models)
        {
            w.WriteStartObject();
            w.WriteNumber("thresholds", m.Thresholds);
            w.WriteNumber("trim", m.Trim);
            w.WriteStartArray("estimates");
            foreach (var e in m.Estimates)
            {
                w.WriteStartObject();
                w.WriteString("name", e.Name);
                w.WriteNumber("value", e.Value);
                w.WriteNumber("ci_low", e.CiLow);
                w.WriteNumber("ci_high", e.CiHigh);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteNumber("ssr", m.Ssr);
            w.WriteNumber("ssr_null", m.SsrNull);
            w.WriteNumber("f", m.F);
            if (m.Bootstrap is { } b)
            {
                w.WriteStartObject("bootstrap");
                w.WriteNumber("replications", b.Replications);
                w.WriteNumber("seed", b.Seed);
                w.WriteNumber("p", b.P);
                w.WriteNumber("crit10", b.Crit10);
                w.WriteNumber("crit5", b.Crit5);
                w.WriteNumber("crit1", b.Crit1);
                w.WriteNumber("timing_s", b.Seconds);
                w.WriteEndObject();
            }
            else w.WriteNull("bootstrap");
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("regimes");
        foreach (var g in r.Regimes)
        {
            w.WriteStartObject();
            w.WriteNumber("regime", g.Index);
            Number(w, "lower", g.Lower);
            Number(w, "upper", g.Upper);
            w.WriteNumber("rows", g.Rows);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The threshold table: one row per estimated threshold with its LR interval, the model's SSR, F and
    /// bootstrap p-value and critical values.</summary>
    public static string Text(ThresholdResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var sb = new StringBuilder();
        sb.AppendLine(Inv, $"Panel threshold regression (Hansen 1999): threshold variable {r.Variable}, regime-dependent {string.Join(", ", r.RegimeX)}");
        sb.AppendLine(Inv, $"  {r.Units} units{(r.Periods is { } t ? $" x {t} periods" : " (unbalanced)")}; search on {(r.Transform == ThresholdTransform.Hansen ? "Hansen's transformation (demeaned, last period deleted)" : "the within regression")}; LR/F scale n(T-1) = {r.Scale}");
        sb.AppendLine(Inv, $"  grid: {r.GridPoints} candidates = {r.Quantiles} quantiles of {r.DistinctValues} distinct values; regimes q < g (strict); LR critical value {r.LrCritical:F4} ({r.ConfidenceLevel * 100:G4}%)");
        sb.AppendLine(Inv, $"  {"model",-7} {"threshold",-9} {"estimate",12} {"LR CI low",12} {"LR CI high",12} {"SSR",14} {"F",10} {"boot p",8} {"crit 10%",9} {"crit 5%",9} {"crit 1%",9}");
        foreach (var m in r.Models)
        {
            var label = m.Thresholds switch { 1 => "single", 2 => "double", _ => "triple" };
            for (var i = 0; i < m.Estimates.Count; i++)
            {
                var e = m.Estimates[i];
                var last = i == m.Estimates.Count - 1;
                var b = m.Bootstrap;
                sb.Append(Inv, $"  {(i == 0 ? label : ""),-7} {e.Name,-9} {e.Value,12:F4} {e.CiLow,12:F4} {e.CiHigh,12:F4}");
                if (last)
                    sb.Append(Inv, $" {m.Ssr,14:F6} {m.F,10:F3} {(b is null ? "" : b.P.ToString("F4", Inv)),8} {(b is null ? "" : b.Crit10.ToString("F3", Inv)),9} {(b is null ? "" : b.Crit5.ToString("F3", Inv)),9} {(b is null ? "" : b.Crit1.ToString("F3", Inv)),9}");
                sb.AppendLine();
            }
        }
        if (r.Models.FirstOrDefault(m => m.Bootstrap is not null)?.Bootstrap is { } any)
            sb.AppendLine(Inv, $"  bootstrap: {any.Replications} replications per test, unit residual vectors resampled, seed {any.Seed} (+0, +1, +2 per test)");
        var regimes = string.Join("; ", r.Regimes.Select(g => string.Create(Inv, $"{g.Index}: {Bound(g.Lower, "-inf")} <= {r.Variable} < {Bound(g.Upper, "inf")} ({g.Rows} rows)")));
        sb.AppendLine(Inv, $"  linear model SSR {r.SsrLinear:F6}; regimes: {regimes}");
        return sb.ToString();
    }

    private static string Bound(double? v, string none) => v is { } d ? d.ToString("G6", Inv) : none;
}
