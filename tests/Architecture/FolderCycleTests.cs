namespace Warehouse.Tests.Architecture;

/// <summary>The folders of every project form layers: no folder depends, directly or through others, on itself.</summary>
[TestFixture]
public sealed class FolderCycleTests
{
    /// <summary>Project folder → root namespace; a folder's namespace is the root namespace plus its path.</summary>
    internal static readonly IReadOnlyDictionary<string, string> Projects = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["etl"] = "Warehouse.Etl",
        ["analysis"] = "Warehouse.Analysis",
        ["demo"] = "Warehouse.Demo",
        ["bench"] = "Warehouse.Bench",
    };

    [Test]
    public void No_folder_depends_on_itself_through_others()
    {
        var graph = FolderGraph.Read(RepositoryPaths.Root, Projects);
        Assert.That(graph.Edges, Is.Not.Empty, "the reader found no dependencies at all: it is reading the wrong tree");
        var report = graph.Cycles().Select(cycle =>
            "cycle " + graph.ShortestCycle(cycle) + " (folders in it: " + string.Join(", ", cycle) + "):\n" + string.Join("\n",
                graph.Edges.Where(e => cycle.Contains(e.From) && cycle.Contains(e.To)).Select(e => $"  {e.From} -> {e.To}  ({e.Evidence})")));
        Assert.That(report, Is.Empty, string.Join("\n", report));
    }

    [Test]
    public void Every_namespace_is_its_folder()
    {
        var wrong = FolderGraph.ReadSources(RepositoryPaths.Root, Projects)
            .Where(f => f.Namespace is not null)
            .Where(f => f.Namespace != Projects[f.Path.Split('/')[0]] + string.Concat(f.Path.Split('/')[1..^1].Select(p => "." + p)))
            .Select(f => $"{f.Path}: namespace {f.Namespace}")
            .ToList();
        Assert.That(wrong, Is.Empty, string.Join("\n", wrong));
    }

    [Test]
    public void A_cycle_through_a_using_a_qualified_name_and_an_enclosing_type_is_found_and_named()
    {
        var files = new[]
        {
            new SourceFile("etl/Parsing", "etl/Parsing/A.cs", "Warehouse.Etl.Parsing",
                "using Warehouse.Etl.Normalizing;\nnamespace Warehouse.Etl.Parsing;\n// Warehouse.Etl.Loading in a comment is no dependency\nclass A { string s = \"Warehouse.Etl.Loading\"; }"),
            new SourceFile("etl/Normalizing", "etl/Normalizing/B.cs", "Warehouse.Etl.Normalizing",
                "namespace Warehouse.Etl.Normalizing;\nclass B { object c = Loading.C.Make(); }"),
            new SourceFile("etl/Loading", "etl/Loading/C.cs", "Warehouse.Etl.Loading",
                "namespace Warehouse.Etl.Loading;\nclass C { static C Make() => new(); Root r; }"),
            new SourceFile("etl", "etl/Root.cs", "Warehouse.Etl",
                "namespace Warehouse.Etl;\nclass Root { object p = new Warehouse.Etl.Parsing.A(); }"),
        };

        var graph = FolderGraph.Build(files, Projects);

        Assert.That(graph.Edges.Select(e => $"{e.From}->{e.To}"), Is.EquivalentTo(new[]
        {
            "etl/Parsing->etl/Normalizing", "etl/Normalizing->etl/Loading", "etl/Loading->etl", "etl->etl/Parsing",
        }));
        Assert.That(graph.Cycles().Single(), Is.EqualTo(new[] { "etl", "etl/Loading", "etl/Normalizing", "etl/Parsing" }));
        Assert.That(graph.Edges.Single(e => e.From == "etl/Normalizing").Evidence, Is.EqualTo("etl/Normalizing/B.cs:2 Loading.C"));
        Assert.That(graph.ShortestCycle(graph.Cycles().Single()), Is.EqualTo("etl -> etl/Parsing -> etl/Normalizing -> etl/Loading -> etl"));
    }

    [Test]
    public void Transitive_reduction_keeps_only_the_arrows_no_longer_path_implies()
    {
        var files = new[]
        {
            new SourceFile("etl/Cli", "etl/Cli/A.cs", "Warehouse.Etl.Cli",
                "using Warehouse.Etl.Pipeline;\nusing Warehouse.Etl.Staging;\nnamespace Warehouse.Etl.Cli;"),
            new SourceFile("etl/Pipeline", "etl/Pipeline/B.cs", "Warehouse.Etl.Pipeline",
                "using Warehouse.Etl.Staging;\nnamespace Warehouse.Etl.Pipeline;"),
            new SourceFile("etl/Staging", "etl/Staging/C.cs", "Warehouse.Etl.Staging", "namespace Warehouse.Etl.Staging;"),
        };

        var graph = FolderGraph.Build(files, Projects);

        Assert.That(graph.Cycles(), Is.Empty);
        Assert.That(graph.TransitiveReduction(), Is.EquivalentTo(new[] { ("etl/Cli", "etl/Pipeline"), ("etl/Pipeline", "etl/Staging") }));
    }

    [Test]
    public void The_architecture_documents_diagram_is_the_folder_graph()
    {
        var graph = FolderGraph.Read(RepositoryPaths.Root, Projects);
        var document = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "architecture.md"));
        const string start = "<!-- folder-graph:start -->";
        const string end = "<!-- folder-graph:end -->";
        var from = document.IndexOf(start, StringComparison.Ordinal);
        var to = document.IndexOf(end, StringComparison.Ordinal);
        Assert.That(from >= 0 && to > from, Is.True, $"docs/architecture.md has no diagram between {start} and {end}");
        var drawn = document[from..to].Split('\n')
            .Select(line => System.Text.RegularExpressions.Regex.Match(line, @"^\s*(\w+)\s*-->\s*(\w+)\s*$"))
            .Where(m => m.Success)
            .Select(m => (FolderGraph.FromMermaidId(m.Groups[1].Value), FolderGraph.FromMermaidId(m.Groups[2].Value)))
            .ToList();
        Assert.That(drawn, Is.EquivalentTo(graph.TransitiveReduction()),
            "docs/architecture.md's diagram is not the folder graph of the code; it should read:\n```mermaid\n" + graph.Mermaid() + "\n```");
    }
}
