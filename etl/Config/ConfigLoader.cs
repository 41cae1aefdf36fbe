using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Warehouse.Analysis.Estimation;
using Warehouse.Analysis.Inference;
using Warehouse.Analysis.Specs;
using Warehouse.Analysis.Threshold;
using Warehouse.Etl.Config.Profiles;
using Warehouse.Etl.Normalizing;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Warehouse.Etl.Config;

/// <summary>Loads pipelines.yml strictly: duplicate keys, unknown keys, missing required keys and wrong types
/// stop the load, then <see cref="ConfigValidator"/> checks the meaning (cron, time zones, year ranges, steps,
/// source kinds, profiles). Every error is a <see cref="ConfigException"/> starting with <c>file:line:column:</c>.</summary>
public static partial class ConfigLoader
{
    private static readonly IDeserializer Deserializer = YamlBuilder.SnakeCase()
        .WithEnforceRequiredMembers()
        .WithEnforceNullability()
        // The settings expose read-only collections; YAML fills them as lists and dictionaries.
        .WithTypeMapping<IReadOnlyList<string>, List<string>>()
        .WithTypeMapping<IReadOnlyList<double>, List<double>>()
        .WithTypeMapping<IReadOnlyList<int>, List<int>>()
        .WithTypeMapping<IReadOnlyList<ModelSpec>, List<ModelSpec>>()
        .WithTypeMapping<IReadOnlyList<TableSettings>, List<TableSettings>>()
        .WithTypeMapping<IReadOnlyList<PipelineStep>, List<PipelineStep>>()
        .WithTypeMapping<IReadOnlyList<BootstrapWeights>, List<BootstrapWeights>>()
        .WithTypeMapping<IReadOnlyDictionary<string, SourceSettings>, Dictionary<string, SourceSettings>>()
        .WithTypeMapping<IReadOnlyDictionary<string, PipelineSettings>, Dictionary<string, PipelineSettings>>()
        // Words and ranges become enums and values here, once; a bad one is an error at its position.
        .WithTypeConverter(new NamedEnumConverter<VcovKind>(OptionNames.Vcov))
        .WithTypeConverter(new NamedEnumConverter<BootstrapWeights>(OptionNames.Weights))
        .WithTypeConverter(new NamedEnumConverter<ThresholdTransform>(OptionNames.ThresholdSearch))
        .WithTypeConverter(new NamedEnumConverter<SourceKind>(SourceKinds.Names))
        .WithTypeConverter(new NamedEnumConverter<EditionPrecedence>(EditionPrecedences.Names))
        .WithTypeConverter(new NamedEnumConverter<PipelineStep>(PipelineSteps.Names))
        .WithTypeConverter(new YearRangeConverter())
        .Build();

    /// <summary>Reads, checks and returns the configuration; relative paths are made absolute against the file's folder.</summary>
    /// <exception cref="ConfigException">The file is missing, malformed or invalid.</exception>
    public static PipelinesFile Load(string path)
    {
        string fullPath = Path.GetFullPath(path);
        string display = DisplayName(fullPath);
        if (!File.Exists(fullPath))
        {
            throw new ConfigException($"{display}: configuration file not found (looked for {fullPath})");
        }

        byte[] bytes = File.ReadAllBytes(fullPath);
        string text = YamlText.Decode(bytes, display);
        string folder = Path.GetDirectoryName(fullPath)!;
        var defaultProfiles = ReadDefaultProfilesAhead(folder);
        PipelinesFile config;
        try
        {
            config = Parse(text, display, c => Profiles(c, folder, defaultProfiles));
        }
        finally
        {
            // Nothing is left reading the profiles when the load fails.
            defaultProfiles?.ContinueWith(static _ => { }, TaskScheduler.Default).Wait(CancellationToken.None);
        }

        return ResolvePaths(config, folder) with
        {
            SourcePath = fullPath,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
        };
    }

    /// <summary>Parses and validates YAML text; <paramref name="displayName"/> prefixes every error message.
    /// Paths are left as written.</summary>
    public static PipelinesFile Parse(string yaml, string displayName) => Parse(yaml, displayName, _ => (ProfileLoader.Bundled, ProfileLoader.BundledFolder));

    /// <summary>The default profiles folder beside pipelines.yml, read on another core while pipelines.yml is parsed
    /// (at a native start the config's load took 48–51 ms reading one after the other on the only core in use, 39–45
    /// ms side by side); null when there is no such folder.</summary>
    /// <returns>The catalog, or null when the folder does not read cleanly — the load then reads it again and reports
    /// the problem in its own words.</returns>
    private static Task<ProfileCatalog?>? ReadDefaultProfilesAhead(string folder)
    {
        string path = Path.Combine(folder, ProfileDefaults.Folder);
        if (!Directory.Exists(path))
        {
            return null;
        }

        return Task.Run(() =>
        {
            try
            {
                return (ProfileCatalog?)ProfileLoader.LoadFolder(path);
            }
            catch (Exception ex) when (ex is ConfigException or IOException or UnauthorizedAccessException)
            {
                return null;
            }
        });
    }

    /// <summary>The profiles of a configuration: <c>warehouse.profiles</c> beside pipelines.yml, else (for the default
    /// folder name only) the bundled set. <paramref name="defaultProfiles"/> is the default folder read ahead, used when
    /// the configuration names that folder.</summary>
    private static (ProfileCatalog Catalog, string Folder) Profiles(PipelinesFile config, string folder, Task<ProfileCatalog?>? defaultProfiles)
    {
        string path = Path.GetFullPath(config.Warehouse.Profiles, folder);
        if (defaultProfiles is not null && path == Path.Combine(folder, ProfileDefaults.Folder) && defaultProfiles.GetAwaiter().GetResult() is { } readAhead)
        {
            return (readAhead, path);
        }

        if (Directory.Exists(path))
        {
            return (ProfileLoader.LoadFolder(path), path);
        }

        if (config.Warehouse.Profiles == ProfileDefaults.Folder)
        {
            return (ProfileLoader.Bundled, ProfileLoader.BundledFolder);
        }

        throw new ConfigException($"{DisplayName(path)}: the profiles folder named by warehouse.profiles does not exist");
    }

