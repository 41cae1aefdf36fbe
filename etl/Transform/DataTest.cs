namespace Warehouse.Etl.Transform;

/// <summary>One compiled data test: a query returning the rows that violate it.</summary>
/// <param name="Name">Unique name, e.g. <c>not_null__panel__co</c>.</param>
/// <param name="Relation">The relation under test.</param>
/// <param name="Severity"><c>error</c> (fails the build) or <c>warn</c>.</param>
/// <param name="Sql">Select returning failing rows; none means the test passes.</param>
public sealed record DataTest(string Name, string? Relation, string Severity, string Sql);
