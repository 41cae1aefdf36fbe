using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Warehouse.Etl.Config;

/// <summary>Where every key and value of a YAML document sits, so errors found after deserialising (and the
/// deserialiser's own errors) can name <c>line:column</c> and the key's place in the tree.</summary>
internal sealed class YamlPositions
{
    private readonly Dictionary<string, Mark> keyMarks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Mark> valueMarks = new(StringComparer.Ordinal);
    private readonly List<(Mark Start, string[] Path)> nodes = [];

    /// <summary>Indexes the first document; throws <see cref="YamlException"/> for syntax errors and
    /// <see cref="DuplicateKeyException"/> (with the key's path) for a key given twice in one mapping.</summary>
    public static YamlPositions Index(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        var positions = new YamlPositions();
        parser.Consume<StreamStart>();
        if (parser.TryConsume<DocumentStart>(out _))
        {
            try
            {
                positions.Walk(parser, []);
            }
            catch (InvalidOperationException ex)
            {
                // YamlDotNet's scanner throws this (not a YamlException) on some unterminated flow collections.
                var at = parser.Current?.Start ?? Mark.Empty;
                throw new YamlException(at, at, $"the YAML does not parse after this point (an unclosed '[' or '{{', or a stray quote?): {ex.Message}");
            }
        }

        return positions;
    }

    /// <summary>Position of the key at <paramref name="path"/> (or of its value when it is a list item), if present.</summary>
    public Mark? KeyOf(params string[] path) =>
        keyMarks.TryGetValue(Join(path), out var mark) ? mark : ValueOf(path);

    /// <summary>Position of the value at <paramref name="path"/>, if present.</summary>
    public Mark? ValueOf(params string[] path) =>
        valueMarks.TryGetValue(Join(path), out var mark) ? mark : null;

    /// <summary>The path of the node starting at <paramref name="mark"/>, or of the nearest node before it.</summary>
    public string[] PathAt(Mark mark)
    {
        string[] best = [];
        long bestIndex = -1;
        foreach (var (start, path) in nodes)
        {
            if (start.Index <= mark.Index && start.Index >= bestIndex)
            {
                // Later entries at the same position are deeper (a value's first key shares its mapping's start).
                best = path;
                bestIndex = start.Index;
            }
        }

        return best;
    }

    private void Walk(IParser parser, string[] path)
    {
        if (parser.TryConsume<MappingStart>(out _))
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var keyEvent = parser.Current!;
                string key = keyEvent is Scalar scalar ? scalar.Value : keyEvent.ToString() ?? "";
                string[] child = [.. path, key];
                if (!seen.Add(key))
                {
                    throw new DuplicateKeyException(keyEvent.Start, key, path);
                }

                keyMarks[Join(child)] = keyEvent.Start;
                nodes.Add((keyEvent.Start, child));
                Skip(parser);
                valueMarks[Join(child)] = parser.Current!.Start;
                Walk(parser, child);
            }
        }
        else if (parser.TryConsume<SequenceStart>(out _))
        {
            int i = 0;
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                string[] child = [.. path, (i++).ToString(System.Globalization.CultureInfo.InvariantCulture)];
                valueMarks[Join(child)] = parser.Current!.Start;
                nodes.Add((parser.Current!.Start, child));
                Walk(parser, child);
            }
        }
        else
        {
            Skip(parser);
        }
    }

    /// <summary>Consumes one node (scalar, alias, or a whole mapping/sequence) without indexing it.</summary>
    private static void Skip(IParser parser) => parser.SkipThisAndNestedEvents();

    private static string Join(string[] path) => string.Join('\u001f', path);
}

/// <summary>A key appears twice in one mapping (YAML would silently keep the last one).</summary>
internal sealed class DuplicateKeyException(Mark start, string key, string[] mappingPath)
    : YamlException(start, start, $"duplicate key '{key}'")
{
    public string Key { get; } = key;

    public IReadOnlyList<string> MappingPath { get; } = mappingPath;
}
