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

    /// <summary>Level-specific slopes of each fixed effect (null where it has none), aligned with
    /// <see cref="FixedEffects"/>; empty when no effect has slopes.</summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyList<VaryingSlope?> Slopes { get; init; } = [];

    /// <summary>Endogenous regressors of an IV model (instrumented by <see cref="Instruments"/>), names and columns.</summary>
    /// <value>The default value is empty (no IV).</value>
    public IReadOnlyList<string> EndogenousNames { get; init; } = [];
    public IReadOnlyList<double[]> Endogenous { get; init; } = [];

    /// <summary>Excluded instruments of an IV model, names and columns.</summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyList<string> InstrumentNames { get; init; } = [];
    public IReadOnlyList<double[]> Instruments { get; init; } = [];

    /// <summary>Panel unit and time of the panel HAC estimators; time codes follow the order of the time values.</summary>
    /// <value>The default value is null.</value>
    public Factor? PanelUnit { get; init; }
    public Factor? PanelTime { get; init; }

    /// <summary>The same data restricted to the rows <paramref name="kept"/> (factors compacted).</summary>
    public EstimationData Subset(int[] kept)
    {
        ArgumentNullException.ThrowIfNull(kept);
        static double[] Take(double[] src, int[] rows)
        {
            var r = new double[rows.Length];
            for (var i = 0; i < rows.Length; i++) r[i] = src[rows[i]];
            return r;
        }
        return new EstimationData(YName, Take(Y, kept), XNames, X.Select(c => Take(c, kept)).ToArray(),
            FixedEffects.Select(f => f.Subset(kept)).ToArray(), Clusters.Select(c => c.Subset(kept)).ToArray())
        {
            RowsDroppedMissing = RowsDroppedMissing,
            Slopes = Slopes.Select(s => s is null ? null : s with { Values = Take(s.Values, kept) }).ToArray(),
            EndogenousNames = EndogenousNames,
            Endogenous = Endogenous.Select(c => Take(c, kept)).ToArray(),
            InstrumentNames = InstrumentNames,
            Instruments = Instruments.Select(c => Take(c, kept)).ToArray(),
            PanelUnit = PanelUnit?.Subset(kept),
            PanelTime = PanelTime?.SubsetOrdered(kept),
        };
    }

    /// <summary>This data with the dependent variable replaced (winsorising; the first stage of an IV model).</summary>
    public EstimationData WithY(string name, double[] y) =>
        new(name, y, XNames, X, FixedEffects, Clusters)
        {
            RowsDroppedMissing = RowsDroppedMissing, Extra = Extra, Slopes = Slopes, EndogenousNames = EndogenousNames,
            Endogenous = Endogenous, InstrumentNames = InstrumentNames, Instruments = Instruments, PanelUnit = PanelUnit, PanelTime = PanelTime,
        };
}
