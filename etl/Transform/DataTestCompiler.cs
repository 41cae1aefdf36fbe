using System.Globalization;

namespace Warehouse.Etl.Transform;

/// <summary>
/// Turns the YAML-declared tests (not_null, unique, relationships, accepted_range, accepted_values, row_count)
/// and the singular tests of sql/tests into queries that return failing rows.
/// Every generic test takes optional <c>severity</c> (error | warn, default error) and <c>where</c> (a filter).
/// </summary>
public static class DataTestCompiler
{
    /// <summary>The test kinds the YAML may name.</summary>
    public static IReadOnlyList<string> Kinds { get; } =
        ["not_null", "unique", "relationships", "accepted_range", "accepted_values", "row_count"];

    /// <summary>Every test of the catalog, generic first (in relation order), then singular.</summary>
    public static IReadOnlyList<DataTest> Compile(ModelCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var tests = new List<DataTest>();
        foreach (var relation in catalog.Relations.Where(r => r.Doc is not null))
        {
            foreach (var column in relation.Doc!.Columns)
            {
                foreach (var test in column.Tests)
                    tests.Add(CompileGeneric(catalog, relation, column.Name, test));
            }

            foreach (var test in relation.Doc.Tests)
                tests.Add(CompileGeneric(catalog, relation, null, test));
        }

        foreach (var singular in catalog.SingularTests)
        {
            string severity = singular.Doc?.Severity ?? "error";
            CheckSeverity(severity, singular.FilePath);
            tests.Add(new DataTest(singular.Name, singular.Doc?.Relation, severity, singular.Sql.TrimEnd().TrimEnd(';')));
        }

        return tests;
    }

    /// <summary>Reads one YAML test entry: a bare name or a mapping of one name to its arguments.</summary>
    public static (string Kind, IReadOnlyDictionary<string, object?> Args) Parse(object entry, string where)
    {
        switch (entry)
        {
            case string name:
                return (name, new Dictionary<string, object?>());
            case IDictionary<object, object?> map when map.Count == 1:
                var pair = map.Single();
                var args = pair.Value switch
                {
                    null => new Dictionary<string, object?>(),
                    IDictionary<object, object?> a => a.ToDictionary(kv => Convert.ToString(kv.Key, CultureInfo.InvariantCulture)!, kv => kv.Value),
                    _ => throw new InvalidDataException($"{where}: the arguments of test '{pair.Key}' must be a mapping"),
                };
                return (Convert.ToString(pair.Key, CultureInfo.InvariantCulture)!, args);
            default:
                throw new InvalidDataException($"{where}: a test must be a name or a mapping of one name to its arguments");
        }
    }

    private static DataTest CompileGeneric(ModelCatalog catalog, ModelRelation relation, string? column, object entry)
    {
        string where = $"{relation.Name}{(column is null ? "" : "." + column)}";
        var (kind, args) = Parse(entry, where);
        string severity = Text(args, "severity") ?? "error";
        CheckSeverity(severity, where);
        string table = relation.QualifiedName;
        string filter = Text(args, "where") is { } w ? $"({w})" : "true";
        string? col = column is null ? null : SqlText.Identifier(column);
        string Need(string? value, string what) =>
            value ?? throw new InvalidDataException($"{where}: test '{kind}' needs {what}");

        (string name, string? sql, string? condition) = kind switch
        {
            "not_null" => ($"not_null__{relation.Name}__{Need(column, "a column")}", null,
                $"{filter} and {Need(col, "a column")} is null"),
            "unique" => Query(Unique(relation, table, filter, column is null ? Strings(args, "columns") : [column], where)),
            "relationships" => Query(Relationships(catalog, relation, table, filter, Need(column, "a column"), args, where)),
            "accepted_range" => AcceptedRange(relation, filter, Need(column, "a column"), args, where),
            "accepted_values" => ($"accepted_values__{relation.Name}__{Need(column, "a column")}", null,
                $"{filter} and {col} is not null and {col} not in ({string.Join(", ", Values(args, where))})"),
            "row_count" => Query(RowCount(catalog, relation, table, filter, args, where)),
            _ => throw new InvalidDataException($"{where}: unknown test '{kind}' (known: {string.Join(", ", Kinds)})"),
        };
        string testName = Text(args, "name") ?? name;
        return condition is null
            ? new DataTest(testName, relation.Name, severity, sql!)
            : DataTest.FailingRows(testName, relation.Name, severity, table, condition);
    }

    private static (string Name, string? Sql, string? Condition) Query((string Name, string Sql) test) => (test.Name, test.Sql, null);

