using DuckDB.NET.Data;
using Warehouse.Analysis.Data;

namespace Warehouse.Etl.Transform;

/// <summary>
/// Builds the model layers of a build's own file on several connections at once, as dbt's <c>threads</c> do: each
/// relation (its create statement and its comments, in one transaction) starts as soon as every relation it reads
/// exists, those with the most relations downstream first. The build's connection runs one DuckDB thread
/// (<see cref="WarehouseConnection.WritingThreads"/>), and the model's small statements would leave the second core idle.
/// </summary>
/// <remarks>For a file no one reads yet: a failure stops the scheduling, lets the relations already running finish
/// and throws, leaving what was built (the build then abandons the file). On a warehouse someone reads,
/// <see cref="SqlModel.Apply(DuckDBConnection, TransformSettings, string?)"/> keeps its single transaction.</remarks>
public static class ConcurrentTransform
{
    /// <summary>A connection per core, at most four: the model is some twenty relations, rarely more than four ready at once.</summary>
    public static int DefaultConnections => Math.Clamp(Environment.ProcessorCount, 1, 4);

    /// <summary>Writes the cfg tables and seeds, then (re)creates every relation of sql/ on <paramref name="connections"/>
    /// connections: <paramref name="connection"/> and others opened on its file (in one process DuckDB.NET gives them
    /// the same database instance) or, in memory, its duplicates.</summary>
    /// <exception cref="SqlModelException">A statement failed; the message names its relation (the first to fail).</exception>
    public static void Apply(DuckDBConnection connection, TransformSettings settings, int connections, string? sqlFolder = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(connections, 1);
        var catalog = ModelCatalog.Load(sqlFolder);
        SqlModel.InTransaction(connection, [.. SqlModel.KindChanges(connection, catalog), .. SqlModel.Prelude(settings, catalog)]);

        var idle = new Stack<DuckDBConnection>([connection]);
        var duplicates = new List<DuckDBConnection>();
        try
        {
            for (int i = 1; i < connections; i++)
            {
                DuckDBConnection duplicate;
                try
                {
                    duplicate = SiblingConnection.Open(connection);
                }
                catch (DuckDBException e)
                {
                    throw new SqlModelException($"transform: {e.Message}", e);
                }

                duplicates.Add(duplicate);
                idle.Push(duplicate);
            }

            Run(catalog.Relations, idle);
        }
        finally
        {
            foreach (var duplicate in duplicates)
                duplicate.Dispose();
        }
    }

    private static void Run(IReadOnlyList<ModelRelation> relations, Stack<DuckDBConnection> idle)
    {
        var byName = relations.ToDictionary(r => r.Name, StringComparer.Ordinal);
        var dependents = relations.ToDictionary(r => r.Name, _ => new List<ModelRelation>(), StringComparer.Ordinal);
        var waitingFor = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var relation in relations)
        {
            var reads = relation.References.Where(byName.ContainsKey).ToList();
            waitingFor[relation.Name] = reads.Count;
            foreach (string read in reads)
                dependents[read].Add(relation);
        }

        var downstream = Downstream(relations, dependents);
        var order = relations.Select((r, i) => (r.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        var ready = new PriorityQueue<ModelRelation, (int, int)>();
        foreach (var relation in relations.Where(r => waitingFor[r.Name] == 0))
            ready.Enqueue(relation, (-downstream[relation.Name], order[relation.Name]));

        var running = new List<Task<(ModelRelation Relation, DuckDBConnection Connection, Exception? Error)>>();
        Exception? failure = null;
        while (true)
        {
            while (failure is null && ready.Count > 0 && idle.Count > 0)
            {
                var relation = ready.Dequeue();
                var connection = idle.Pop();
                running.Add(Task.Run(() => Build(connection, relation)));
            }

            if (running.Count == 0)
                break;
            int finished = Task.WaitAny([.. running]);
            var (built, freed, error) = running[finished].Result;
            running.RemoveAt(finished);
            idle.Push(freed);
            if (error is not null)
            {
                failure ??= error;
                continue;
            }

            foreach (var dependent in dependents[built.Name])
            {
                if (--waitingFor[dependent.Name] == 0)
                    ready.Enqueue(dependent, (-downstream[dependent.Name], order[dependent.Name]));
            }
        }

        if (failure is not null)
            throw failure;
    }

    /// <summary>How many relations read each one, directly or through others: the longer the chain it holds up, the sooner it runs.</summary>
    private static Dictionary<string, int> Downstream(IReadOnlyList<ModelRelation> relations, Dictionary<string, List<ModelRelation>> dependents)
    {
        var below = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        // The catalog is in topological order: every dependent comes after what it reads.
        for (int i = relations.Count - 1; i >= 0; i--)
        {
            var set = new HashSet<string>(StringComparer.Ordinal);
            foreach (var dependent in dependents[relations[i].Name])
            {
                set.Add(dependent.Name);
                set.UnionWith(below[dependent.Name]);
            }

            below[relations[i].Name] = set;
        }

        return below.ToDictionary(kv => kv.Key, kv => kv.Value.Count, StringComparer.Ordinal);
    }

    private static (ModelRelation, DuckDBConnection, Exception?) Build(DuckDBConnection connection, ModelRelation relation)
    {
        try
        {
            SqlModel.InTransaction(connection, SqlModel.RelationSteps(relation));
            return (relation, connection, null);
        }
        catch (SqlModelException e)
        {
            return (relation, connection, e);
        }
    }
}
