namespace Warehouse.Analysis.Data;

/// <summary>Columns as read, identifier columns still as text; <see cref="Index"/> turns them into factors.</summary>
public sealed class RawPanel
{
    private readonly PanelRequest _request;
    private readonly double[][] _numeric;
    private readonly List<string> _ids;
    private readonly List<string>[] _keys;
    private readonly Dictionary<string, double[]> _extra;

    internal RawPanel(PanelRequest request, double[][] numeric, List<string> ids, List<string>[] keys, int dropped, Dictionary<string, double[]> extra)
    {
        _request = request;
        _numeric = numeric;
        _ids = ids;
        _keys = keys;
        RowsDroppedMissing = dropped;
        _extra = extra;
    }

    /// <summary>Rows dropped because a model variable was missing (null or not finite).</summary>
    public int RowsDroppedMissing { get; }

    public int Rows => _numeric[0].Length;

    /// <summary>Factorises the identifier columns (FE and cluster ids of any type, as text).</summary>
    public EstimationData Index()
    {
        var factors = _ids.Select((name, c) => (name, factor: Factor.FromKeys(name, _keys[c]))).ToDictionary(p => p.name, p => p.factor);
        return new EstimationData(
            _request.Y, _numeric[0], _request.X, _numeric.Skip(1).ToArray(),
            _request.FixedEffects.Select(f => factors[f]).ToArray(), _request.Clusters.Select(c => factors[c]).ToArray())
        {
            RowsDroppedMissing = RowsDroppedMissing,
            Extra = _extra,
        };
    }
}
