namespace Warehouse.Etl.Transform;

/// <summary>One column on a relation's docs page: its DuckDB type from the warehouse (or the DDL; null when neither is at
/// hand), its description, and the kinds of the data tests declared on it (<c>not_null</c>, <c>unique</c>, …).</summary>
public sealed record DocsColumn(string Name, string? Type, string Description, IReadOnlyList<string> Tests);

/// <summary>A data test of a relation with its last recorded result: <c>Status</c> is <c>pass</c>, <c>warn</c> or
/// <c>fail</c> from the latest <c>meta.test_result</c> row, null (and the rest too) when it never ran in the warehouse read.</summary>
public sealed record DocsTest(string Name, string Severity, string? Status, long? FailingRows, string? RunId, DateTimeOffset? ExecutedAt);

/// <summary>Everything a relation's page shows. <c>QualifiedName</c> is schema-qualified (<c>main.panel</c>,
/// <c>meta.run</c>) and names the page; <c>Layer</c> is the sql/ folder of a model (staging, intermediate, marts,
/// indicators) or <c>schema</c> for the tables the migrations create (meta, staging.observation, cfg, seeds);
/// <c>Upstream</c> and <c>Downstream</c> are the qualified names it reads and that read it; <c>Sql</c> is the model's
/// select or the table's DDL, from <c>SourceFile</c> (relative to the folder holding sql/).</summary>
public sealed record DocsRelation(string QualifiedName, string Name, string Layer, string Kind, string Description,
    IReadOnlyList<DocsColumn> Columns, IReadOnlyList<DocsTest> Tests, IReadOnlyList<string> Upstream, IReadOnlyList<string> Downstream,
    string Sql, string SourceFile)
{
    /// <summary>The page's path relative to the site root.</summary>
    public string Page => $"relations/{QualifiedName}.html";
}
