using Warehouse.Etl.Parsing;
using Warehouse.Etl.Staging;
using Warehouse.Etl.Vocabulary;

namespace Warehouse.Etl.Normalizing;

/// <summary>
/// Applies a <see cref="TableProfile"/> to a parsed document: maps rows to provinces (regional aggregates left out),
/// columns to items, converts units, and refuses (with file, table, row and column named) anything it cannot map.
/// </summary>
public static class ProfileApplier
{
    public static ProfileResult Apply(ParsedDocument document, TableProfile profile, ProfileContext context)
    {
        var warnings = new List<string>();
        var observations = new List<Observation>();
        var used = new List<RawTable>();
        if (profile.Shape == ProfileShape.PortalIndicator)
        {
            foreach (var table in document.Tables)
                observations.AddRange(ApplyPortal(table, context, warnings));
            used.AddRange(document.Tables);
        }
        else
        {
            foreach (var table in document.Tables)
            {
                var mapped = ApplyItems(table, profile, context, warnings, out var anyColumn);
                if (!anyColumn && document.Tables.Count > 1)
                {
                    warnings.Add($"{Where(table)}: no column belongs to profile '{profile.Name}'; table skipped");
                    continue;
                }

                observations.AddRange(mapped);
                used.Add(table);
            }
        }

        if (used.Count == 0)
            throw new ProfileException($"{Where(document.Tables[0])}: no table matches profile '{profile.Name}'");
        CheckDuplicates(observations, document.Source);
        return new ProfileResult(observations, warnings, SchemaFingerprint.Of(used));
    }

    private static string Where(RawTable table) => $"file '{table.Source}', table '{table.DisplayName}'";

    /// <summary>The row's province, region or national total; a label the catalog rejects (e.g. Chinese and English
    /// halves naming different provinces) becomes a profile error naming file, table and row.</summary>
    private static Place ResolvePlace(RawTable table, RawRow row)
    {
        try
        {
            return ProvinceCatalog.Resolve(row.Label);
        }
        catch (FormatException ex)
        {
            throw new ProfileException($"{Where(table)}, row '{row.Label}' ({row.Location}): {ex.Message}", ex);
        }
    }

