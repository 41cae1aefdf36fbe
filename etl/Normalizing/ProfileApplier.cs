using Warehouse.Etl.Parsing;
using Warehouse.Etl.Staging;
using Warehouse.Etl.Vocabulary;

namespace Warehouse.Etl.Normalizing;

/// <summary>
/// Applies a <see cref="TableProfile"/> to a parsed document: maps rows to provinces (regional aggregates left out),
/// columns to indicators and items, converts units, and refuses (with file, table, row and column named) anything it
/// cannot map.
/// </summary>
public static class ProfileApplier
{
    public static ProfileResult Apply(ParsedDocument document, TableProfile profile, ProfileContext context)
    {
        var warnings = new List<string>();
        var observations = new List<Observation>();
        var used = new List<RawTable>();
        foreach (var table in document.Tables)
        {
            var shape = ShapeOf(profile, table);
            var mapped = shape switch
            {
                ProfileShape.ItemsAsColumns => ApplyItems(table, profile, context, warnings),
                ProfileShape.YearsAsColumns => ApplyYears(table, profile, context, warnings),
                _ => ApplyIndicators(table, profile, context, warnings),
            };
            if (mapped is null)
            {
                if (document.Tables.Count == 1)
                    throw new ProfileException($"{Where(table)}: no column belongs to profile '{profile.Name}' ({profile.File})");
                warnings.Add($"{Where(table)}: no column belongs to profile '{profile.Name}'; table skipped");
                continue;
            }

            observations.AddRange(mapped);
            used.Add(table);
        }

        if (used.Count == 0)
            throw new ProfileException($"{Where(document.Tables[0])}: no table matches profile '{profile.Name}'");
        if (context.Unit is { } pin && UnitPin.Misfit(pin, observations.Select(o => o.Indicator)) is { } misfit)
            throw new ProfileException($"{Where(used[0])}: the pinned unit (unit: in the table's spec, or --unit) does not fit this table: {misfit}");
        CheckDuplicates(observations, document.Source);
        return new ProfileResult(observations, warnings, SchemaFingerprint.Of(used));
    }

