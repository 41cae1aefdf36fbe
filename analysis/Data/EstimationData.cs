namespace Warehouse.Analysis.Data;

/// <summary>Everything one regression needs, in memory: the dependent variable, the regressors (column-major),
/// the absorbed fixed effects and the cluster identifiers. Rows with missing values are already gone.</summary>
public sealed class EstimationData
{
    public EstimationData(string yName, double[] y, IReadOnlyList<string> xNames, IReadOnlyList<double[]> x,
        IReadOnlyList<Factor> fixedEffects, IReadOnlyList<Factor> clusters)
    {
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(xNames);
        ArgumentNullException.ThrowIfNull(fixedEffects);
        ArgumentNullException.ThrowIfNull(clusters);
        if (xNames.Count != x.Count) throw new ArgumentException("one name per regressor column is required", nameof(xNames));
        foreach (var col in x)
            if (col.Length != y.Length) throw new ArgumentException("every regressor needs as many rows as y", nameof(x));
        foreach (var f in fixedEffects.Concat(clusters))
            if (f.Codes.Length != y.Length) throw new ArgumentException($"factor {f.Name} has {f.Codes.Length} rows, y has {y.Length}");
        YName = yName;
        Y = y;
        XNames = xNames;
        X = x;
        FixedEffects = fixedEffects;
        Clusters = clusters;
    }

    public string YName { get; }
    public double[] Y { get; }
    public IReadOnlyList<string> XNames { get; }
    public IReadOnlyList<double[]> X { get; }
    public IReadOnlyList<Factor> FixedEffects { get; }
    public IReadOnlyList<Factor> Clusters { get; }
    public int Rows => Y.Length;

    /// <summary>Rows dropped for missing values before this object was built (reported, never silent).</summary>
    public int RowsDroppedMissing { get; init; }

    /// <summary>Extra numeric columns loaded beside the model (e.g. for plots), by name.</summary>
    public IReadOnlyDictionary<string, double[]> Extra { get; init; } = new Dictionary<string, double[]>();
}