    private static (string, string) Unique(ModelRelation relation, string table, string filter, IReadOnlyList<string> columns, string where)
    {
        if (columns.Count == 0)
            throw new InvalidDataException($"{where}: a relation-level unique test needs columns: [...]");
        string list = string.Join(", ", columns.Select(SqlText.Identifier));
        return ($"unique__{relation.Name}__{string.Join("__", columns)}",
            $"select {list}, count(*) as duplicates from {table} where {filter} group by {list} having count(*) > 1");
    }

    private static (string, string) Relationships(ModelCatalog catalog, ModelRelation relation, string table, string filter,
        string column, IReadOnlyDictionary<string, object?> args, string where)
    {
        string to = Text(args, "to") ?? throw new InvalidDataException($"{where}: relationships needs to:");
        string field = Text(args, "field") ?? column;
        string parent = catalog.Find(to)?.QualifiedName
            ?? (to.Contains('.', StringComparison.Ordinal) ? to : throw new InvalidDataException($"{where}: relationships to unknown relation '{to}'"));
        string col = SqlText.Identifier(column);
        return ($"relationships__{relation.Name}__{column}__{catalog.Find(to)?.Name ?? to}",
            $"select child.* from (select * from {table} where {filter}) as child where child.{col} is not null " +
            $"and not exists (select 1 from {parent} as parent where parent.{SqlText.Identifier(field)} = child.{col})");
    }

    private static (string, string?, string) AcceptedRange(ModelRelation relation, string filter, string column,
        IReadOnlyDictionary<string, object?> args, string where)
    {
        string col = SqlText.Identifier(column);
        bool inclusive = !string.Equals(Text(args, "inclusive"), "false", StringComparison.OrdinalIgnoreCase);
        var conditions = new List<string>();
        if (Number(args, "min", where) is { } min)
            conditions.Add($"{col} {(inclusive ? "<" : "<=")} {SqlText.Number(min)}");
        if (Number(args, "max", where) is { } max)
            conditions.Add($"{col} {(inclusive ? ">" : ">=")} {SqlText.Number(max)}");
        if (conditions.Count == 0)
            throw new InvalidDataException($"{where}: accepted_range needs min: and/or max:");
        // NaN and infinities are never in range.
        conditions.Add($"isnan({col})");
        conditions.Add($"isinf({col})");
        return ($"accepted_range__{relation.Name}__{column}", null, $"{filter} and {col} is not null and ({string.Join(" or ", conditions)})");
    }

    private static (string, string) RowCount(ModelCatalog catalog, ModelRelation relation, string table, string filter,
        IReadOnlyDictionary<string, object?> args, string where)
    {
        string actual = $"(select count(*) from {table} where {filter})";
        string expected;
        if (Text(args, "same_as") is { } other)
        {
            string otherTable = catalog.Find(other)?.QualifiedName
                ?? throw new InvalidDataException($"{where}: row_count same_as unknown relation '{other}'");
            expected = $"(select count(*) from {otherTable})";
            return ($"row_count__{relation.Name}", $"select actual, expected from (select {actual} as actual, {expected} as expected) where actual <> expected");
        }

        var conditions = new List<string>();
        if (Number(args, "equals", where) is { } eq)
            conditions.Add($"actual <> {SqlText.Number(eq)}");
        if (Number(args, "min", where) is { } min)
            conditions.Add($"actual < {SqlText.Number(min)}");
        if (Number(args, "max", where) is { } max)
            conditions.Add($"actual > {SqlText.Number(max)}");
        if (conditions.Count == 0)
            throw new InvalidDataException($"{where}: row_count needs equals:, min:, max: or same_as:");
        return ($"row_count__{relation.Name}", $"select actual from (select {actual} as actual) where {string.Join(" or ", conditions)}");
    }

    private static void CheckSeverity(string severity, string where)
    {
        if (severity is not ("error" or "warn"))
            throw new InvalidDataException($"{where}: severity must be error or warn; got '{severity}'");
    }

    private static string? Text(IReadOnlyDictionary<string, object?> args, string key) =>
        args.TryGetValue(key, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;

    private static double? Number(IReadOnlyDictionary<string, object?> args, string key, string where)
    {
        if (Text(args, key) is not { } text)
            return null;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : throw new InvalidDataException($"{where}: {key} must be a number; got '{text}'");
    }

    private static List<string> Strings(IReadOnlyDictionary<string, object?> args, string key) =>
        args.TryGetValue(key, out var value) && value is IEnumerable<object?> list
            ? list.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)!).ToList()
            : [];

    private static IEnumerable<string> Values(IReadOnlyDictionary<string, object?> args, string where)
    {
        var values = Strings(args, "values");
        if (values.Count == 0)
            throw new InvalidDataException($"{where}: accepted_values needs values: [...]");
        return values.Select(SqlText.Literal);
    }
}
