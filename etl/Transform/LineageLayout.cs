namespace Warehouse.Etl.Transform;

/// <summary>A node of the lineage drawing: its column (layer), its place in the column, and its box in pixels.</summary>
public sealed record LineageNode(string Name, int Layer, int Row, double X, double Y);

/// <summary>A layered (Sugiyama-style) left-to-right layout of the lineage DAG: each relation's column is the length of
/// the longest path from a relation that reads nothing; within a column, relations are ordered by the mean row of
/// what they read (one barycentre sweep, ties by name), which keeps most edges short and uncrossed.</summary>
public static class LineageLayout
{
    /// <summary>Box width and height of a node, and the gaps between columns and rows, in pixels.</summary>
    public const double NodeWidth = 230, NodeHeight = 26, ColumnGap = 70, RowGap = 10, Margin = 10;

    /// <param name="upstream">Node → the nodes it reads (every node is a key; edges to unknown names are ignored).</param>
    /// <exception cref="InvalidDataException">The graph has a cycle.</exception>
    public static IReadOnlyList<LineageNode> Layout(IReadOnlyDictionary<string, IReadOnlyList<string>> upstream)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        var layer = new Dictionary<string, int>(StringComparer.Ordinal);
        var visiting = new HashSet<string>(StringComparer.Ordinal);
        int LayerOf(string name)
        {
            if (layer.TryGetValue(name, out var known)) return known;
            if (!visiting.Add(name)) throw new InvalidDataException($"lineage has a cycle through {name}");
            var parents = upstream[name].Where(upstream.ContainsKey).ToList();
            var value = parents.Count == 0 ? 0 : parents.Max(LayerOf) + 1;
            visiting.Remove(name);
            return layer[name] = value;
        }
        foreach (var name in upstream.Keys) LayerOf(name);

        var row = new Dictionary<string, double>(StringComparer.Ordinal);
        var nodes = new List<LineageNode>();
        foreach (var column in layer.GroupBy(p => p.Value).OrderBy(g => g.Key))
        {
            var ordered = column.Select(p => p.Key)
                .Select(n => (Name: n, Centre: upstream[n].Where(row.ContainsKey).Select(p => row[p]).DefaultIfEmpty(double.MaxValue).Average()))
                .OrderBy(n => n.Centre).ThenBy(n => n.Name, StringComparer.Ordinal).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                row[ordered[i].Name] = i;
                nodes.Add(new LineageNode(ordered[i].Name, column.Key, i,
                    Margin + (column.Key * (NodeWidth + ColumnGap)), Margin + (i * (NodeHeight + RowGap))));
            }
        }
        return nodes;
    }
}
