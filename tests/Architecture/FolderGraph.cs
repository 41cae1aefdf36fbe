using System.Text.RegularExpressions;

namespace Warehouse.Tests.Architecture;

/// <summary>One C# file of a project: its folder node (<c>etl/Parsing</c>, or <c>demo</c> for the project's root
/// folder), its path relative to the repository, its declared namespace and its text.</summary>
internal sealed record SourceFile(string Node, string Path, string? Namespace, string Text);

/// <summary>A dependency of one folder on another, and the first place that shows it (<c>file:line what</c>).</summary>
internal sealed record FolderEdge(string From, string To, string Evidence);

/// <summary>
/// The dependency graph between the folders of the C# projects, read from the sources as text (no compiler): a folder
/// depends on another when one of its files imports the other's namespace (<c>using</c>, <c>using static</c>, an
/// alias), names it fully or partly qualified (<c>Warehouse.Etl.Parsing.X</c>, <c>Parsing.X</c>), or uses a type of
/// an enclosing namespace by its bare name (C# resolves those without a <c>using</c>). Namespaces equal folders, so a
/// namespace names its folder.
/// </summary>
internal sealed partial class FolderGraph
{
    private FolderGraph(IReadOnlyList<string> nodes, IReadOnlyList<FolderEdge> edges)
    {
        Nodes = nodes;
        Edges = edges;
    }

    /// <summary>Every folder holding C# files, as <c>project</c> or <c>project/Folder</c>.</summary>
    public IReadOnlyList<string> Nodes { get; }

    /// <summary>One edge per (from, to) pair, with the first evidence found.</summary>
    public IReadOnlyList<FolderEdge> Edges { get; }

    /// <summary>Reads every <c>*.cs</c> file of the given projects below <paramref name="root"/> (bin and obj left out).</summary>
    /// <param name="root">The repository.</param>
    /// <param name="projects">Project folder → root namespace, e.g. <c>etl</c> → <c>Warehouse.Etl</c>.</param>
    public static FolderGraph Read(string root, IReadOnlyDictionary<string, string> projects) =>
        Build(ReadSources(root, projects), projects);

    /// <summary>The sources of the given projects with their folder nodes.</summary>
    public static IReadOnlyList<SourceFile> ReadSources(string root, IReadOnlyDictionary<string, string> projects)
    {
        var files = new List<SourceFile>();
        foreach (var project in projects.Keys.Order(StringComparer.Ordinal))
        {
            var folder = System.IO.Path.Combine(root, project);
            foreach (var path in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = System.IO.Path.GetRelativePath(root, path).Replace('\\', '/');
                var parts = relative.Split('/');
                if (parts.Contains("bin") || parts.Contains("obj"))
                    continue;
                var node = parts.Length > 2 ? parts[0] + "/" + parts[1] : parts[0];
                var text = File.ReadAllText(path);
                var ns = NamespaceLine().Match(CSharpText.CodeOnly(text));
                files.Add(new SourceFile(node, relative, ns.Success ? ns.Groups[1].Value : null, text));
            }
        }

        return files;
    }