    private static List<Observation> ApplyItems(RawTable table, TableProfile profile, ProfileContext context, List<string> warnings, out bool anyColumn)
    {
        var indicator = IndicatorCatalog.Vocabulary[profile.Indicator!];
        var resolver = profile.ItemResolver!;
        var year = table.Year ?? (context.Edition - 1) ??
                   throw new ProfileException($"{Where(table)}: the data year is printed nowhere and the source has no edition");
        if (table.Year is { } printed && context.Edition is { } edition && printed != edition - 1)
            warnings.Add($"{Where(table)}: title year {printed} is not edition {edition} - 1; the title wins");

        // Columns → items.
        var candidates = new List<(int Index, string Item, bool NamesMeasure)>();
        var unmatched = new List<string>();
        for (var i = 0; i < table.Columns.Count; i++)
        {
            var column = table.Columns[i];
            var label = column.Label.ToLowerInvariant();
            var namesMeasure = profile.MeasureKeywords.Any(k => label.Contains(k, StringComparison.Ordinal));
            var namesOther = profile.OtherMeasureKeywords.Any(k => label.Contains(k, StringComparison.Ordinal));
            if (namesOther && !namesMeasure)
                continue; // another measure printed beside ours (e.g. revenue beside export delivery)
            string? item;
            try
            {
                item = resolver(column.Label);
            }
            catch (FormatException ex)
            {
                throw new ProfileException($"{Where(table)}, column '{column.Label}': {ex.Message}", ex);
            }

            if (item is null && column.IsOfWhich && column.ParentIndex is { } parent && namesMeasure)
                item = SafeItem(resolver, table.Columns[parent].Label); // "#出口" under a group column
            if (item is null)
            {
                if (!namesMeasure || profile.MeasureKeywords.Count == 0)
                    unmatched.Add(column.Label);
                continue;
            }

            candidates.Add((i, item, namesMeasure));
        }

        anyColumn = candidates.Count > 0;
        if (unmatched.Count > 0)
        {
            var message = $"{Where(table)}: header labels not in profile '{profile.Name}': {string.Join(" | ", unmatched.Select(u => $"'{u}'"))}";
            if (!profile.Evolve && anyColumn)
                throw new ProfileException(message);
            warnings.Add(message + (anyColumn ? "; columns kept out" : string.Empty));
        }

        var byItem = new List<(int Index, string Item)>();
        var checkedOnly = new List<int>();
        foreach (var group in candidates.GroupBy(c => c.Item))
        {
            var list = group.ToList();
            if (list.Count > 1)
                list = list.Where(c => c.NamesMeasure).ToList();
            if (list.Count != 1)
            {
                throw new ProfileException(
                    $"{Where(table)}: item '{group.Key}' is printed in {group.Count()} columns ({string.Join(" | ", group.Select(c => table.Columns[c.Index].Label))}) and none is marked as the profile's measure");
            }

            if (group.Key != "total" || profile.StagesTotal)
                byItem.Add((list[0].Index, group.Key));
            else
                checkedOnly.Add(list[0].Index); // not staged, but a corrupt total still means a corrupt table
        }

        var tableUnit = table.UnitLines.Select(UnitCatalog.FindUnit).FirstOrDefault(u => u is not null)?.Printed;
        var observations = new List<Observation>();
        var unknownRows = new List<string>();
        foreach (var row in table.Rows)
        {
            var place = ResolvePlace(table, row);

            var rowYear = year;
            if (place.Kind == PlaceKind.Region)
                continue;
            if (place.Kind == PlaceKind.Unknown)
            {
                if (CellValueParser.IsYearLike(row.Label, out var labelYear))
                {
                    place = new Place(PlaceKind.National, 0); // a year block above the province block: national series
                    rowYear = labelYear;
                }
                else
                {
                    unknownRows.Add(row.Label);
                    continue;
                }
            }

            foreach (var index in checkedOnly)
            {
                if (row.Cells[index] is { IsInvalid: true } bad)
                    throw new ProfileException($"{Where(table)}, row '{row.Label}', column '{table.Columns[index].Label}' ({bad.Location}): '{bad.Raw}' is neither a number nor a missing marker");
            }

            foreach (var (index, item) in byItem)
            {
                var column = table.Columns[index];
                var cell = row.Cells[index];
                observations.Add(ToObservation(table, context, indicator, item, place.Code, rowYear, row, column, cell, column.Unit ?? tableUnit));
            }
        }

        if (unknownRows.Count > 0)
            throw new ProfileException($"{Where(table)}: row labels that are neither provinces, national totals nor regions: {string.Join(" | ", unknownRows.Select(u => $"'{u}'"))}");
        return observations;
    }

