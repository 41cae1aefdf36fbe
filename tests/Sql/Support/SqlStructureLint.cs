using DuckDB.NET.Data;
using Warehouse.Etl.Transform;

namespace Warehouse.Tests.Sql.Support;

/// <summary>
/// The project's dbt_project_evaluator: rules about sql/'s structure, each problem a sentence naming the file.
/// </summary>
public static class SqlStructureLint
{
    private static readonly string[] KnownFolders = ["schema", "seeds", "tests", .. ModelLayer.All.Select(l => l.Folder)];

    public static List<string> Check(string sqlFolder)
    {
        var problems = new List<string>();
        foreach (string file in Directory.GetFiles(sqlFolder, "*.sql", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(sqlFolder, file);
            string top = relative.Split(Path.DirectorySeparatorChar)[0];
            if (!KnownFolders.Contains(top) || relative.Count(c => c == Path.DirectorySeparatorChar) != 1)
                problems.Add($"{relative}: SQL outside the known folders ({string.Join(", ", KnownFolders)}) is never run");
        }

        var catalog = ModelCatalog.Load(sqlFolder);
        foreach (var relation in catalog.Relations)
            CheckRelation(relation, problems);
        CheckDocsHaveFiles(sqlFolder, catalog, problems);
        CheckSingularTests(catalog, problems);
        if (problems.Count == 0)
            CheckDocumentedColumnsExist(catalog, problems);
        try
        {
            DataTestCompiler.Compile(catalog);
        }
        catch (InvalidDataException e)
        {
            problems.Add("data tests: " + e.Message);
        }

        return problems;
    }

    private static void CheckRelation(ModelRelation relation, List<string> problems)
    {
        string where = $"{relation.Layer.Folder}/{relation.Name}.sql";
        string code = relation.Sql.ToLowerInvariant();
        if (code.Contains("create ", StringComparison.Ordinal) || code.Contains("insert ", StringComparison.Ordinal))
            problems.Add($"{where}: a model file is one select; the file name names the relation (no create/insert)");
        if (!relation.Layer.Allows(relation.Name))
            problems.Add($"{where}: name must start with {string.Join(" or ", relation.Layer.Prefixes)} in {relation.Layer.Folder}/");
        if (relation.Layer.Folder == "staging")
        {
            foreach (string source in relation.Sources.Where(s => s != "staging.observation"))
                problems.Add($"{where}: staging reads only staging.observation, not {source}");
            foreach (string reference in relation.References.Where(r => !r.StartsWith("stg_", StringComparison.Ordinal)))
                problems.Add($"{where}: staging reads only staging, not {reference}");
        }
        else if (relation.Layer.Folder is "marts" or "indicators")
        {
            foreach (string source in relation.Sources.Where(s => s.StartsWith("staging.", StringComparison.Ordinal)))
                problems.Add($"{where}: {relation.Layer.Folder} never read staging directly ({source})");
            foreach (string reference in relation.References.Where(r => r.StartsWith("stg_", StringComparison.Ordinal)))
                problems.Add($"{where}: {relation.Layer.Folder} never read staging directly ({reference})");
        }

        var doc = relation.Doc;
        if (doc is null)
        {
            problems.Add($"{where}: not documented in _{relation.Layer.Folder}__models.yml");
            return;
        }

        if (string.IsNullOrWhiteSpace(doc.Description))
            problems.Add($"{where}: no description");
        foreach (var column in doc.Columns.Where(c => string.IsNullOrWhiteSpace(c.Description)))
            problems.Add($"{where}: column {column.Name} has no description");
        CheckKeyTested(where, doc, problems);
    }

    private static void CheckKeyTested(string where, ModelDoc doc, List<string> problems)
    {
        if (doc.Key.Count == 0)
        {
            problems.Add($"{where}: no key declared");
            return;
        }

        foreach (string key in doc.Key)
        {
            var column = doc.Columns.FirstOrDefault(c => c.Name == key);
            bool notNull = column?.Tests.Any(t => DataTestCompiler.Parse(t, where).Kind == "not_null") ?? false;
            // A nullable key part (item: null when the indicator has none) is allowed, but must be said in its description.
            bool nullableByDesign = column?.Description.Contains("null", StringComparison.OrdinalIgnoreCase) ?? false;
            if (!notNull && !nullableByDesign)
                problems.Add($"{where}: key column {key} has no not_null test");
        }

        bool unique = doc.Key.Count == 1
            ? doc.Columns.Any(c => c.Name == doc.Key[0] && c.Tests.Any(t => DataTestCompiler.Parse(t, where).Kind == "unique"))
            : doc.Tests.Select(t => DataTestCompiler.Parse(t, where)).Any(t => t.Kind == "unique"
                && t.Args.TryGetValue("columns", out var cols) && cols is IEnumerable<object> list
                && list.Select(c => c.ToString()).Order(StringComparer.Ordinal).SequenceEqual(doc.Key.Order(StringComparer.Ordinal)));
        if (!unique)
            problems.Add($"{where}: key ({string.Join(", ", doc.Key)}) has no unique test");
    }

    private static void CheckDocsHaveFiles(string sqlFolder, ModelCatalog catalog, List<string> problems)
    {
        foreach (var layer in ModelLayer.All)
        {
            string yaml = Path.Combine(sqlFolder, layer.Folder, $"_{layer.Folder}__models.yml");
            if (!File.Exists(yaml))
                continue;
            foreach (string line in File.ReadLines(yaml).Where(l => l.TrimStart().StartsWith("- name:", StringComparison.Ordinal) && l.StartsWith("  - ", StringComparison.Ordinal)))
            {
                string name = line.Split(':', 2)[1].Trim();
                if (catalog.Relations.All(r => r.Name != name || r.Layer != layer))
                    problems.Add($"{layer.Folder}/_{layer.Folder}__models.yml: documents {name}, which has no {layer.Folder}/{name}.sql");
            }
        }
    }

    private static void CheckSingularTests(ModelCatalog catalog, List<string> problems)
    {
        foreach (var test in catalog.SingularTests)
        {
            if (test.Doc is null)
                problems.Add($"tests/{test.Name}.sql: not declared (severity, description) in tests/_tests__tests.yml");
            else if (test.Doc.Relation is { } relation && catalog.Find(relation) is null)
                problems.Add($"tests/{test.Name}.sql: relation {relation} does not exist");
        }
    }

    /// <summary>Builds the model on an empty warehouse and compares every relation's columns with its docs.</summary>
    private static void CheckDocumentedColumnsExist(ModelCatalog catalog, List<string> problems)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        SqlModel.Migrate(connection, catalog.Folder);
        try
        {
            SqlModel.Apply(connection, TestWarehouse.DefaultSettings, catalog.Folder);
        }
        catch (SqlModelException e)
        {
            problems.Add("model does not build on an empty warehouse: " + e.Message);
            return;
        }

        foreach (var relation in catalog.Relations.Where(r => r.Doc is not null))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"select column_name from duckdb_columns() where schema_name = '{relation.Layer.Schema}' and table_name = '{relation.Name}' order by column_index";
            using var reader = command.ExecuteReader();
            var actual = new List<string>();
            while (reader.Read())
                actual.Add(reader.GetString(0));
            var documented = relation.Doc!.Columns.Select(c => c.Name).ToList();
            foreach (string missing in actual.Except(documented))
                problems.Add($"{relation.Layer.Folder}/{relation.Name}.sql: column {missing} is not documented");
            foreach (string extra in documented.Except(actual))
                problems.Add($"{relation.Layer.Folder}/_{relation.Layer.Folder}__models.yml: {relation.Name}.{extra} is documented but does not exist");
        }
    }
}
