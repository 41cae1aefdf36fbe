using Warehouse.Etl.Config;
using Warehouse.Etl.Sources;

namespace Warehouse.Etl.Extraction;

/// <summary>
/// Which of an edition's files is a configured table: <c>match</c> (a glob on the file name or the link text) and
/// <c>title</c> (words of the link text), with a spreadsheet preferred over a page of the same name.
/// </summary>
public static class TableMatcher
{
    /// <summary>More candidates than this for a printed-title search is an error (each one would be fetched).</summary>
    public const int MaxTitleSearch = 40;

    /// <summary>The entries <c>match</c> and <c>title</c> select by name and link text.</summary>
    /// <param name="entries">The edition's files or links.</param>
    /// <param name="table">The table spec.</param>
    /// <param name="byPrintedTitle">Set when no link text names the title: the returned entries passed <c>match</c>
    /// only, and the caller must compare each fetched table's printed title with <see cref="TitleMatches"/>.</param>
    public static IReadOnlyList<SourceEntry> Select(IReadOnlyList<SourceEntry> entries, TableSettings table, out bool byPrintedTitle)
    {
        byPrintedTitle = false;
        var byGlob = table.Match is { } glob
            ? entries.Where(e => FileGlob.IsMatch(e.FileName, glob) || (e.LinkText is { } text && FileGlob.IsMatch(text, glob))).ToList()
            : entries.Where(e => IsTableFile(e.FileName)).ToList();
        if (table.Title is null)
            return PreferSpreadsheets(byGlob);

        var byText = byGlob.Where(e => e.LinkText is { } text && TitleMatches(text, table.Title)).ToList();
        if (byText.Count > 0)
            return PreferSpreadsheets(byText);
        byPrintedTitle = true;
        return PreferSpreadsheets(byGlob);
    }

    /// <summary>True when <paramref name="text"/> contains the spec's title words, white space ignored.</summary>
    public static bool TitleMatches(string text, string title) =>
        SiteCrawler.Squeeze(text).Contains(SiteCrawler.Squeeze(title), StringComparison.OrdinalIgnoreCase);

    /// <summary>How a spec is described in errors: <c>match 'x' and title 'y'</c>.</summary>
    public static string Describe(TableSettings table) =>
        string.Join(" and ", new[] { table.Match is { } m ? $"match '{m}'" : null, table.Title is { } t ? $"title '{t}'" : null }.OfType<string>());

    /// <summary>Where the same table is linked as a page and as a spreadsheet (<c>E0402C.htm</c>, <c>E0402C.xls</c>), the spreadsheet.</summary>
    private static List<SourceEntry> PreferSpreadsheets(List<SourceEntry> entries)
    {
        var withSheet = entries.Where(e => SiteCrawler.IsSpreadsheet(e.FileName)).Select(e => Stem(e.Location)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return entries.Where(e => SiteCrawler.IsSpreadsheet(e.FileName) || !withSheet.Contains(Stem(e.Location))).ToList();
    }

    private static string Stem(string location)
    {
        var dot = location.LastIndexOf('.');
        var slash = Math.Max(location.LastIndexOf('/'), location.LastIndexOf('\\'));
        return dot > slash ? location[..dot] : location;
    }

    private static bool IsTableFile(string fileName) =>
        Path.GetExtension(fileName).ToLowerInvariant() is ".htm" or ".html" or ".xls" or ".xlsx" or ".csv";
}