    private static PipelinesFile Parse(string yaml, string displayName, Func<PipelinesFile, (ProfileCatalog Catalog, string Folder)> profiles)
    {
        YamlPositions positions;
        try
        {
            positions = YamlPositions.Index(yaml);
        }
        catch (DuplicateKeyException ex)
        {
            throw new ConfigException($"{At(displayName, ex.Start)}duplicate key '{ex.Key}' in {PathDescriber.Describe(ex.MappingPath)}", ex);
        }
        catch (YamlException ex)
        {
            throw new ConfigException($"{At(displayName, ex.Start)}{Describe(ex)}", ex);
        }
        catch (Exception ex) when (ex is InvalidOperationException or EndOfStreamException)
        {
            // YamlDotNet's scanner gives up this way on some malformed flow sequences and on a quote that closes a
            // scalar in the middle of a flow key (`- id: "4-: "*gdp*"`; both found by fuzzing).
            throw new ConfigException($"{displayName}:1:1: malformed YAML the parser could not place ({ex.Message})", ex);
        }

        PipelinesFile? config;
        try
        {
            config = Deserializer.Deserialize<PipelinesFile?>(yaml);
        }
        catch (YamlException ex)
        {
            throw Translate(ex, positions, displayName);
        }

        if (config is null)
        {
            throw new ConfigException($"{displayName}:1:1: the file is empty; expected the keys warehouse, sources, pipelines and analysis");
        }

        var (catalog, profilesFolder) = profiles(config);
        config = config with { Profiles = catalog, ProfilesFolder = profilesFolder };
        new ConfigValidator(config, positions, displayName).Validate();
        return config;
    }

    internal static string At(string file, Mark? mark) =>
        mark is { } m ? $"{file}:{m.Line}:{m.Column}: " : $"{file}: ";

    internal static ConfigException Translate(YamlException ex, YamlPositions positions, string file)
    {
        string[] path = positions.PathAt(ex.Start);
        var unknown = UnknownProperty().Match(ex.Message);
        if (unknown.Success)
        {
            string key = unknown.Groups["name"].Value;
            string[] parent = path.Length > 0 && path[^1] == key ? path[..^1] : path;
            return new ConfigException($"{At(file, ex.Start)}unknown key '{key}' in {PathDescriber.Describe(parent)}", ex);
        }

        var missing = MissingRequired().Match(ex.Message + " " + ex.InnerException?.Message);
        if (missing.Success)
        {
            string names = string.Join(", ", missing.Groups["names"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(n => $"'{UnderscoredNamingConvention.Instance.Apply(n)}'"));
            string[] mapping = path.Length > 0 ? path[..^1] : path;
            return new ConfigException($"{At(file, ex.Start)}missing required key {names} in {PathDescriber.Describe(mapping)}", ex);
        }

        string where = path switch
        {
            [] => "the top level",
            [.. var parent, var list, var index] when int.TryParse(index, out int i) =>
                $"item {i + 1} of '{list}' in {PathDescriber.Describe(parent)}",
            _ => $"'{path[^1]}' in {PathDescriber.Describe(path[..^1])}",
        };
        return new ConfigException($"{At(file, ex.Start)}invalid value for {where}: {Describe(ex)}", ex);
    }

    internal static string Describe(YamlException ex)
    {
        string message = ex.InnerException is { } inner ? $"{ex.Message} ({inner.Message})" : ex.Message;
        // YamlDotNet prefixes its own "(Line: 3, Col: 5, Idx: ..) - (...): "; our prefix already says where.
        return YamlText.Plain(LeadingMarks().Replace(message, ""));
    }

    /// <summary>The same configuration with every path made absolute against <paramref name="folder"/> (URLs stay as written).</summary>
    private static PipelinesFile ResolvePaths(PipelinesFile config, string folder)
    {
        string Abs(string p) => Path.GetFullPath(p, folder);
        return config with
        {
            Warehouse = config.Warehouse with
            {
                Path = Abs(config.Warehouse.Path),
                RawArchive = Abs(config.Warehouse.RawArchive),
                LogDir = Abs(config.Warehouse.LogDir),
                DemoCache = Abs(config.Warehouse.DemoCache),
            },
            Analysis = config.Analysis with { ReportDir = Abs(config.Analysis.ReportDir) },
            Sources = config.Sources.ToDictionary(
                p => p.Key,
                p => p.Value.Kind is SourceKind.Demo or SourceKind.Directory ? p.Value with { Location = Abs(p.Value.Location) } : p.Value,
                StringComparer.Ordinal),
        };
    }

    private static string DisplayName(string fullPath)
    {
        string relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), fullPath);
        return relative.StartsWith("..", StringComparison.Ordinal) ? fullPath : relative;
    }

    [GeneratedRegex(@"Property '(?<name>[^']*)' not found on type")]
    private static partial Regex UnknownProperty();

    [GeneratedRegex(@"[Mm]issing properties,? '?(?<names>[^']*)'?|[Rr]equired propert(?:y|ies) '?(?<names>[^']*)'?")]
    private static partial Regex MissingRequired();

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex LeadingMarks();
}
