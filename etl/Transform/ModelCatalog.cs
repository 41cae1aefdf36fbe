using System.Text.RegularExpressions;
using Warehouse.Etl.Config;
using YamlDotNet.Serialization;

namespace Warehouse.Etl.Transform;

/// <summary>
/// Everything in sql/: the relations of each layer with their docs, in dependency order, and the singular
/// tests. Dependencies are read from the SQL itself (a relation depends on every other relation it names),
/// so the build order and the lineage graph can never disagree with the code.
/// </summary>
public sealed partial class ModelCatalog
{
    private ModelCatalog(string folder, IReadOnlyList<ModelRelation> relations, IReadOnlyList<SingularTest> singularTests)
    {
        Folder = folder;
        Relations = relations;
        SingularTests = singularTests;
    }

    /// <summary>The sql/ folder this catalog was read from.</summary>
    public string Folder { get; }

    /// <summary>Every relation, ordered so that each comes after the relations it reads.</summary>
    public IReadOnlyList<ModelRelation> Relations { get; }

    /// <summary>The singular tests of sql/tests, by file name.</summary>
    public IReadOnlyList<SingularTest> SingularTests { get; }

    /// <summary>The relation called <paramref name="name"/> (bare or schema-qualified), or null.</summary>
    public ModelRelation? Find(string name)
    {
        string bare = name.Contains('.', StringComparison.Ordinal) ? name[(name.LastIndexOf('.') + 1)..] : name;
        return Relations.FirstOrDefault(r => r.Name == bare);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string Stamp, ModelCatalog Catalog)> Cache = new();

    /// <summary>Reads sql/ (by default the copy beside the binary). Cached until a file under it changes.</summary>
    public static ModelCatalog Load(string? sqlFolder = null)
    {
        string folder = SqlFolder.Locate(sqlFolder);
        string stamp = Stamp(folder);
        if (Cache.TryGetValue(folder, out var cached) && cached.Stamp == stamp)
            return cached.Catalog;
        var catalog = Read(folder);
        Cache[folder] = (stamp, catalog);
        return catalog;
    }

    /// <summary>Every file's path, size and write time: a change to any of them invalidates the cache.</summary>
    private static string Stamp(string folder) =>
        string.Join("\n", new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories)
            .OrderBy(f => f.FullName, StringComparer.Ordinal)
            .Select(f => $"{f.FullName}|{f.Length}|{f.LastWriteTimeUtc.Ticks}"));

    private static ModelCatalog Read(string folder)
    {
        var deserializer = YamlBuilder.SnakeCase()
            .Build();

        var files = new List<(string Name, ModelLayer Layer, string Path, string Sql, ModelDoc? Doc)>();
        foreach (var layer in ModelLayer.All)
        {
            string layerFolder = Path.Combine(folder, layer.Folder);
            if (!Directory.Exists(layerFolder))
                continue;
            var docs = ReadDocs(deserializer, Path.Combine(layerFolder, $"_{layer.Folder}__models.yml"));
            foreach (string path in Directory.GetFiles(layerFolder, "*.sql").Order(StringComparer.Ordinal))
            {
                string name = Path.GetFileNameWithoutExtension(path);
                files.Add((name, layer, path, File.ReadAllText(path), docs.GetValueOrDefault(name)));
            }
        }

        var names = files.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var relations = files.Select(f =>
        {
            string code = SqlText.StripComments(f.Sql);
            var references = WordPattern().Matches(code).Select(m => m.Value)
                .Where(w => w != f.Name && names.Contains(w)).Distinct().Order(StringComparer.Ordinal).ToArray();
            var sources = SourcePattern().Matches(code).Select(m => m.Value.ToLowerInvariant())
                .Where(s => !names.Contains(s[(s.IndexOf('.', StringComparison.Ordinal) + 1)..]))
                .Distinct().Order(StringComparer.Ordinal).ToArray();
            return new ModelRelation(f.Name, f.Layer, f.Path, f.Sql, references, sources, f.Doc);
        }).ToList();

        return new ModelCatalog(folder, TopologicalOrder(relations), ReadSingularTests(deserializer, folder));
    }

    private static Dictionary<string, ModelDoc> ReadDocs(IDeserializer deserializer, string path)
    {
        if (!File.Exists(path))
            return [];
        try
        {
            var file = deserializer.Deserialize<ModelsFile?>(File.ReadAllText(path)) ?? new ModelsFile();
            // An empty YAML key ("tests:") deserialises to null; treat it as an empty list.
            foreach (var model in file.Models ??= [])
            {
                model.Key ??= [];
                model.Tests ??= [];
                model.Description ??= "";
                foreach (var column in model.Columns ??= [])
                {
                    column.Tests ??= [];
                    column.Description ??= "";
                }
            }

            return file.Models.ToDictionary(m => m.Name, StringComparer.Ordinal);
        }
        catch (Exception e) when (e is YamlDotNet.Core.YamlException or ArgumentException)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    private static List<SingularTest> ReadSingularTests(IDeserializer deserializer, string folder)
    {
        string testsFolder = Path.Combine(folder, "tests");
        if (!Directory.Exists(testsFolder))
            return [];
        string yamlPath = Path.Combine(testsFolder, "_tests__tests.yml");
        var docs = File.Exists(yamlPath)
            ? (deserializer.Deserialize<SingularTestsFile?>(File.ReadAllText(yamlPath)) ?? new SingularTestsFile())
                .Tests.ToDictionary(t => t.Name, StringComparer.Ordinal)
            : [];
        return Directory.GetFiles(testsFolder, "*.sql").Order(StringComparer.Ordinal)
            .Select(path =>
            {
                string name = Path.GetFileNameWithoutExtension(path);
                return new SingularTest(name, path, File.ReadAllText(path), docs.GetValueOrDefault(name));
            })
            .ToList();
    }

    /// <summary>Kahn's algorithm; ties broken by layer then name so the order is stable.</summary>
    private static List<ModelRelation> TopologicalOrder(List<ModelRelation> relations)
    {
        var layerIndex = ModelLayer.All.Select((l, i) => (l, i)).ToDictionary(p => p.l.Folder, p => p.i);
        var pending = relations.ToDictionary(r => r.Name, r => r.References.ToHashSet(StringComparer.Ordinal));
        var byName = relations.ToDictionary(r => r.Name);
        var ordered = new List<ModelRelation>();
        while (pending.Count > 0)
        {
            var ready = pending.Where(p => p.Value.Count == 0).Select(p => byName[p.Key])
                .OrderBy(r => layerIndex[r.Layer.Folder]).ThenBy(r => r.Name, StringComparer.Ordinal).FirstOrDefault()
                ?? throw new InvalidDataException(
                    "sql/ has a dependency cycle among: " + string.Join(", ", pending.Keys.Order(StringComparer.Ordinal)));
            ordered.Add(ready);
            pending.Remove(ready.Name);
            foreach (var refs in pending.Values)
                refs.Remove(ready.Name);
        }

        return ordered;
    }

    [GeneratedRegex(@"\b[A-Za-z_][A-Za-z0-9_]*\b")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"\b(?:staging|seeds|cfg)\.[A-Za-z_][A-Za-z0-9_]*\b", RegexOptions.IgnoreCase)]
    private static partial Regex SourcePattern();
}

/// <summary>A query in sql/tests that returns the rows violating an expectation.</summary>
public sealed record SingularTest(string Name, string FilePath, string Sql, SingularTestDoc? Doc);
