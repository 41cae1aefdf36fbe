namespace Warehouse.Etl.Transform;

/// <summary>One compiled data test: a query returning the rows that violate it.</summary>
/// <param name="Name">Unique name, e.g. <c>not_null__panel__co</c>.</param>
/// <param name="Relation">The relation under test.</param>
/// <param name="Severity"><c>error</c> (fails the build) or <c>warn</c>.</param>
/// <param name="Sql">Select returning failing rows; none means the test passes.</param>
public sealed record DataTest(string Name, string? Relation, string Severity, string Sql)
{
    /// <summary>When the failing rows are those of one table that meet a condition — <see cref="Sql"/> is then
    /// <c>select * from {Table} where {Condition}</c> (not_null, accepted_values, accepted_range) — that table and
    /// condition, so that such tests of one table are counted in one scan; null for any other test.</summary>
    public DataTestRows? Rows { get; init; }

    /// <summary>A test failing the rows of <paramref name="table"/> that meet <paramref name="condition"/>.</summary>
    public static DataTest FailingRows(string name, string? relation, string severity, string table, string condition) =>
        new(name, relation, severity, $"select * from {table} where {condition}") { Rows = new DataTestRows(table, condition) };
}

/// <summary>The rows a row-wise test fails: those of <paramref name="Table"/> where <paramref name="Condition"/> is true.</summary>
/// <param name="Table">A qualified relation name, as SQL.</param>
/// <param name="Condition">A boolean SQL expression over the relation's columns (NULL counts as false, as in WHERE).</param>
public sealed record DataTestRows(string Table, string Condition);
