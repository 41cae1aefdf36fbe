using System.Text.Json;
using Warehouse.Etl.Serialization;

namespace Warehouse.Etl.Extraction;

/// <summary>
/// Compares each table's header with the same table's header in the previous edition read in the run and adds a
/// warning naming the labels that appeared or disappeared. The profile has already refused anything it cannot map;
/// this tells a data team that a yearbook's layout moved even where the profile still copes (reworded sectors,
/// a sixth high-tech group, a unit change).
/// </summary>
public static class LayoutDrift
{
    public static IReadOnlyList<TableExtraction> Annotate(IReadOnlyList<TableExtraction> results)
    {
        var annotated = results.ToArray(); // same order as the caller's: edition, then tables as configured
        var previous = new Dictionary<string, TableExtraction>(StringComparer.Ordinal);
        foreach (var index in Enumerable.Range(0, annotated.Length).OrderBy(i => annotated[i].Edition ?? int.MinValue))
        {
            var result = annotated[index];
            if (result.Fingerprint is null)
                continue;
            var key = result.Source + "\u001F" + result.TableId;
            if (previous.TryGetValue(key, out var before) && before.Fingerprint!.Fingerprint != result.Fingerprint.Fingerprint &&
                Describe(before, result) is { } change)
            {
                annotated[index] = result with { Warnings = [.. result.Warnings, change], LayoutChange = change };
            }

            previous[key] = result;
        }

        return annotated;
    }

    private static string? Describe(TableExtraction before, TableExtraction after)
    {
        var old = JsonSerializer.Deserialize(before.Fingerprint!.HeaderJson, WarehouseJson.Default.StringArray) ?? [];
        var now = JsonSerializer.Deserialize(after.Fingerprint!.HeaderJson, WarehouseJson.Default.StringArray) ?? [];
        var added = now.Except(old).ToList();
        var removed = old.Except(now).ToList();
        var parts = new List<string>();
        if (added.Count > 0)
            parts.Add("new header labels: " + Shortened(added));
        if (removed.Count > 0)
            parts.Add("labels gone: " + Shortened(removed));
        if (before.Fingerprint.Unit != after.Fingerprint.Unit)
            parts.Add($"unit '{before.Fingerprint.Unit}' → '{after.Fingerprint.Unit}'");
        return parts.Count == 0
            ? null
            : $"layout of {after.Source} table {after.TableId} changed between editions {before.Edition} and {after.Edition}: {string.Join("; ", parts)}";
    }

    /// <summary>At most <see cref="ListedLabels"/> labels, each cut at 24 characters (bilingual headers run long);
    /// meta.schema_fingerprint keeps the full header.</summary>
    private static string Shortened(IReadOnlyList<string> labels)
    {
        var shown = labels.Take(ListedLabels).Select(l => l.Length <= 24 ? l : l[..23] + "…");
        return string.Join(" | ", shown) + (labels.Count > ListedLabels ? $" (+{labels.Count - ListedLabels} more)" : "");
    }

    private const int ListedLabels = 6;
}
