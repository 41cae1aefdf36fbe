using Warehouse.Etl.Parsing;

namespace Warehouse.Etl.Normalizing;

/// <summary>The table profiles a configuration may name (loaded from <c>profiles/*.yml</c>), and detection of a
/// profile from a table's title and header.</summary>
public sealed class ProfileCatalog
{
    private readonly TableProfile[] all;

    /// <param name="profiles">The profiles, names unique.</param>
    public ProfileCatalog(IEnumerable<TableProfile> profiles)
    {
        all = profiles.ToArray();
        Names = all.Select(p => p.Name).ToArray();
    }

    /// <summary>Every profile name, for the config validator and help texts.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Every profile, in load order.</summary>
    public IReadOnlyList<TableProfile> Profiles => all;

    /// <summary>True when pipelines.yml may name this profile.</summary>
    public bool IsKnown(string name) => all.Any(p => p.Name == name);

    /// <summary>The profile of that name.</summary>
    /// <exception cref="KeyNotFoundException">No such profile; the message lists the known ones.</exception>
    public TableProfile Get(string name) =>
        all.FirstOrDefault(p => p.Name == name) ??
        throw new KeyNotFoundException($"unknown profile '{name}' (known: {string.Join(", ", Names)})");

    /// <summary>
    /// The profile that recognises the document's first table by its title lines and header labels; the highest
    /// priority wins among several.
    /// </summary>
    /// <exception cref="ProfileException">No profile recognises the table, or two of the same priority do; the message says which and suggests <c>--profile</c>.</exception>
    public TableProfile Detect(ParsedDocument document)
    {
        var table = document.Tables[0];
        var matching = all.Where(p => p.Detect.Any(rule => Holds(rule, p, table))).ToList();
        if (matching.Count == 0)
        {
            throw new ProfileException(
                $"file '{document.Source}': no profile recognises the table '{table.DisplayName}'; name one (--profile, or profile: in pipelines.yml): {string.Join(", ", Names)}");
        }

        var best = matching.Max(p => p.Priority);
        var top = matching.Where(p => p.Priority == best).ToList();
        if (top.Count > 1)
        {
            throw new ProfileException(
                $"file '{document.Source}': the table '{table.DisplayName}' is recognised by profiles {string.Join(" and ", top.Select(p => $"'{p.Name}' ({p.File})"))} with the same priority; name one (--profile) or set priority: in one of them");
        }

        return top[0];
    }

    private static bool Holds(DetectRule rule, TableProfile profile, RawTable table)
    {
        var title = string.Join(" ", table.TitleLines.Append(table.Title));
        if (rule.TitleAll.Count > 0 && !ProfileText.ContainsAll(title, rule.TitleAll))
            return false;
        if (rule.TitleAny.Count > 0 && !ProfileText.ContainsAny(title, rule.TitleAny))
            return false;
        if (rule.HeaderAny.Count > 0 && !table.Columns.Any(c => ProfileText.ContainsAny(c.Label, rule.HeaderAny)))
            return false;
        if (rule.HeaderYears && (table.Columns.Count == 0 || !table.Columns.All(c => CellValueParser.IsYearLike(c.Label, out _))))
            return false;
        if (rule.MinItemColumns > 0 && table.Columns.Count(c => SafeItem(profile, c.Label) is { } item && item != "total") < rule.MinItemColumns)
            return false;
        return true;
    }

    private static string? SafeItem(TableProfile profile, string label)
    {
        try
        {
            return profile.ResolveItem(label);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
