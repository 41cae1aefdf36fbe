namespace Warehouse.Analysis.Data;

/// <summary>Columns as read, identifier columns as integers (values or DuckDB's hashes); <see cref="Index"/> turns
/// them into factors.</summary>
public sealed class RawPanel
{
    private readonly PanelRequest _request;
    private readonly double[][] _numeric;
    private readonly List<string> _ids;
    private readonly IdColumn[] _keys;
    private readonly Dictionary<long, string>?[] _keyLabels;
    private readonly Dictionary<string, double[]> _extra;

    internal RawPanel(PanelRequest request, double[][] numeric, List<string> ids, IdColumn[] keys, Dictionary<long, string>?[] keyLabels, int dropped, Dictionary<string, double[]> extra)
    {
        _request = request;
        _numeric = numeric;
        _ids = ids;
        _keys = keys;
        _keyLabels = keyLabels;
        RowsDroppedMissing = dropped;
        _extra = extra;
    }

    /// <summary>Rows dropped because a model variable was missing (null or not finite).</summary>
    public int RowsDroppedMissing { get; }

    public int Rows => _numeric[0].Length;

    /// <summary>Factorises the identifier columns (FE and cluster ids of any type; codes in order of first
    /// appearance); an interacted term <c>a^b</c> becomes one factor over the observed combinations.</summary>
    public EstimationData Index()
    {
        var column = _ids.Select((name, c) => (name, c)).ToDictionary(p => p.name, p => p.c);
        var factors = new Dictionary<string, Factor>(StringComparer.Ordinal);
        Factor Of(string name) => factors.TryGetValue(name, out var f) ? f : factors[name] = IdFactorizer.Factorize(name, _keys[column[name]], _keyLabels[column[name]]);
        var terms = _request.FixedEffects.Select(FixedEffectTerm.Parse).ToList();
        var next = 1;
        double[] Numeric(int count)
        {
            var col = _numeric[next];
            next += count;
            return col;
        }
        var x = Enumerable.Range(0, _request.X.Count).Select(_ => Numeric(1)).ToArray();
        var endogenous = Enumerable.Range(0, _request.Endogenous.Count).Select(_ => Numeric(1)).ToArray();
        var instruments = Enumerable.Range(0, _request.Instruments.Count).Select(_ => Numeric(1)).ToArray();
        var slopes = terms.Select(t => t.Slope is null ? null : new VaryingSlope(t.Slope, Numeric(1), t.SlopeOnly)).ToArray();
        var time = _request.PanelId.Count == 2 ? Factor.Ordered(_request.PanelId[1], Numeric(1)) : null;
        var fixedEffects = terms.Select(t => t.Factors.Count == 1 ? Rename(Of(t.Factors[0]), t.Text) : IdFactorizer.Interact(t.Text, t.Factors.Select(Of).ToArray())).ToArray();
        return new EstimationData(_request.Y, _numeric[0], _request.X, x, fixedEffects, _request.Clusters.Select(Of).ToArray())
        {
            RowsDroppedMissing = RowsDroppedMissing,
            Extra = _extra,
            Slopes = slopes.Any(s => s is not null) ? slopes : [],
            EndogenousNames = _request.Endogenous,
            Endogenous = endogenous,
            InstrumentNames = _request.Instruments,
            Instruments = instruments,
            PanelUnit = _request.PanelId.Count == 2 ? Of(_request.PanelId[0]) : null,
            PanelTime = time,
        };
    }

    /// <summary>The same codes under the term's name (<c>a[x]</c> is shown as written); the factor itself is shared, so
    /// an FE that is also the cluster variable is still recognised as nested without a pass.</summary>
    private static Factor Rename(Factor f, string name) =>
        f.Name == name ? f : new Factor(name, f.Codes, f.Levels, f.Labels);
}
