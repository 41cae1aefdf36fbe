using DuckDB.NET.Data;

namespace Warehouse.Etl.Transform;

/// <summary>The relations the docs site shows — every model of sql/ and every table the migrations create — with
/// columns, data tests and their last results, and lineage both ways.</summary>
/// <remarks>Dependencies come from the SQL itself (<see cref="ModelCatalog"/>), so the graph cannot disagree with the
/// build. With a warehouse at hand, column types and <c>COMMENT ON</c> text come from it and each test's last result
/// from <c>meta.test_result</c> (the latest row per test, i.e. the last build or <c>test</c> run that ran it).</remarks>
public static class DocsCatalog
{
    /// <param name="catalog">The sql/ model.</param>
    /// <param name="warehouse">An open warehouse, or null: types and results are then left blank.</param>
    public static IReadOnlyList<DocsRelation> Build(ModelCatalog catalog, DuckDBConnection? warehouse)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var live = warehouse is null ? [] : WarehouseColumns.Read(warehouse);
        var results = warehouse is null ? [] : WarehouseColumns.LastTestResults(warehouse);
        var tests = DataTestCompiler.Compile(catalog);
        var schemaTables = SchemaTables.Read(catalog.Folder);

        var upstream = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var relation in catalog.Relations)
        {
            upstream[relation.QualifiedName] = relation.References.Select(r => catalog.Find(r)!.QualifiedName)
                .Concat(relation.Sources).Distinct().Order(StringComparer.Ordinal).ToList();
        }
        foreach (var table in schemaTables) upstream.TryAdd(table.QualifiedName, []);
        var downstream = upstream.Keys.ToDictionary(k => k, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var (name, ups) in upstream)
            foreach (var up in ups)
                if (downstream.TryGetValue(up, out var list)) list.Add(name);

        DocsTest Result(DataTest test)
        {
            var last = results.GetValueOrDefault(test.Name);
            return new DocsTest(test.Name, test.Severity, last?.Status, last?.FailingRows, last?.RunId, last?.ExecutedAt);
        }

        var pages = new List<DocsRelation>();
        string Relative(string path) => Path.GetRelativePath(Path.GetDirectoryName(catalog.Folder)!, path).Replace('\\', '/');
        foreach (var relation in catalog.Relations)
        {
            var documented = relation.Doc?.Columns ?? [];
            var columnsLive = live.GetValueOrDefault((relation.Layer.Schema, relation.Name));
            var names = columnsLive?.Select(c => c.Name).ToList() ?? documented.Select(c => c.Name).ToList();
            var columns = names.Select(n =>
            {
                var doc = documented.FirstOrDefault(c => c.Name == n);
                var col = columnsLive?.FirstOrDefault(c => c.Name == n);
                var kinds = doc?.Tests.Select(t => DataTestCompiler.Parse(t, $"{relation.Name}.{n}").Kind).ToList() ?? [];
                return new DocsColumn(n, col?.Type, (col?.Comment ?? doc?.Description ?? "").Trim(), kinds);
            }).ToList();
            pages.Add(new DocsRelation(relation.QualifiedName, relation.Name, relation.Layer.Folder, relation.IsTable ? "table" : "view",
                relation.Doc?.Description.Trim() ?? "", columns, tests.Where(t => t.Relation == relation.Name).Select(Result).ToList(),
                upstream[relation.QualifiedName], downstream[relation.QualifiedName].Order(StringComparer.Ordinal).ToList(), relation.Sql.Trim(), Relative(relation.FilePath)));
        }
        foreach (var table in schemaTables.Where(t => pages.All(p => p.QualifiedName != t.QualifiedName)))
        {
            var columnsLive = live.GetValueOrDefault((table.Schema, table.Name));
            var columns = table.Columns.Select(c =>
            {
                var col = columnsLive?.FirstOrDefault(l => l.Name == c.Name);
                return new DocsColumn(c.Name, col?.Type ?? c.Type, (col?.Comment ?? c.Description).Trim(), []);
            }).ToList();
            pages.Add(new DocsRelation(table.QualifiedName, table.Name, "schema", "table", table.Description, columns, [], [],
                downstream[table.QualifiedName].Order(StringComparer.Ordinal).ToList(), table.Ddl, Relative(table.FilePath)));
        }
        return pages;
    }
}
