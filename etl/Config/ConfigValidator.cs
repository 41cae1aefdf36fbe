using System.Text.RegularExpressions;
using Cronos;
using Warehouse.Analysis.Specs;
using Warehouse.Etl.Normalizing;
using Warehouse.Etl.Vocabulary;
using YamlDotNet.Core;

namespace Warehouse.Etl.Config;

/// <summary>The checks YAML typing cannot make (words, ranges and enums are already typed by the loader's
/// converters, which stop at the first bad one): cron strings, time zones, steps listed twice, profile and indicator
/// names, names usable as identifiers. Collects every problem, then throws one <see cref="ConfigException"/>.</summary>
internal sealed partial class ConfigValidator(PipelinesFile config, YamlPositions positions, string file)
{
    private readonly List<string> errors = [];

    public void Validate()
    {
        ValidateWarehouse();
        foreach (var (name, source) in config.Sources)
        {
            ValidateSource(name, source);
        }

        foreach (var (name, pipeline) in config.Pipelines)
        {
            ValidatePipeline(name, pipeline);
        }

        ValidateAnalysis();
        if (errors.Count > 0)
        {
            throw new ConfigException(string.Join(Environment.NewLine, errors));
        }
    }

    private void ValidateWarehouse()
    {
        if (config.Warehouse.KeepPrevious < 0)
        {
            Error(["warehouse", "keep_previous"], $"keep_previous must be 0 or more, got {config.Warehouse.KeepPrevious}");
        }

        if (!config.Warehouse.Path.EndsWith(".duckdb", StringComparison.Ordinal))
        {
            Error(["warehouse", "path"], $"'path' in 'warehouse' must name a .duckdb file, got '{config.Warehouse.Path}'");
        }
    }

    private void ValidateSource(string name, SourceSettings source)
    {
        string[] at = ["sources", name];
        string where = $"source '{name}'";
        if (!Identifier().IsMatch(name))
        {
            ErrorAtKey(at, $"source name '{name}' must match ^[a-z_][a-z0-9_]*$ (it becomes the staging 'source' column)");
        }

        if (source.Kind == SourceKind.Http && !IsHttpUrl(source.Location))
        {
            Error([.. at, "location"], $"'location' in {where} must be an http(s) URL for kind http, got '{source.Location}'");
        }

        if (source.Politeness.RequestsPerSecond <= 0)
        {
            Error([.. at, "politeness", "requests_per_second"], $"'requests_per_second' in {where} must be positive");
        }

        if (source.Tables.Count == 0)
        {
            Error([.. at, "tables"], $"{where} lists no tables");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < source.Tables.Count; i++)
        {
            var table = source.Tables[i];
            string[] tableAt = [.. at, "tables", i.ToString(System.Globalization.CultureInfo.InvariantCulture)];
            if (table is null)
            {
                Error(tableAt, $"an empty entry in the tables of {where} (a '-' with nothing after it)");
                continue;
            }

            if (!seen.Add(table.Id))
            {
                Error([.. tableAt, "id"], $"duplicate table id '{table.Id}' in {where}");
            }

            if (string.IsNullOrWhiteSpace(table.Match) && string.IsNullOrWhiteSpace(table.Title))
            {
                Error([.. tableAt, "id"], $"table '{table.Id}' of {where} needs 'match' (a file-name or link-text glob) or 'title' (words of its title)");
            }

            if (table.Release is not null && !ReleaseVintage.TryParseDate(table.Release, out _))
            {
                Error([.. tableAt, "release"], $"bad 'release' '{table.Release}' for table '{table.Id}' of {where}: expected YYYY, YYYY-MM or YYYY-MM-DD");
            }

            if (table.Profile is not null && !config.Profiles.IsKnown(table.Profile))
            {
                Error([.. tableAt, "profile"],
                    $"unknown profile '{table.Profile}' for table '{table.Id}' of {where}; known: {string.Join(", ", config.Profiles.Names)}");
            }

            if (table.Indicator is not null && !IndicatorCatalog.IsKnown(table.Indicator))
            {
                Error([.. tableAt, "indicator"],
                    $"unknown indicator '{table.Indicator}' for table '{table.Id}' of {where}; known: {string.Join(", ", IndicatorCatalog.Vocabulary.Keys)}");
            }

            if (table.Unit is not null && UnitCatalog.Lookup(table.Unit) is null)
            {
                Error([.. tableAt, "unit"], $"unknown unit '{table.Unit}' for table '{table.Id}' of {where} (write it as printed, e.g. 亿元, 万人, %)");
            }
            else if (table.Unit is not null && PinnedIndicators(table) is { } served && UnitPin.Misfit(table.Unit, served) is { } misfit)
            {
                Error([.. tableAt, "unit"], $"unit '{table.Unit}' for table '{table.Id}' of {where} fits none of its columns: {misfit}");
            }
        }
    }

