using Warehouse.Analysis.Estimation;
using Warehouse.Analysis.Inference;
using Warehouse.Analysis.Threshold;

namespace Warehouse.Analysis.Specs;

/// <summary>The one mapping between the option words users type (CLI, pipelines.yml) and the estimator's enums.</summary>
public static class OptionNames
{
    /// <summary>Variance estimators by name: iid, hetero, cluster, dk (Driscoll–Kraay), nw (panel Newey–West).</summary>
    public static readonly IReadOnlyDictionary<string, VcovKind> Vcov = new Dictionary<string, VcovKind>(StringComparer.Ordinal)
    {
        ["iid"] = VcovKind.Iid,
        ["hetero"] = VcovKind.Hetero,
        ["cluster"] = VcovKind.Cluster,
        ["dk"] = VcovKind.DriscollKraay,
        ["nw"] = VcovKind.NeweyWest,
    };

    /// <summary>Demeaning algorithms by name: schur, cg, it (Irons–Tuck).</summary>
    public static readonly IReadOnlyDictionary<string, DemeanAlgorithm> Algorithm = new Dictionary<string, DemeanAlgorithm>(StringComparer.Ordinal)
    {
        ["schur"] = DemeanAlgorithm.Schur,
        ["cg"] = DemeanAlgorithm.ConjugateGradient,
        ["it"] = DemeanAlgorithm.IronsTuck,
    };

    /// <summary>Small-sample conventions by name: stata, none, cluster-only.</summary>
    public static readonly IReadOnlyDictionary<string, SmallSampleConvention> SmallSample = new Dictionary<string, SmallSampleConvention>(StringComparer.Ordinal)
    {
        ["stata"] = SmallSampleConvention.Stata,
        ["none"] = SmallSampleConvention.None,
        ["cluster-only"] = SmallSampleConvention.ClusterOnly,
    };

    /// <summary>Bootstrap weight types by name: rademacher, webb.</summary>
    public static readonly IReadOnlyDictionary<string, BootstrapWeights> Weights = new Dictionary<string, BootstrapWeights>(StringComparer.Ordinal)
    {
        ["rademacher"] = BootstrapWeights.Rademacher,
        ["webb"] = BootstrapWeights.Webb,
    };

    /// <summary>Threshold search transforms by name: hansen (his program's), within (the plain FE regression).</summary>
    public static readonly IReadOnlyDictionary<string, ThresholdTransform> ThresholdSearch = new Dictionary<string, ThresholdTransform>(StringComparer.Ordinal)
    {
        ["hansen"] = ThresholdTransform.Hansen,
        ["within"] = ThresholdTransform.Within,
    };

    /// <summary>The name of <paramref name="value"/> in <paramref name="names"/> (for defaults shown in help).</summary>
    public static string NameOf<T>(IReadOnlyDictionary<string, T> names, T value)
        where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(names);
        return names.First(p => EqualityComparer<T>.Default.Equals(p.Value, value)).Key;
    }

    /// <summary>Looks <paramref name="name"/> up; the error lists the accepted names.</summary>
    /// <exception cref="ArgumentException">Unknown name.</exception>
    public static T Parse<T>(IReadOnlyDictionary<string, T> names, string name, string what)
        where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(names);
        return names.TryGetValue(name, out var v) ? v
            : throw new ArgumentException($"unknown {what} '{name}' (expected {string.Join(", ", names.Keys)})");
    }
}