    /// <summary>The profile's shape for this table; a profile reading several shapes lets the header decide (years, else indicators).</summary>
    private static ProfileShape ShapeOf(TableProfile profile, RawTable table)
    {
        if (profile.Shapes.Count == 1)
            return profile.Shapes[0];
        var years = table.Columns.Count(c => CellValueParser.IsYearLike(c.Label, out _));
        if (years > 0 && profile.Shapes.Contains(ProfileShape.YearsAsColumns) && years * 2 > table.Columns.Count)
            return ProfileShape.YearsAsColumns;
        return profile.Shapes.Contains(ProfileShape.IndicatorsAsColumns) ? ProfileShape.IndicatorsAsColumns : profile.Shapes[0];
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

    /// <summary>The rows to stage with their province code and data year; regions and the profile's skipped rows left out.</summary>
    private static List<(RawRow Row, short Code, int? Year)> PlacedRows(RawTable table, TableProfile profile, List<string> warnings)
    {
        var placed = new List<(RawRow, short, int?)>();
        var unknownRows = new List<string>();
        foreach (var row in table.Rows)
        {
            if (profile.SkipRows.Count > 0 && ProfileText.ContainsAny(row.Label, profile.SkipRows))
                continue;
            if (row.Label.Length == 0)
            {
                // Values printed without a label (a row pushed one line below its name): whose they are is a guess.
                warnings.Add($"{Where(table)}: row {row.Location} has values ({string.Join(", ", row.Cells.Where(c => c.Value is not null).Select(c => c.Raw))}) but no label; left out");
                continue;
            }

            var place = ResolvePlace(table, row);
            switch (place.Kind)
            {
                case PlaceKind.Region:
                    continue;
                case PlaceKind.Unknown when profile.YearRowsAreNational && CellValueParser.IsYearLike(row.Label, out var labelYear):
                    placed.Add((row, 0, labelYear)); // a year block above the province block: a national series
                    continue;
                case PlaceKind.Unknown:
                    unknownRows.Add(row.Label);
                    continue;
                default:
                    placed.Add((row, place.Code, null));
                    break;
            }
        }

        if (unknownRows.Count > 0)
        {
            throw new ProfileException(
                $"{Where(table)}: row labels that are neither provinces, national totals nor regions: {string.Join(" | ", unknownRows.Select(u => $"'{u}'"))} (list them under rows: skip: in {profile.File} if they are aggregates)");
        }

        return placed;
    }

    /// <summary>The data year of a one-year table: the title (or 时间： line), else edition − 1.</summary>
    private static int TableYear(RawTable table, ProfileContext context, List<string> warnings)
    {
        var year = table.Year ?? (context.Edition - 1) ??
                   throw new ProfileException($"{Where(table)}: the data year is printed nowhere (title, 时间： line) and the source has no edition");
        if (table.Year is { } printed && context.Edition is { } edition && printed != edition - 1)
            warnings.Add($"{Where(table)}: title year {printed} is not edition {edition} - 1; the title wins");
        return year;
    }

    private static List<Observation>? ApplyItems(RawTable table, TableProfile profile, ProfileContext context, List<string> warnings)
    {
        var indicator = Vocabulary(profile.Indicator ?? context.IndicatorHint, table, profile);
        var year = TableYear(table, context, warnings);

        // Columns → items.
        var candidates = new List<(int Index, string Item, bool NamesMeasure)>();
        var unmatched = new List<string>();
        for (var i = 0; i < table.Columns.Count; i++)
        {
            var column = table.Columns[i];
            var namesMeasure = ProfileText.ContainsAny(column.Label, profile.MeasureKeywords);
            var namesOther = ProfileText.ContainsAny(column.Label, profile.OtherMeasureKeywords);
            if (namesOther && !namesMeasure)
                continue; // another measure printed beside ours (e.g. revenue beside export delivery)
            string? item;
            try
            {
                item = profile.ResolveItem(column.Label);
            }
            catch (FormatException ex)
            {
                throw new ProfileException($"{Where(table)}, column '{column.Label}': {ex.Message}", ex);
            }

            if (item is null && column.IsOfWhich && column.ParentIndex is { } parent && namesMeasure)
                item = SafeItem(profile, table.Columns[parent].Label); // "#出口" under a group column
            if (item is null)
            {
                if ((!namesMeasure || profile.MeasureKeywords.Count == 0) && !ProfileText.ContainsAny(column.Label, profile.IgnoreColumns))
                    unmatched.Add(column.Label);
                continue;
            }

            candidates.Add((i, item, namesMeasure));
        }

        if (candidates.Count == 0)
            return null;
        if (unmatched.Count > 0)
        {
            var message = $"{Where(table)}: header labels not in profile '{profile.Name}': {string.Join(" | ", unmatched.Select(u => $"'{u}'"))}";
            if (profile.UnknownColumns == UnknownColumnPolicy.Error)
                throw new ProfileException(message + $" (add them to {profile.File}, or set unknown_columns: warn)");
            warnings.Add(message + "; columns kept out");
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

            if (group.Key != "total" || profile.StageTotal)
                byItem.Add((list[0].Index, group.Key));
            else
                checkedOnly.Add(list[0].Index); // not staged, but a corrupt total still means a corrupt table
        }

        var units = byItem.ToDictionary(c => c.Index, c => new Lazy<string>(() => UnitOf(table, table.Columns[c.Index], indicator, null, context)));
        var observations = new List<Observation>();
        foreach (var (row, code, rowYear) in PlacedRows(table, profile, warnings))
        {
            foreach (var index in checkedOnly)
            {
                if (row.Cells[index] is { IsInvalid: true } bad)
                    throw new ProfileException($"{Where(table)}, row '{row.Label}', column '{table.Columns[index].Label}' ({bad.Location}): '{bad.Raw}' is neither a number nor a missing marker");
            }

            foreach (var (index, item) in byItem)
                observations.Add(ToObservation(table, context, indicator, item, code, rowYear ?? year, row, table.Columns[index], row.Cells[index], units[index]));
        }

        return observations;
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

    private static List<Observation>? ApplyYears(RawTable table, TableProfile profile, ProfileContext context, List<string> warnings)
    {
        var yearColumns = new List<(int Index, int Year)>();
        var ignored = new List<string>();
        for (var i = 0; i < table.Columns.Count; i++)
        {
            if (CellValueParser.IsYearLike(table.Columns[i].Label, out var y))
                yearColumns.Add((i, y));
            else if (!ProfileText.ContainsAny(table.Columns[i].Label, profile.IgnoreColumns))
                ignored.Add(table.Columns[i].Label);
        }

        if (yearColumns.Count == 0)
            return null;
        if (ignored.Count > 0)
        {
            var message = $"{Where(table)}: header labels that are not years: {string.Join(" | ", ignored.Select(u => $"'{u}'"))}";
            if (profile.UnknownColumns == UnknownColumnPolicy.Error)
                throw new ProfileException(message);
            warnings.Add(message + "; columns kept out");
        }

        // The indicator: the profile's own, else the indicator line (指标：… / Indicators：…) or title, else the spec's pin.
        var rule = profile.Indicator is null ? PrintedIndicator(table, profile) : null;
        var printed = profile.Indicator ?? rule?.Indicator;
        var hint = context.IndicatorHint;
        if (printed is not null && hint is not null && printed != hint)
            throw new ProfileException($"{Where(table)}: the file names indicator '{printed}' but the table is configured as '{hint}'");
        var indicator = Vocabulary(printed ?? hint ?? throw new ProfileException(
            $"{Where(table)}: no indicator line (指标：… / Indicators：…) names a known indicator; name it with --indicator or indicator: in the table's spec"), table, profile);
        rule ??= profile.Columns.FirstOrDefault(r => r.Indicator == indicator.Name); // a pinned indicator: its rule's item and assumed unit
        var item = rule is null ? indicator.Item : ItemOf(rule, indicator, string.Join(" ", IndicatorLines(table)));
        var units = yearColumns.ToDictionary(c => c.Index, c => new Lazy<string>(() => UnitOf(table, table.Columns[c.Index], indicator, rule, context)));
        var observations = new List<Observation>();
        foreach (var (row, code, _) in PlacedRows(table, profile, warnings))
        {
            foreach (var (index, year) in yearColumns)
                observations.Add(ToObservation(table, context, indicator, item, code, year, row, table.Columns[index], row.Cells[index], units[index]));
        }

        return observations;
    }

    /// <summary>The column rule matching the table's indicator line (or, when there is none, its title lines), or null.</summary>
    private static ColumnRule? PrintedIndicator(RawTable table, TableProfile profile)
    {
        var lines = IndicatorLines(table).ToList();
        if (lines.Count == 0)
            lines = table.TitleLines.Where(l => !l.StartsWith("时间", StringComparison.Ordinal) && !l.StartsWith("year", StringComparison.OrdinalIgnoreCase)).ToList();
        return lines.Select(profile.RuleFor).FirstOrDefault(r => r is not null);
    }

    /// <summary>The portal's indicator lines (<c>指标：…</c>, <c>Indicators：…</c>) among the title lines.</summary>
    private static IEnumerable<string> IndicatorLines(RawTable table) =>
        table.TitleLines.Where(l => l.StartsWith("指标", StringComparison.Ordinal) || l.StartsWith("indicator", StringComparison.OrdinalIgnoreCase));

    private static string? ItemOf(ColumnRule rule, IndicatorInfo indicator, string label)
    {
        if (rule.Item is not null)
            return rule.Item;
        if (rule.Items == ItemVocabulary.None)
            return indicator.Item;
        return TableProfile.ResolveItem(rule.Items, label) ?? "total";
    }

    private static List<Observation>? ApplyIndicators(RawTable table, TableProfile profile, ProfileContext context, List<string> warnings)
    {
        var mapped = new List<(int Index, IndicatorInfo Indicator, string? Item, ColumnRule Rule)>();
        var ignored = new List<string>();
        for (var i = 0; i < table.Columns.Count; i++)
        {
            var column = table.Columns[i];
            if (profile.RuleFor(column.Label) is not { } rule)
            {
                if (!ProfileText.ContainsAny(column.Label, profile.IgnoreColumns))
                    ignored.Add(column.Label);
                continue;
            }

            var indicator = Vocabulary(rule.Indicator, table, profile);
            string? item;
            try
            {
                item = ItemOf(rule, indicator, column.Label);
            }
            catch (FormatException ex)
            {
                throw new ProfileException($"{Where(table)}, column '{column.Label}': {ex.Message}", ex);
            }

            mapped.Add((i, indicator, item, rule));
        }

        var hint = context.IndicatorHint;
        if (hint is not null)
        {
            if (mapped.Count > 0 && mapped.All(m => m.Indicator.Name != hint))
                throw new ProfileException($"{Where(table)}: no column carries indicator '{hint}'");
            mapped = mapped.Where(m => m.Indicator.Name == hint).ToList();
        }

        if (mapped.Count == 0)
            return null;
        if (mapped.GroupBy(m => (m.Indicator.Name, m.Item)).FirstOrDefault(g => g.Count() > 1) is { } dup)
        {
            throw new ProfileException(
                $"{Where(table)}: indicator '{dup.Key.Name}'{(dup.Key.Item is null ? string.Empty : $" item '{dup.Key.Item}'")} is printed in several columns: {string.Join(" | ", dup.Select(m => table.Columns[m.Index].Label))}");
        }

        if (ignored.Count > 0)
        {
            var message = $"{Where(table)}: columns not in profile '{profile.Name}': {string.Join(" | ", ignored.Select(u => $"'{u}'"))}";
            if (profile.UnknownColumns == UnknownColumnPolicy.Error)
                throw new ProfileException(message + $" (add them to {profile.File}, or set unknown_columns: warn)");
            warnings.Add(message + "; kept out");
        }

        var year = TableYear(table, context, warnings);
        var units = mapped.ToDictionary(m => m.Index, m => new Lazy<string>(() => UnitOf(table, table.Columns[m.Index], m.Indicator, m.Rule, context)));
        var observations = new List<Observation>();
        foreach (var (row, code, rowYear) in PlacedRows(table, profile, warnings))
        {
            foreach (var (index, indicator, item, _) in mapped)
                observations.Add(ToObservation(table, context, indicator, item, code, rowYear ?? year, row, table.Columns[index], row.Cells[index], units[index]));
        }

        return observations;
    }

    private static IndicatorInfo Vocabulary(string? name, RawTable table, TableProfile profile)
    {
        if (name is null)
            throw new ProfileException($"{Where(table)}: profile '{profile.Name}' names no indicator; name it with --indicator or indicator: in the table's spec");
        return IndicatorCatalog.Vocabulary.TryGetValue(name, out var info)
            ? info
            : throw new ProfileException($"{Where(table)}: indicator '{name}' is not in the vocabulary");
    }

    /// <summary>
    /// The printed unit of a column: the header cell's, else the one unit of the indicator's dimension in the unit
    /// lines (<c>单位：个，亿元</c> gives 个 to a count and 亿元 to money), else the spec's pin, else the rule's assumed unit.
    /// </summary>
    private static string UnitOf(RawTable table, RawColumn column, IndicatorInfo indicator, ColumnRule? rule, ProfileContext context)
    {
        var dimension = UnitCatalog.DimensionOf(indicator.Unit);
        var printed = column.Unit;
        if (printed is not null && UnitCatalog.Lookup(printed)?.Dimension != dimension)
            printed = null; // "(个)" over a money column of a mixed unit row is not its unit; the unit line decides
        if (printed is null)
        {
            // Unit lines, then the parentheses of an indicator line ("指标：地区生产总值(亿元)", "Indicators：…(100 million yuan)").
            var lineUnits = table.UnitLines.SelectMany(UnitCatalog.UnitsIn)
                .Concat(IndicatorLines(table).Select(UnitCatalog.FindUnitInLabel).OfType<string>().Select(UnitCatalog.Lookup).OfType<UnitInfo>())
                .ToList();
            var matching = lineUnits.Where(u => u.Dimension == dimension).DistinctBy(u => u.Factor).ToList();
            if (matching.Count > 1)
            {
                throw new ProfileException(
                    $"{Where(table)}, column '{column.Label}': the unit lines name {string.Join(" and ", matching.Select(u => $"'{u.Printed}'"))} for {indicator.Name}; the column's own unit is not printed");
            }

            printed = matching.Count == 1 ? matching[0].Printed : null;
            if (printed is null && UnitCatalog.Lookup(context.Unit ?? string.Empty)?.Dimension != dimension && rule?.AssumedUnit is null && lineUnits.Count > 0)
            {
                throw new ProfileException(
                    $"{Where(table)}, column '{column.Label}': the unit lines name {string.Join(", ", lineUnits.Select(u => $"'{u.Printed}'"))}, none a unit of {indicator.Name} ({indicator.Unit})");
            }
        }

        // A pinned unit serves the columns of its own kind (亿元 for the money columns, not the count beside them).
        var pin = context.Unit is { } p && UnitCatalog.Lookup(p)?.Dimension == dimension ? p : null;
        if (printed is not null && pin is not null && UnitCatalog.Lookup(pin) is { } pinned && UnitCatalog.Lookup(printed) is { } found && pinned.Factor != found.Factor)
            throw new ProfileException($"{Where(table)}, column '{column.Label}': the file prints unit '{printed}' but the spec pins '{pin}'");

        return printed ?? pin ?? rule?.AssumedUnit ??
            throw new ProfileException(
                $"{Where(table)}, column '{column.Label}': no unit is printed in the header or above the table; name it with --unit or unit: in the table's spec");
    }

    private static Observation ToObservation(
        RawTable table, ProfileContext context, IndicatorInfo indicator, string? item, short province, int year,
        RawRow row, RawColumn column, RawCell cell, Lazy<string> columnUnit)
    {
        if (cell.IsInvalid)
            throw new ProfileException($"{Where(table)}, row '{row.Label}', column '{column.Label}' ({cell.Location}): '{cell.Raw}' is neither a number nor a missing marker");

        // A percent-formatted cell holds percent points, whatever the column says; the column's unit is looked for
        // only when a cell needs it, and a missing value with no unit anywhere is staged without one.
        string? rawUnit;
        try
        {
            rawUnit = cell.Unit ?? columnUnit.Value;
        }
        catch (ProfileException) when (cell.Value is null)
        {
            rawUnit = null;
        }

        double factor;
        try
        {
            factor = rawUnit is null ? 1 : UnitCatalog.ConversionFactor(rawUnit, indicator.Unit);
        }
        catch (FormatException ex)
        {
            throw new ProfileException($"{Where(table)}, row '{row.Label}', column '{column.Label}' ({cell.Location}): {ex.Message}", ex);
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
