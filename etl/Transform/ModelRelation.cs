namespace Warehouse.Etl.Transform;

/// <summary>One relation of the model: a select in sql/&lt;layer&gt;/&lt;name&gt;.sql and its YAML docs.</summary>
public sealed record ModelRelation(
    string Name,
    ModelLayer Layer,
    string FilePath,
    string Sql,
    IReadOnlyList<string> References,
    IReadOnlyList<string> Sources,
    ModelDoc? Doc)
{
    /// <summary>Schema-qualified name, e.g. <c>main.panel</c> or <c>intermediate.int_sample_grid</c>.</summary>
    public string QualifiedName => $"{Layer.Schema}.{Name}";

    /// <summary>The DDL that (re)creates the relation.</summary>
    public string CreateStatement =>
        $"create or replace {(Layer.IsTable ? "table" : "view")} {QualifiedName} as\n{Sql.TrimEnd().TrimEnd(';')}";
}