    /// <summary>The graph of <paramref name="files"/>.</summary>
    public static FolderGraph Build(IReadOnlyList<SourceFile> files, IReadOnlyDictionary<string, string> projects)
    {
        var nodes = files.Select(f => f.Node).Distinct().Order(StringComparer.Ordinal).ToList();
        var folders = nodes.ToHashSet(StringComparer.Ordinal);
        var code = files.ToDictionary(f => f, f => CSharpText.CodeOnly(f.Text));

        // Types declared per node, for partly qualified names (Parsing.LabelText) and bare names of enclosing namespaces.
        var typesOf = files.GroupBy(f => f.Node).ToDictionary(
            g => g.Key,
            g => g.SelectMany(f => TypeDeclaration().Matches(code[f]).Select(m => m.Groups["name"].Value)).ToHashSet(StringComparer.Ordinal));

        var edges = new Dictionary<(string, string), FolderEdge>();
        void Add(SourceFile file, int offset, string? to, string what)
        {
            if (to is null || to == file.Node || !folders.Contains(to) || edges.ContainsKey((file.Node, to)))
                return;
            var line = code[file].AsSpan(0, offset).Count('\n') + 1;
            edges[(file.Node, to)] = new FolderEdge(file.Node, to, $"{file.Path}:{line} {what}");
        }

        foreach (var file in files)
        {
            var text = code[file];
            var project = file.Node.Split('/')[0];

            foreach (Match m in UsingDirective().Matches(text))
            {
                var name = m.Groups["name"].Value;
                Add(file, m.Index, NodeOf(name, projects, folders), "using " + name);
            }

            foreach (Match m in QualifiedName().Matches(text))
            {
                if (IsDirective(text, m.Index))
                    continue;
                Add(file, m.Index, NodeOf(m.Value, projects, folders), m.Value);
            }

            // Partly qualified through an enclosing namespace: Analysis.Inference.X from Warehouse.Etl.*, Parsing.X from Warehouse.Etl.*.
            foreach (Match m in DottedPair().Matches(text))
            {
                if (IsDirective(text, m.Index))
                    continue;
                var first = m.Groups[1].Value;
                var second = m.Groups[2].Value;
                var viaRoot = projects.FirstOrDefault(p => p.Value == "Warehouse." + first);
                if (viaRoot.Key is not null)
                {
                    var target = folders.Contains(viaRoot.Key + "/" + second) ? viaRoot.Key + "/" + second : viaRoot.Key;
                    Add(file, m.Index, target, m.Value);
                }
                else if (typesOf.TryGetValue(project + "/" + first, out var declared) && declared.Contains(second))
                {
                    Add(file, m.Index, project + "/" + first, m.Value);
                }
            }

            // Bare names of the project root's types, visible from every folder of the project.
            if (file.Node != project && typesOf.TryGetValue(project, out var rootTypes))
            {
                foreach (Match m in Identifier().Matches(text))
                {
                    if (rootTypes.Contains(m.Value) && !IsDirective(text, m.Index) && (m.Index == 0 || text[m.Index - 1] != '.'))
                        Add(file, m.Index, project, m.Value);
                }
            }
        }

        return new FolderGraph(nodes, edges.Values.OrderBy(e => e.From, StringComparer.Ordinal).ThenBy(e => e.To, StringComparer.Ordinal).ToList());
    }

    /// <summary>The folder a namespace or qualified name points into: <c>Warehouse.Etl.Parsing.LabelText</c> → <c>etl/Parsing</c>,
    /// <c>Warehouse.Bench.Timing</c> → <c>bench</c>; null outside the given projects.</summary>
    public static string? NodeOf(string qualified, IReadOnlyDictionary<string, string> projects, IReadOnlySet<string> folders)
    {
        foreach (var (project, rootNamespace) in projects)
        {
            if (qualified == rootNamespace)
                return project;
            if (!qualified.StartsWith(rootNamespace + ".", StringComparison.Ordinal))
                continue;
            var first = qualified[(rootNamespace.Length + 1)..].Split('.')[0];
            return folders.Contains(project + "/" + first) ? project + "/" + first : project;
        }

        return null;
    }

    /// <summary>The strongly connected components with more than one folder: every one is a cycle.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var successors = Successors();
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var result = new List<IReadOnlyList<string>>();
        var counter = 0;

