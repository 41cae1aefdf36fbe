namespace Warehouse.Analysis.Data;

/// <summary>Columns as read, identifier columns as integers (values or DuckDB's hashes); <see cref="Index"/> turns
/// them into factors.</summary>
public sealed class RawPanel
{
    private readonly PanelRequest request;
    private readonly double[][] numeric;
    private readonly List<string> ids;
    private readonly IdColumn[] keys;
    private readonly Dictionary<long, string>?[] keyLabels;
    private readonly Dictionary<string, double[]> extra;
    private bool indexed;

    internal RawPanel(PanelRequest request, double[][] numeric, List<string> ids, IdColumn[] keys, Dictionary<long, string>?[] keyLabels, int dropped, Dictionary<string, double[]> extra)
    {
        this.request = request;
        this.numeric = numeric;
        this.ids = ids;
        this.keys = keys;
        this.keyLabels = keyLabels;
        RowsDroppedMissing = dropped;
        this.extra = extra;
    }

    /// <summary>Rows dropped because a model variable was missing (null or not finite).</summary>
    public int RowsDroppedMissing { get; }

    public int Rows => this.numeric[0].Length;

    /// <summary>Factorises the identifier columns (FE and cluster ids of any type; codes in order of first
    /// appearance); an interacted term <c>a^b</c> becomes one factor over the observed combinations.</summary>
    /// <remarks>Consumes the panel: identifier columns held as 32-bit values become their codes in place (a fresh
    /// process pays for every new page it touches; at 10^7 rows three code arrays are 120 MB).</remarks>
    /// <exception cref="InvalidOperationException">The panel was already indexed.</exception>
    public EstimationData Index()
    {
        if (this.indexed) throw new InvalidOperationException("a raw panel is indexed once: its identifier columns became the codes");
        this.indexed = true;
        // Each identifier column is factorised on its own core: at 10^7 rows each is a pass of 40 MB. A column object
        // listed twice is factorised into a new array, so the two passes never write what the other reads.
        var built = new Factor[this.ids.Count];
        var shared = this.keys.Select(k => this.keys.Count(other => ReferenceEquals(other, k)) > 1).ToArray();
        try
        {
            Parallel.For(0, this.ids.Count, c => built[c] = IdFactorizer.Factorize(this.ids[c], this.keys[c], this.keyLabels[c], inPlace: !shared[c]));
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0 && ex.InnerExceptions.All(e => e is InvalidDataException))
        {
            // Callers catch the reader's own errors by type; the cores' wrapper is not one of them.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
            throw;
        }
        var factors = this.ids.Select((name, c) => (name, c)).ToDictionary(p => p.name, p => built[p.c], StringComparer.Ordinal);
        Factor Of(string name) => factors[name];
        var terms = this.request.FixedEffects.Select(FixedEffectTerm.Parse).ToList();
        var next = 1;
        double[] Numeric(int count)
        {
            var col = this.numeric[next];
            next += count;
            return col;
        }
        var x = Enumerable.Range(0, this.request.X.Count).Select(_ => Numeric(1)).ToArray();
        var endogenous = Enumerable.Range(0, this.request.Endogenous.Count).Select(_ => Numeric(1)).ToArray();
        var instruments = Enumerable.Range(0, this.request.Instruments.Count).Select(_ => Numeric(1)).ToArray();
        var slopes = terms.Select(t => t.Slope is null ? null : new VaryingSlope(t.Slope, Numeric(1), t.SlopeOnly)).ToArray();
        var time = this.request.PanelId.Count == 2 ? Factor.Ordered(this.request.PanelId[1], Numeric(1)) : null;
        var fixedEffects = terms.Select(t => t.Factors.Count == 1 ? Rename(Of(t.Factors[0]), t.Text) : IdFactorizer.Interact(t.Text, t.Factors.Select(Of).ToArray())).ToArray();
        return new EstimationData(this.request.Y, this.numeric[0], this.request.X, x, fixedEffects, this.request.Clusters.Select(Of).ToArray())
        {
            RowsDroppedMissing = RowsDroppedMissing,
            Extra = this.extra,
            Slopes = slopes.Any(s => s is not null) ? slopes : [],
            EndogenousNames = this.request.Endogenous,
            Endogenous = endogenous,
            InstrumentNames = this.request.Instruments,
            Instruments = instruments,
            PanelUnit = this.request.PanelId.Count == 2 ? Of(this.request.PanelId[0]) : null,
            PanelTime = time,
        };
    }

    /// <summary>The same codes under the term's name (<c>a[x]</c> is shown as written); the factor itself is shared, so
    /// an FE that is also the cluster variable is still recognised as nested without a pass.</summary>
    private static Factor Rename(Factor f, string name) =>
        f.Name == name ? f : new Factor(name, f.Codes, f.Levels, f.Labels);
}
