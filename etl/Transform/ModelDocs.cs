namespace Warehouse.Etl.Transform;

/// <summary>A <c>_&lt;folder&gt;__models.yml</c> file: docs and data tests of the relations in one folder.</summary>
public sealed class ModelsFile
{
    public List<ModelDoc> Models { get; set; } = [];
}

/// <summary>Docs and tests of one relation.</summary>
public sealed class ModelDoc
{
    public string Name { get; set; } = "";

    public string Description { get; set; } = "";

    /// <summary>Columns that identify a row; the lint demands not_null on each and a unique test over them.</summary>
    public List<string> Key { get; set; } = [];

    /// <summary><c>table</c> or <c>view</c>, overriding the layer's default (dbt's per-model <c>materialized</c>).</summary>
    /// <value>The default value is null: the layer decides.</value>
    public string? Materialized { get; set; }

    public List<ColumnDoc> Columns { get; set; } = [];

    /// <summary>Relation-level tests (unique over several columns, row_count, …): a name or a one-key mapping.</summary>
    public List<object> Tests { get; set; } = [];
}

/// <summary>Docs and tests of one column. The description becomes its <c>COMMENT ON COLUMN</c>.</summary>
public sealed class ColumnDoc
{
    public string Name { get; set; } = "";

    public string Description { get; set; } = "";

    /// <summary>Column tests: <c>not_null</c>, <c>unique</c>, <c>relationships</c>, <c>accepted_range</c>, <c>accepted_values</c>.</summary>
    public List<object> Tests { get; set; } = [];
}

/// <summary>The <c>sql/tests/_tests__tests.yml</c> file: severity and description of each singular test.</summary>
public sealed class SingularTestsFile
{
    public List<SingularTestDoc> Tests { get; set; } = [];
}

/// <summary>One singular test: a query in sql/tests that returns the failing rows.</summary>
public sealed class SingularTestDoc
{
    public string Name { get; set; } = "";

    public string Description { get; set; } = "";

    /// <summary><c>error</c> fails the build; <c>warn</c> is reported only.</summary>
    /// <value>The default value is <c>error</c>.</value>
    public string Severity { get; set; } = "error";

    /// <summary>The relation the test is about, for meta.test_result.</summary>
    public string? Relation { get; set; }
}