    /// <summary>The indicators a table's unit pin can serve, when known before reading it: the pinned indicator, else the named profile's.</summary>
    private IReadOnlyList<string>? PinnedIndicators(TableSettings table) =>
        table.Indicator is { } indicator ? [indicator]
        : table.Profile is { } profile && config.Profiles.IsKnown(profile) ? UnitPin.IndicatorsOf(config.Profiles.Get(profile))
        : null;

    private void ValidatePipeline(string name, PipelineSettings pipeline)
    {
        string[] at = ["pipelines", name];
        string where = $"pipeline '{name}'";
        if (!Identifier().IsMatch(name))
        {
            ErrorAtKey(at, $"pipeline name '{name}' must match ^[a-z_][a-z0-9_]*$");
        }

        try
        {
            CronExpression.Parse(pipeline.Schedule, CronFormat.Standard);
        }
        catch (CronFormatException ex)
        {
            Error([.. at, "schedule"], $"bad cron '{pipeline.Schedule}' in 'schedule' of {where} (five fields: minute hour day-of-month month day-of-week): {ex.Message}");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(pipeline.TimeZone, out _))
        {
            Error([.. at, "time_zone"], $"unknown time zone '{pipeline.TimeZone}' in {where}; use an IANA id such as Asia/Shanghai or UTC");
        }

        if (pipeline.Steps.Count == 0)
        {
            Error([.. at, "steps"], $"{where} lists no steps");
        }

        var seen = new HashSet<PipelineStep>();
        for (int i = 0; i < pipeline.Steps.Count; i++)
        {
            var step = pipeline.Steps[i];
            if (!seen.Add(step))
            {
                string[] stepAt = [.. at, "steps", i.ToString(System.Globalization.CultureInfo.InvariantCulture)];
                Error(stepAt, $"step '{step.Name()}' listed twice in {where}");
            }
        }
    }

    private void ValidateAnalysis()
    {
        var analysis = config.Analysis;
        if (analysis.YoyJumpFactor <= 1)
        {
            Error(["analysis", "yoy_jump_factor"], "'yoy_jump_factor' in 'analysis' must be greater than 1");
        }

        if (analysis.Bootstrap.Replications < 1)
        {
            Error(["analysis", "bootstrap", "replications"], "'replications' in 'analysis.bootstrap' must be positive");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < analysis.Specs.Count; i++)
        {
            var spec = analysis.Specs[i];
            string[] at = ["analysis", "specs", i.ToString(System.Globalization.CultureInfo.InvariantCulture)];
            if (spec is null)
            {
                Error(at, "an empty entry in 'analysis.specs' (a '-' with nothing after it)");
                continue;
            }

            if (!names.Add(spec.Name))
            {
                Error([.. at, "name"], $"duplicate spec name '{spec.Name}' in 'analysis.specs'");
            }

            if (spec.X.Count == 0)
            {
                Error([.. at, "x"], $"spec '{spec.Name}' has no regressors in 'x'");
            }

            foreach (var problem in SpecRoles.Problems(spec))
            {
                Error(at, $"spec '{spec.Name}': {problem}");
            }

            if (spec.TurningPoint is { Count: not 2 })
            {
                Error([.. at, "turning_point"], $"'turning_point' of spec '{spec.Name}' must name the linear and the squared term");
            }

            if (spec.Threshold is { } t)
            {
                string[] th = [.. at, "threshold"];
                if (spec.Mediation is not null) Error([.. at, "mediation"], $"spec '{spec.Name}' has both 'threshold' and 'mediation'; they are separate analyses");
                if (t.Thresholds is < 1 or > 3) Error([.. th, "thresholds"], $"'thresholds' of spec '{spec.Name}' must be 1, 2 or 3");
                if (t.RegimeX.Count == 0) Error([.. th, "regime_x"], $"spec '{spec.Name}' has no regime-dependent regressors in 'regime_x'");
                if (t.Trim is { } trim && trim.Any(v => v is <= 0 or >= 0.5)) Error([.. th, "trim"], $"'trim' of spec '{spec.Name}' must lie in (0, 0.5)");
                if (spec.Fe.Count == 0) Error([.. at, "fe"], $"the threshold spec '{spec.Name}' needs the unit as its first 'fe'");
            }
        }
    }

    private void Error(string[] path, string message) =>
        errors.Add(ConfigLoader.At(file, positions.ValueOf(path) ?? Nearest(path)) + message);

    private void ErrorAtKey(string[] path, string message) =>
        errors.Add(ConfigLoader.At(file, positions.KeyOf(path) ?? Nearest(path)) + message);

    private Mark? Nearest(string[] path)
    {
        for (int n = path.Length - 1; n > 0; n--)
        {
            if (positions.KeyOf(path[..n]) is { } mark)
            {
                return mark;
            }
        }

        return null;
    }

    private static bool IsHttpUrl(string location) =>
        Uri.TryCreate(location, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    [GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial Regex Identifier();
}
