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

    /// <summary>Materialised as a table (the model's <c>materialized</c> when given, else the layer's default).</summary>
    public bool IsTable => Doc?.Materialized switch
    {
        null => Layer.IsTable,
        "table" => true,
        "view" => false,
        var other => throw new InvalidDataException($"{FilePath}: materialized must be table or view; got '{other}'"),
    };

    /// <summary>The DDL that (re)creates the relation.</summary>
    public string CreateStatement =>
        $"create or replace {(IsTable ? "table" : "view")} {QualifiedName} as\n{Sql.TrimEnd().TrimEnd(';')}";
}