        void Visit(string v)
        {
            index[v] = low[v] = counter++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in successors[v])
            {
                if (!index.ContainsKey(w))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], index[w]);
                }
            }

            if (low[v] != index[v])
                return;
            var component = new List<string>();
            string popped;
            do
            {
                popped = stack.Pop();
                onStack.Remove(popped);
                component.Add(popped);
            }
            while (popped != v);
            if (component.Count > 1)
                result.Add(component.Order(StringComparer.Ordinal).ToList());
        }

        foreach (var node in Nodes)
        {
            if (!index.ContainsKey(node))
                Visit(node);
        }

        return result;
    }

    /// <summary>A shortest closed path through the first folder of <paramref name="component"/> (a cycle of
    /// <see cref="Cycles"/>), as <c>a -> b -> a</c>.</summary>
    public string ShortestCycle(IReadOnlyList<string> component)
    {
        ArgumentNullException.ThrowIfNull(component);
        var inside = component.ToHashSet(StringComparer.Ordinal);
        var successors = Successors();
        var start = component[0];
        var previous = new Dictionary<string, string>();
        var queue = new Queue<string>([start]);
        while (queue.Count > 0)
        {
            var v = queue.Dequeue();
            foreach (var w in successors[v].Where(inside.Contains))
            {
                if (w == start)
                {
                    var path = new List<string> { start };
                    for (var u = v; u != start; u = previous[u])
                        path.Insert(1, u);
                    path.Add(start);
                    return string.Join(" -> ", path);
                }

                if (previous.TryAdd(w, v))
                    queue.Enqueue(w);
            }
        }

        return string.Join(", ", component);
    }

    /// <summary>The edges not implied by a longer path (the layer diagram's arrows); only meaningful without cycles.</summary>
    public IReadOnlyList<(string From, string To)> TransitiveReduction()
    {
        var successors = Successors();
        var reduced = new List<(string, string)>();
        foreach (var edge in Edges)
        {
            var viaOther = successors[edge.From].Where(s => s != edge.To).Any(s => Reaches(successors, s, edge.To));
            if (!viaOther)
                reduced.Add((edge.From, edge.To));
        }

        return reduced;
    }

    /// <summary>The layer diagram as a Mermaid flowchart: one subgraph per project, the arrows of
    /// <see cref="TransitiveReduction"/>. Node ids are the folder with <c>/</c> as <c>_</c>; a project's root folder is
    /// <c>project_root</c>.</summary>
    public string Mermaid()
    {
        var lines = new List<string> { "flowchart TD" };
        foreach (var project in Nodes.GroupBy(n => n.Split('/')[0]).OrderBy(g => ProjectOrder(g.Key)))
        {
            lines.Add($"    subgraph {project.Key}");
            foreach (var node in project)
                lines.Add($"        {MermaidId(node)}[\"{(node.Contains('/', StringComparison.Ordinal) ? node.Split('/')[1] : node + " (root)")}\"]");
            lines.Add("    end");
        }

        lines.AddRange(TransitiveReduction().Select(e => $"    {MermaidId(e.From)} --> {MermaidId(e.To)}"));
        return string.Join("\n", lines);
    }

    /// <summary>The Mermaid id of a folder (<c>etl/Cli</c> → <c>etl_Cli</c>, <c>etl</c> → <c>etl_root</c>).</summary>
    public static string MermaidId(string node) => node.Contains('/', StringComparison.Ordinal) ? node.Replace('/', '_') : node + "_root";

    /// <summary>The folder of a Mermaid id (the inverse of <see cref="MermaidId"/>).</summary>
    public static string FromMermaidId(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return id.EndsWith("_root", StringComparison.Ordinal) ? id[..^"_root".Length] : id.Replace('_', '/');
    }

    /// <summary>Projects top-down: the executable first, then what it references.</summary>
    private static int ProjectOrder(string project) => project switch
    {
        "etl" => 0,
        "bench" => 1,
        "demo" => 2,
        "analysis" => 3,
        _ => 4,
    };

    private static bool Reaches(Dictionary<string, List<string>> successors, string from, string to)
    {
        var seen = new HashSet<string>();
        var queue = new Queue<string>([from]);
        while (queue.Count > 0)
        {
            var v = queue.Dequeue();
            if (v == to)
                return true;
            if (!seen.Add(v))
                continue;
            foreach (var w in successors[v])
                queue.Enqueue(w);
        }

        return false;
    }

    private Dictionary<string, List<string>> Successors()
    {
        var successors = Nodes.ToDictionary(n => n, _ => new List<string>());
        foreach (var edge in Edges)
            successors[edge.From].Add(edge.To);
        return successors;
    }

    private static bool IsDirective(string text, int offset)
    {
        var lineStart = text.LastIndexOf('\n', Math.Max(0, offset - 1)) + 1;
        var head = text.AsSpan(lineStart, offset - lineStart).TrimStart();
        return head.StartsWith("namespace", StringComparison.Ordinal) || head.StartsWith("using", StringComparison.Ordinal) ||
               head.StartsWith("global using", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\s*namespace\s+([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();

    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?(?<name>Warehouse(?:\.\w+)+)\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();

    [GeneratedRegex(@"(?<![\w.])Warehouse(?:\.\w+)+")]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"(?<![\w.])([A-Z]\w*)\.([A-Z]\w*)")]
    private static partial Regex DottedPair();

    [GeneratedRegex(@"(?<![\w])[A-Z]\w*")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"\b(?:class|struct|interface|enum|record(?:\s+struct|\s+class)?)\s+(?<name>[A-Z]\w*)|\bdelegate\s+[\w<>?,\[\]\s.]+?\s+(?<name>[A-Z]\w*)\s*[<(]")]
    private static partial Regex TypeDeclaration();
}
