using DuckDB.NET.Data;

namespace Warehouse.Etl.Transform;

/// <summary>Applies sql/ to a DuckDB database: schema DDL (migrations), then the model layers in order.</summary>
public static class SqlModel
{
    /// <summary>Applies sql/schema/*.sql in file-name order (idempotent DDL: meta, staging, cfg schemas).</summary>
    public static void Migrate(DuckDBConnection connection) => Migrate(connection, null);

    /// <summary>Applies &lt;sqlFolder&gt;/schema/*.sql in file-name order, in one transaction: a script that fails leaves
    /// the file as it was.</summary>
    /// <remarks>One commit rather than one per statement: each commit syncs DuckDB's write-ahead log to disk, and the
    /// two dozen statements of a new build's file had taken 60–75 ms (14–20 ms with the syncs skipped by eatmydata), and take
    /// 10–16 ms in one transaction.</remarks>
    public static void Migrate(DuckDBConnection connection, string? sqlFolder)
    {
        ArgumentNullException.ThrowIfNull(connection);
        InTransaction(connection, MigrationScripts(sqlFolder).Select(script => new ModelStep(script.Path, script.Sql)), "migration");
    }

    /// <summary>Writes the cfg tables from the settings and (re)creates every relation of the model layers.</summary>
    public static void Apply(DuckDBConnection connection, TransformSettings settings) => Apply(connection, settings, null);

    /// <summary>As <see cref="Apply(DuckDBConnection, TransformSettings)"/>, reading a given sql/ folder.</summary>
    /// <remarks>One transaction: a failure leaves the previous model in place.</remarks>
    public static void Apply(DuckDBConnection connection, TransformSettings settings, string? sqlFolder)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var plan = Plan(settings, sqlFolder);
        InTransaction(connection, KindChanges(connection, ModelCatalog.Load(sqlFolder)).Concat(plan));
    }

    /// <summary>Runs <paramref name="steps"/> (enumerated inside the transaction) in one transaction; rolls back and
    /// rethrows when one fails. <paramref name="what"/> labels a failure of the transaction's own begin and commit.</summary>
    /// <remarks>DuckDB.NET's transaction, as the load, the run steps, the test results and the carry-over use: it rolls
    /// back on dispose whatever a failed step left open, and a commit that fails (a full disk) is reported as itself,
    /// not hidden by a rollback of a transaction DuckDB has already ended.</remarks>
    internal static void InTransaction(DuckDBConnection connection, IEnumerable<ModelStep> steps, string what = "transform")
    {
        DuckDBTransaction transaction;
        try
        {
            transaction = connection.BeginTransaction();
        }
        catch (DuckDBException e)
        {
            throw new SqlModelException($"{what}: {e.Message}", e);
        }

        using (transaction)
        {
            foreach (var step in steps)
                Execute(connection, step.Sql, step.Label);
            try
            {
                transaction.Commit();
            }
            catch (DuckDBException e)
            {
                throw new SqlModelException($"{what}: {e.Message}", e);
            }
        }
    }

    /// <summary>The statements <see cref="Apply(DuckDBConnection, TransformSettings, string?)"/> runs, in order (what <c>transform --dry-run</c> prints).</summary>
    public static IReadOnlyList<ModelStep> Plan(TransformSettings settings, string? sqlFolder = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var catalog = ModelCatalog.Load(sqlFolder);
        return [.. Prelude(settings, catalog), .. catalog.Relations.SelectMany(RelationSteps)];
    }

    /// <summary>What every relation may read besides other relations: the cfg tables and the seeds.</summary>
    internal static IEnumerable<ModelStep> Prelude(TransformSettings settings, ModelCatalog catalog) =>
        CfgWriter.Statements(settings).Select(s => new ModelStep("cfg", s))
            .Concat(SeedLoader.Statements(catalog.Folder).Select(s => new ModelStep("seeds", s)));

    /// <summary>A relation's create statement, then its comments.</summary>
    internal static IEnumerable<ModelStep> RelationSteps(ModelRelation relation)
    {
        yield return new ModelStep(relation.QualifiedName, relation.CreateStatement);
        // One command per relation for its comments: DuckDB runs the batch, saving a round trip per column.
        var comments = CommentStatements(relation).ToList();
        if (comments.Count > 0)
            yield return new ModelStep(relation.QualifiedName + " comments", string.Join(";\n", comments));
    }

    /// <summary>
    /// Drops for relations whose materialisation changed since the last transform (a view that is now a table, or
    /// the reverse): DuckDB's <c>create or replace</c> and <c>drop … if exists</c> both refuse the other kind.
    /// </summary>
    internal static IEnumerable<ModelStep> KindChanges(DuckDBConnection connection, ModelCatalog catalog)
    {
        var existing = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var command = connection.CreateCommand())
        {
            command.CommandText =
                "select schema_name || '.' || table_name, 'table' from duckdb_tables() where database_name = current_database() " +
                "union all select schema_name || '.' || view_name, 'view' from duckdb_views() where database_name = current_database() and not internal";
            using var reader = command.ExecuteReader();
            while (reader.Read())
                existing[reader.GetString(0)] = reader.GetString(1);
        }

        foreach (var relation in catalog.Relations)
        {
            if (existing.TryGetValue(relation.QualifiedName, out string? kind) && kind != (relation.IsTable ? "table" : "view"))
                yield return new ModelStep(relation.QualifiedName, $"drop {kind} {relation.QualifiedName}");
        }
    }

    /// <summary>The migration files, in the order they apply.</summary>
    public static IEnumerable<(string Path, string Sql)> MigrationScripts(string? sqlFolder = null)
    {
        string folder = Path.Combine(SqlFolder.Locate(sqlFolder), "schema");
        return Directory.GetFiles(folder, "*.sql").Order(StringComparer.Ordinal).Select(p => (p, File.ReadAllText(p)));
    }

    private static IEnumerable<string> CommentStatements(ModelRelation relation)
    {
        if (relation.Doc is null)
            yield break;
        string kind = relation.IsTable ? "table" : "view";
        if (relation.Doc.Description.Length > 0)
            yield return $"comment on {kind} {relation.QualifiedName} is {SqlText.Literal(relation.Doc.Description.Trim())}";
        foreach (var column in relation.Doc.Columns.Where(c => c.Description.Length > 0))
            yield return $"comment on column {relation.QualifiedName}.{SqlText.Identifier(column.Name)} is {SqlText.Literal(column.Description.Trim())}";
    }

    internal static void Execute(DuckDBConnection connection, string sql, string label)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        try
        {
            command.ExecuteNonQuery();
        }
        catch (DuckDBException e)
        {
            throw new SqlModelException($"{label}: {e.Message}", e);
        }
    }
}

/// <summary>One statement of the transform, labelled with what it builds.</summary>
public sealed record ModelStep(string Label, string Sql);

/// <summary>A statement of sql/ failed; the message names the file or relation.</summary>
public sealed class SqlModelException : Exception
{
    public SqlModelException(string message, Exception inner) : base(message, inner) { }
    public SqlModelException(string message) : base(message) { }
    public SqlModelException() { }
}
