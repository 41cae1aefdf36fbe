using Warehouse.Etl.Vocabulary;

namespace Warehouse.Etl.Normalizing;

/// <summary>
/// A pinned unit (a table spec's <c>unit:</c>, <c>extract --unit</c>) serves the columns of its own kind only (亿元 the
/// money columns, not the count beside them); a pin of a kind none of the table's indicators has would be ignored
/// silently, so it is refused instead.
/// </summary>
public static class UnitPin
{
    /// <summary>Null when <paramref name="unit"/> measures what one of <paramref name="indicators"/> measures; else why not.</summary>
    /// <param name="unit">The pin as printed (<c>件</c>, <c>亿元</c>); an unknown unit is another check's error and gives null.</param>
    /// <param name="indicators">Vocabulary names the pin could serve; unknown names are ignored.</param>
    /// <returns>E.g. <c>'件' is a unit of count, none of gdp (100M yuan)</c>.</returns>
    public static string? Misfit(string unit, IEnumerable<string> indicators)
    {
        if (UnitCatalog.Lookup(unit) is not { } pinned)
            return null;
        var known = indicators.Distinct(StringComparer.Ordinal)
            .Select(i => IndicatorCatalog.Vocabulary.TryGetValue(i, out var info) ? info : null).OfType<IndicatorInfo>().ToList();
        if (known.Count == 0 || known.Any(i => UnitCatalog.DimensionOf(i.Unit) == pinned.Dimension))
            return null;
        return $"'{unit}' is a unit of {pinned.Dimension}, none of {string.Join(", ", known.Select(i => $"{i.Name} ({i.Unit})"))}";
    }

    /// <summary>The indicators a profile can give (its own and its column rules'), for checking a pin before any file is read.</summary>
    public static IReadOnlyList<string> IndicatorsOf(TableProfile profile) =>
        [.. (profile.Indicator is { } own ? [own] : Array.Empty<string>()).Concat(profile.Columns.Select(c => c.Indicator)).Distinct(StringComparer.Ordinal)];
}
