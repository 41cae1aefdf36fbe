using System.Globalization;
using System.Text;
using System.Text.Json;
using Warehouse.Analysis.Estimation;

using Warehouse.Analysis.Mediation;
using static Warehouse.Analysis.Output.JsonFields;

namespace Warehouse.Analysis.Output;

/// <summary>A mediation result as text and as the <c>"mediation"</c> object of <c>estimate --format json</c>.</summary>
public static class MediationReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Writes <c>"mediation"</c>: treatment, mediator, a, b, c, c' (estimate and standard error), the
    /// indirect effect with its Sobel SE, z and p, the share mediated and the bootstrap interval (or null).</summary>
    public static void WriteJson(Utf8JsonWriter w, MediationResult r)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(r);
        w.WriteStartObject("mediation");
        w.WriteString("treatment", r.Treatment);
        w.WriteString("mediator", r.Mediator);
        w.WriteNumber("n", r.Outcome.N);
        Coef(w, "a", r.A);
        Coef(w, "b", r.B);
        Coef(w, "c_total", r.C);
        Coef(w, "c_direct", r.CPrime);
        Number(w, "indirect", r.Indirect);
        Number(w, "sobel_se", r.SobelSe);
        Number(w, "sobel_z", r.SobelZ);
        Number(w, "sobel_p", r.SobelP);
        Number(w, "share_mediated", r.ShareMediated);
        if (r.Bootstrap is { } b)
        {
            w.WriteStartObject("bootstrap");
            w.WriteNumber("replications", b.Replications);
            w.WriteNumber("seed", b.Seed);
            w.WriteString("cluster", b.Cluster);
            w.WriteNumber("groups", b.Groups);
            Number(w, "ci_low", b.CiLow);
            Number(w, "ci_high", b.CiHigh);
            Number(w, "std_error", b.StdError);
            w.WriteNumber("failed", b.Failed);
            w.WriteNumber("timing_s", b.Seconds);
            w.WriteEndObject();
        }
        else w.WriteNull("bootstrap");
        w.WriteEndObject();
    }

    /// <summary>The three equations' key coefficients and the indirect effect, for people.</summary>
    public static string Text(MediationResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var sb = new StringBuilder();
        sb.AppendLine(Inv, $"Mediation: {r.Treatment} -> {r.Mediator} -> {r.Outcome.Dependent} (same sample N = {r.Outcome.N}, {r.Outcome.VcovType.ToString().ToLowerInvariant()} variance in all three)");
        var rows = new[]
        {
            ($"(1) {r.Total.Dependent} on {r.Treatment}", string.Create(Inv, $"c  = {r.C.Estimate:F6} (se {r.C.StdError:F6})")),
            ($"(2) {r.Mediator} on {r.Treatment}", string.Create(Inv, $"a  = {r.A.Estimate:F6} (se {r.A.StdError:F6})")),
            ($"(3) {r.Outcome.Dependent} on {r.Treatment} and {r.Mediator}", string.Create(Inv, $"c' = {r.CPrime.Estimate:F6} (se {r.CPrime.StdError:F6}), b = {r.B.Estimate:F6} (se {r.B.StdError:F6})")),
        };
        var width = rows.Max(x => x.Item1.Length);
        foreach (var (label, values) in rows) sb.Append("  ").Append(label.PadRight(width)).Append("  ").AppendLine(values);
        sb.AppendLine(Inv, $"  indirect a*b = {r.Indirect:F6}; Sobel se {r.SobelSe:F6}, z = {r.SobelZ:F3}, p = {r.SobelP:F4}; share mediated {r.ShareMediated:F4}");
        if (r.Bootstrap is { } b)
            sb.AppendLine(Inv, $"  cluster bootstrap ({b.Cluster}, {b.Groups} groups, {b.Replications} draws, seed {b.Seed}{(b.Failed > 0 ? $", {b.Failed} failed" : "")}): percentile CI [{b.CiLow:F6}, {b.CiHigh:F6}], se {b.StdError:F6}");
        return sb.ToString();
    }

    private static void Coef(Utf8JsonWriter w, string name, Coefficient c)
    {
        w.WriteStartObject(name);
        w.WriteString("term", c.Name);
        Number(w, "estimate", c.Estimate);
        Number(w, "std_error", c.StdError);
        Number(w, "p", c.P);
        w.WriteEndObject();
    }
}
