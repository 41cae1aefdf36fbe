using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Warehouse.Etl.Normalizing;
using Warehouse.Etl.Vocabulary;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Warehouse.Etl.Config.Profiles;

/// <summary>
/// Loads the table profiles (<c>profiles/*.yml</c>) as strictly as pipelines.yml: unknown, duplicate or missing keys,
/// unknown shapes, item vocabularies, indicators or units stop with <c>file:line:column</c> in a <see cref="ConfigException"/>.
/// </summary>
public static partial class ProfileLoader
{
    private static readonly IDeserializer Deserializer = YamlBuilder.SnakeCase()
        .WithEnforceRequiredMembers()
        .WithEnforceNullability()
        .Build();

    private static readonly Lazy<ProfileCatalog> BundledCatalog = new(() => LoadFolder(BundledFolder));

    /// <summary>The profiles shipped beside the binary (a copy of the repository's <c>profiles/</c>).</summary>
    public static string BundledFolder => Path.Combine(AppContext.BaseDirectory, ProfileDefaults.Folder);

    /// <summary>The bundled profiles, loaded once.</summary>
    /// <exception cref="ConfigException">A bundled file is invalid.</exception>
    public static ProfileCatalog Bundled => BundledCatalog.Value;

    /// <summary>Every <c>*.yml</c> / <c>*.yaml</c> of a folder, in name order; names must be unique across files.</summary>
    /// <exception cref="ConfigException">The folder is missing, a file is invalid, or two files use one name; every problem is listed.</exception>
    public static ProfileCatalog LoadFolder(string folder)
    {
        if (!Directory.Exists(folder))
            throw new ConfigException($"{folder}: profiles folder not found");
        var files = Directory.EnumerateFiles(folder).Where(f => f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
        var errors = new List<string>();
        var profiles = new List<TableProfile>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in files)
        {
            var display = Display(path);
            try
            {
                var text = YamlText.Read(path, display);
                var profile = Parse(text, display);
                if (seen.TryGetValue(profile.Name, out var first))
                    errors.Add($"{display}:1:1: profile name '{profile.Name}' is already used by {first}");
                else
                    seen[profile.Name] = display;
                profiles.Add(profile);
            }
            catch (ConfigException ex)
            {
                errors.Add(ex.Message);
            }
            catch (DecoderFallbackException ex)
            {
                errors.Add($"{display}:1:1: not UTF-8 text: {ex.Message}");
            }
        }

        if (errors.Count > 0)
            throw new ConfigException(string.Join(Environment.NewLine, errors));
        if (profiles.Count == 0)
            throw new ConfigException($"{folder}: no profile files (*.yml)");
        return new ProfileCatalog(profiles);
    }

    /// <summary>Parses and checks one profile file's text; <paramref name="displayName"/> prefixes every error.</summary>
    /// <exception cref="ConfigException">The text is malformed or invalid; the message starts with <c>file:line:column:</c>.</exception>
    public static TableProfile Parse(string yaml, string displayName)
    {
        YamlPositions positions;
        try
        {
            positions = YamlPositions.Index(yaml);
        }
        catch (DuplicateKeyException ex)
        {
            throw new ConfigException($"{ConfigLoader.At(displayName, ex.Start)}duplicate key '{ex.Key}'", ex);
        }
        catch (YamlException ex)
        {
            throw new ConfigException($"{ConfigLoader.At(displayName, ex.Start)}{ConfigLoader.Describe(ex)}", ex);
        }

        ProfileFile? file;
        try
        {
            file = Deserializer.Deserialize<ProfileFile?>(yaml);
        }
        catch (YamlException ex)
        {
            throw ConfigLoader.Translate(ex, positions, displayName);
        }

        if (file is null)
            throw new ConfigException($"{displayName}:1:1: the file is empty; expected at least name and shapes");
        return new Checker(file, positions, displayName).Build();
    }

