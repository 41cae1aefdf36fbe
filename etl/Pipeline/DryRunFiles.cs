using System.Globalization;
using Warehouse.Etl.Config;
using Warehouse.Etl.Extraction;
using Warehouse.Etl.Sources;

namespace Warehouse.Etl.Pipeline;

/// <summary>For <c>--dry-run</c>: the file each (edition, table) of a source resolves to, found the way a real run
/// finds it (the edition folder listed, the table's <c>match</c> glob applied), without reading or archiving anything.</summary>
public static class DryRunFiles
{
    /// <summary>One line per edition: <c>2016  /data/labour/2016/urban_employment_by_sector.xlsx</c>, or what will go wrong.</summary>
    public static IEnumerable<string> Describe(SourceSettings source, TableSettings table, IReadOnlyCollection<int>? years)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(table);
        foreach (var edition in SourceExtractor.Editions(source, new ExtractRequest(years, Offline: false, FullRefresh: false)))
        {
            var label = edition?.ToString(CultureInfo.InvariantCulture) ?? "-";
            if (source.Kind == SourceKind.Http)
            {
                yield return $"{label}  found at run time in the index page under {source.Location}{(edition is null ? "" : label + "/")}";
                continue;
            }

            var folder = edition is null ? source.Location : Path.Combine(source.Location, label);
            if (!Directory.Exists(folder))
            {
                yield return source.Kind == SourceKind.Demo
                    ? $"{label}  {folder}: {TableMatcher.Describe(table)} (the demo mirror is generated on the first run)"
                    : $"{label}  no folder {folder}: this table will fail";
                continue;
            }

            var entries = Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal)
                .Select(f => new SourceEntry(Path.GetFileName(f), Path.GetFullPath(f))).ToList();
            var matches = TableMatcher.Select(entries, table, out bool byPrintedTitle);
            yield return matches.Count switch
            {
                0 => $"{label}  no file with {TableMatcher.Describe(table)} in {folder}: this table will fail",
                1 => $"{label}  {matches[0].Location}",
                _ when byPrintedTitle => $"{label}  one of {string.Join(", ", matches.Select(m => m.FileName))}, chosen by its printed title at run time",
                _ => $"{label}  {matches.Count} files with {TableMatcher.Describe(table)} in {folder}: this table will fail (make the glob specific)",
            };
        }
    }
}