    private static string? SafeItem(Func<string, string?> resolver, string label)
    {
        try
        {
            return resolver(label);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static List<Observation> ApplyPortal(RawTable table, ProfileContext context, List<string> warnings)
    {
        var observations = new List<Observation>();
        var yearColumns = new List<(int Index, int Year)>();
        var indicatorColumns = new List<(int Index, string Indicator)>();
        var ignored = new List<string>();
        for (var i = 0; i < table.Columns.Count; i++)
        {
            var label = table.Columns[i].Label;
            if (CellValueParser.IsYearLike(label, out var y))
                yearColumns.Add((i, y));
            else if (IndicatorCatalog.Resolve(label) is { } ind)
                indicatorColumns.Add((i, ind));
            else
                ignored.Add(label);
        }

        var hint = IndicatorCatalog.IsKnown(context.TableId) ? context.TableId : null;
        var tableUnit = table.UnitLines.Select(UnitCatalog.FindUnit).FirstOrDefault(u => u is not null)?.Printed;
        var mapped = new List<(int Index, string Indicator, int Year)>();
        if (yearColumns.Count > 0 && indicatorColumns.Count == 0)
        {
            if (ignored.Count > 0)
                throw new ProfileException($"{Where(table)}: header labels that are not years: {string.Join(" | ", ignored.Select(u => $"'{u}'"))}");
            var printed = IndicatorCatalog.Resolve(table.Title);
            if (printed is not null && hint is not null && printed != hint)
                throw new ProfileException($"{Where(table)}: the file's indicator line names '{printed}' but the table is configured as '{hint}'");
            var indicator = printed ?? hint ??
                            throw new ProfileException($"{Where(table)}: no indicator line (指标：…) and table id '{context.TableId}' is not an indicator");
            mapped.AddRange(yearColumns.Select(c => (c.Index, indicator, c.Year)));
        }
        else if (indicatorColumns.Count > 0)
        {
            // Portal exports name the year in a 时间： line, yearbook tables in the title; an edition carries year edition - 1.
            var year = table.Year ?? (context.Edition - 1) ??
                       throw new ProfileException($"{Where(table)}: indicators as columns but neither a 时间： line, the title nor an edition names the year");
            var chosen = hint is null ? indicatorColumns : indicatorColumns.Where(c => c.Indicator == hint).ToList();
            if (chosen.Count == 0)
                throw new ProfileException($"{Where(table)}: no column carries indicator '{hint}'");
            if (chosen.GroupBy(c => c.Indicator).FirstOrDefault(g => g.Count() > 1 && g.Key != "urban_employment") is { } dup)
                throw new ProfileException($"{Where(table)}: indicator '{dup.Key}' is printed in several columns");
            mapped.AddRange(chosen.Select(c => (c.Index, c.Indicator, year)));
            if (ignored.Count > 0)
                warnings.Add($"{Where(table)}: columns not in the vocabulary kept out: {string.Join(" | ", ignored)}");
        }
        else
        {
            throw new ProfileException($"{Where(table)}: header labels are neither years nor known indicators: {string.Join(" | ", ignored.Select(u => $"'{u}'"))}");
        }

        var unknownRows = new List<string>();
        foreach (var row in table.Rows)
        {
            var place = ResolvePlace(table, row);

            if (place.Kind == PlaceKind.Region)
                continue;
            if (place.Kind == PlaceKind.Unknown)
            {
                unknownRows.Add(row.Label);
                continue;
            }

            foreach (var (index, indicatorName, year) in mapped)
            {
                var column = table.Columns[index];
                var indicator = IndicatorCatalog.Vocabulary[indicatorName];
                var item = indicatorName == "urban_employment" ? SectorCatalog.Resolve(column.Label) ?? "total" : indicator.Item;
                observations.Add(ToObservation(table, context, indicator, item, place.Code, year, row, column, row.Cells[index], column.Unit ?? tableUnit));
            }
        }

        if (unknownRows.Count > 0)
            throw new ProfileException($"{Where(table)}: row labels that are neither provinces nor national totals: {string.Join(" | ", unknownRows.Select(u => $"'{u}'"))}");
        return observations;
    }

    private static Observation ToObservation(
        RawTable table, ProfileContext context, IndicatorInfo indicator, string? item, short province, int year,
        RawRow row, RawColumn column, RawCell cell, string? rawUnit)
    {
        if (cell.IsInvalid)
            throw new ProfileException($"{Where(table)}, row '{row.Label}', column '{column.Label}' ({cell.Location}): '{cell.Raw}' is neither a number nor a missing marker");
        if (rawUnit is null)
            throw new ProfileException($"{Where(table)}, column '{column.Label}': no unit is printed in the header or above the table");
        double factor;
        try
        {
            factor = UnitCatalog.ConversionFactor(rawUnit, indicator.Unit);
        }
        catch (FormatException ex)
        {
            throw new ProfileException($"{Where(table)}, column '{column.Label}': {ex.Message}", ex);
        }

        double? value = cell.Value is { } v ? Scale(v, factor) : null;
        return new Observation(context.Source, context.Edition, context.TableId, province, checked((short)year), indicator.Name, item,
            value, indicator.Unit, rawUnit, context.RawSha256, cell.Location);
    }

    /// <summary>Multiplies or divides so that exact decimal inputs stay as exact as doubles allow (1234 人 → 0.1234 万人).</summary>
    private static double Scale(double value, double factor) =>
        factor == 1 ? value : factor > 1 ? value * factor : value / Math.Round(1 / factor);

    private static void CheckDuplicates(List<Observation> observations, string source)
    {
        var seen = new HashSet<(short, short, string, string?)>();
        foreach (var o in observations)
        {
            if (!seen.Add((o.ProvinceCode, o.Year, o.Indicator, o.Item)))
                throw new ProfileException($"file '{source}': province {o.ProvinceCode}, year {o.Year}, {o.Indicator}/{o.Item} is printed twice (second at {o.Cell})");
        }
    }
}