    private static string Display(string fullPath)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), fullPath);
        return relative.StartsWith("..", StringComparison.Ordinal) ? fullPath : relative;
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial Regex Identifier();

    private sealed class Checker(ProfileFile file, YamlPositions positions, string display)
    {
        private readonly List<string> errors = [];

        public TableProfile Build()
        {
            if (!Identifier().IsMatch(file.Name))
                Error(["name"], $"profile name '{file.Name}' must match ^[a-z_][a-z0-9_]*$");
            var shapes = new List<ProfileShape>();
            for (var i = 0; i < file.Shapes.Count; i++)
            {
                if (ShapeOf(file.Shapes[i]) is { } shape)
                    shapes.Add(shape);
                else
                    Error(["shapes", Index(i)], $"unknown shape '{file.Shapes[i]}'; expected items_as_columns, years_as_columns or indicators_as_columns");
            }

            if (file.Shapes.Count == 0)
                Error(["shapes"], "shapes lists nothing; expected items_as_columns, years_as_columns or indicators_as_columns");
            var items = Vocabulary(file.Items, ["items"]);
            if (file.Indicator is not null && !IndicatorCatalog.IsKnown(file.Indicator))
                Error(["indicator"], $"unknown indicator '{file.Indicator}'; known: {string.Join(", ", IndicatorCatalog.Vocabulary.Keys)}");
            if (shapes.Contains(ProfileShape.ItemsAsColumns))
            {
                if (items == ItemVocabulary.None)
                    Error(["items"], "items_as_columns needs items: sectors or hightech_groups");
                if (file.Indicator is null)
                    Error(["shapes"], "items_as_columns needs indicator:");
            }

            if (shapes.Contains(ProfileShape.IndicatorsAsColumns) && file.Columns.Count == 0)
                Error(["shapes"], "indicators_as_columns needs columns: (indicator and match words per column)");
            var columns = new List<ColumnRule>();
            for (var i = 0; i < file.Columns.Count; i++)
                columns.Add(Column(file.Columns[i], ["columns", Index(i)]));
            var policy = file.UnknownColumns switch
            {
                "error" => UnknownColumnPolicy.Error,
                "warn" => UnknownColumnPolicy.Warn,
                _ => Error(["unknown_columns"], $"unknown_columns must be error or warn, got '{file.UnknownColumns}'", UnknownColumnPolicy.Error),
            };
            var detect = new List<DetectRule>();
            for (var i = 0; i < file.Detect.Count; i++)
            {
                var d = file.Detect[i];
                if (d.TitleAll.Count + d.TitleAny.Count + d.HeaderAny.Count == 0 && !d.HeaderYears && d.MinItemColumns == 0)
                    Error(["detect", Index(i)], "a detect rule needs at least one condition (title_all, title_any, header_any, header_years, min_item_columns)");
                if (d.MinItemColumns > 0 && items == ItemVocabulary.None)
                    Error(["detect", Index(i), "min_item_columns"], "min_item_columns needs items: sectors or hightech_groups");
                detect.Add(new DetectRule(d.TitleAll, d.TitleAny, d.HeaderAny, d.HeaderYears, d.MinItemColumns));
            }

            if (errors.Count > 0)
                throw new ConfigException(string.Join(Environment.NewLine, errors));
            return new TableProfile
            {
                Name = file.Name,
                File = display,
                Shapes = shapes,
                Indicator = file.Indicator,
                Items = items,
                StageTotal = file.StageTotal,
                MeasureKeywords = file.Measure,
                OtherMeasureKeywords = file.OtherMeasures,
                Columns = columns,
                IgnoreColumns = file.IgnoreColumns,
                UnknownColumns = policy,
                SkipRows = file.Rows.Skip,
                YearRowsAreNational = file.Rows.YearRowsAreNational,
                Detect = detect,
                Priority = file.Priority,
                DefaultSource = file.Defaults.Source,
                DefaultTableId = file.Defaults.TableId,
            };
        }

        private ColumnRule Column(ColumnFile column, string[] at)
        {
            IndicatorInfo? indicator = null;
            if (!IndicatorCatalog.Vocabulary.TryGetValue(column.Indicator, out indicator))
                Error([.. at, "indicator"], $"unknown indicator '{column.Indicator}'; known: {string.Join(", ", IndicatorCatalog.Vocabulary.Keys)}");
            if (column.Match.Count == 0 || column.Match.Any(string.IsNullOrWhiteSpace))
                Error([.. at, "match"], "match needs at least one non-empty word");
            var items = Vocabulary(column.Items, [.. at, "items"]);
            if (column.AssumedUnit is { } unit)
            {
                if (UnitCatalog.Lookup(unit) is not { } info)
                    Error([.. at, "assumed_unit"], $"unknown unit '{unit}'");
                else if (indicator is not null && info.Dimension != UnitCatalog.DimensionOf(indicator.Unit))
                    Error([.. at, "assumed_unit"], $"unit '{unit}' ({info.Dimension}) is not a unit of {indicator.Name} ({indicator.Unit})");
            }

            return new ColumnRule(column.Indicator, column.Match, column.Not, column.Item, items, column.AssumedUnit);
        }

        private ItemVocabulary Vocabulary(string name, string[] at) => name switch
        {
            "none" => ItemVocabulary.None,
            "sectors" => ItemVocabulary.Sectors,
            "hightech_groups" => ItemVocabulary.HighTechGroups,
            _ => Error(at, $"unknown item vocabulary '{name}'; expected none, sectors or hightech_groups", ItemVocabulary.None),
        };

        private static ProfileShape? ShapeOf(string name) => name switch
        {
            "items_as_columns" => ProfileShape.ItemsAsColumns,
            "years_as_columns" => ProfileShape.YearsAsColumns,
            "indicators_as_columns" => ProfileShape.IndicatorsAsColumns,
            _ => null,
        };

        private static string Index(int i) => i.ToString(CultureInfo.InvariantCulture);

        private void Error(string[] path, string message) =>
            errors.Add(ConfigLoader.At(display, positions.ValueOf(path) ?? positions.KeyOf(path) ?? Nearest(path)) + message);

        private T Error<T>(string[] path, string message, T fallback)
        {
            Error(path, message);
            return fallback;
        }

        private Mark? Nearest(string[] path)
        {
            for (var n = path.Length - 1; n > 0; n--)
            {
                if (positions.KeyOf(path[..n]) is { } mark)
                    return mark;
            }

            return null;
        }
    }
}
