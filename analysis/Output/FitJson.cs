using System.Text;
using System.Text.Json;
using Warehouse.Analysis.Estimation;
using Warehouse.Analysis.Inference;
using static Warehouse.Analysis.Output.JsonFields;

namespace Warehouse.Analysis.Output;

/// <summary>The machine-readable form of one fit: exactly the keys the <c>estimate --format json</c> contract lists,
/// plus <c>bootstrap</c> when it was asked for and whatever <c>extra</c> writes at the end (e.g. <c>threshold</c>,
/// <c>mediation</c>).</summary>
public static class FitJson
{
    public static string Write(FitResult fit, double loadSeconds, double fitSeconds, IReadOnlyList<BootstrapResult>? bootstrap = null,
        Action<Utf8JsonWriter>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("dependent", fit.Dependent);
            w.WriteNumber("n", fit.N);
            w.WriteNumber("n_singletons_dropped", fit.SingletonsDropped);
            Strings(w, "fixed_effects", fit.FixedEffects);
            w.WriteStartObject("vcov");
            w.WriteString("type", Specs.OptionNames.NameOf(Specs.OptionNames.Vcov, fit.VcovType));
            if (fit.VcovLag is { } lag) w.WriteNumber("lag", lag);
            Strings(w, "cluster", fit.ClusterNames);
            Integers(w, "groups", fit.ClusterGroups);
            w.WriteEndObject();
            Coefficients(w, "coefficients", fit.Coefficients, interval: true);
            Number(w, "r2", fit.R2);
            Number(w, "r2_within", fit.R2Within);
            w.WriteNumber("df_resid", fit.DfResid);
            w.WriteBoolean("converged", fit.Converged);
            w.WriteNumber("iterations", fit.Iterations);
            if (fit.Iv is { } iv) WriteIv(w, iv);
            w.WriteStartObject("timing_s");
            w.WriteNumber("load", loadSeconds);
            w.WriteNumber("fit", fitSeconds);
            w.WriteEndObject();
            if (bootstrap is { Count: > 0 })
            {
                w.WriteStartArray("bootstrap");
                foreach (var b in bootstrap)
                {
                    w.WriteStartObject();
                    w.WriteString("coefficient", b.Coefficient);
                    w.WriteString("weights", b.Weights.ToString().ToLowerInvariant());
                    w.WriteNumber("replications", b.Replications);
                    w.WriteNumber("seed", b.Seed);
                    w.WriteString("cluster", b.Cluster);
                    w.WriteNumber("groups", b.Groups);
                    Number(w, "t", b.T);
                    Number(w, "p", b.P);
                    Number(w, "ci_low", b.CiLow);
                    Number(w, "ci_high", b.CiHigh);
                    Number(w, "timing_s", b.Seconds);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            extra?.Invoke(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The IV block: what was instrumented, each first stage (fixest's ivf1 / ivwald1 and its coefficients),
    /// the Kleibergen–Paap rk Wald F, the over-identification test (Sargan or Hansen J; null when exactly
    /// identified), and the reduced form when it was asked for.</summary>
    private static void WriteIv(Utf8JsonWriter w, Estimation.IvResult iv)
    {
        w.WriteStartObject("iv");
        Strings(w, "endogenous", iv.Endogenous);
        Strings(w, "instruments", iv.Instruments);
        w.WriteStartArray("first_stages");
        foreach (var f in iv.FirstStages)
        {
            w.WriteStartObject();
            w.WriteString("endogenous", f.Endogenous);
            Number(w, "ivf1", f.F);
            Number(w, "ivf1_p", f.FP);
            Number(w, "ivwald1", f.WaldF);
            Number(w, "ivwald1_p", f.WaldP);
            w.WriteNumber("df1", f.Df1);
            w.WriteNumber("df2", f.Df2);
            Coefficients(w, "coefficients", f.Coefficients);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        var kp = iv.KleibergenPaap;
        w.WriteStartObject("kleibergen_paap");
        Number(w, "rk_wald", kp.RkWald);
        Number(w, "f", kp.F);
        Number(w, "p", kp.P);
        w.WriteNumber("df", kp.Df);
        w.WriteEndObject();
        if (iv.Overidentification is { } o)
        {
            w.WriteStartObject("overidentification");
            w.WriteString("test", o.Name == "Sargan" ? "sargan" : "hansen_j");
            Number(w, "stat", o.Statistic);
            Number(w, "p", o.P);
            w.WriteNumber("df", o.Df);
            w.WriteEndObject();
        }
        else w.WriteNull("overidentification");
        if (iv.ReducedForm is { } rf) Coefficients(w, "reduced_form", rf);
        w.WriteEndObject();
    }

    /// <summary>One object per coefficient: name, estimate, std_error, t, p (and ci_low, ci_high when
    /// <paramref name="interval"/>).</summary>
    private static void Coefficients(Utf8JsonWriter w, string name, IReadOnlyList<Coefficient> coefficients, bool interval = false)
    {
        w.WriteStartArray(name);
        foreach (var c in coefficients)
        {
            w.WriteStartObject();
            w.WriteString("name", c.Name);
            Number(w, "estimate", c.Estimate);
            Number(w, "std_error", c.StdError);
            Number(w, "t", c.T);
            Number(w, "p", c.P);
            if (interval)
            {
                Number(w, "ci_low", c.CiLow);
                Number(w, "ci_high", c.CiHigh);
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
