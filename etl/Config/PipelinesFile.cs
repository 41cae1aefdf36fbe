using YamlDotNet.Serialization;

namespace Warehouse.Etl.Config;

/// <summary>The whole of pipelines.yml. Keys are snake_case in YAML (UnderscoredNamingConvention).</summary>
public sealed record PipelinesFile
{
    public required WarehouseSettings Warehouse { get; init; }

    /// <summary>Sources by name; the name is the <c>source</c> column of staging.observation.</summary>
    public required IReadOnlyDictionary<string, SourceSettings> Sources { get; init; }

    /// <summary>Pipelines by name (<c>nightly</c>, <c>yearly</c>, …).</summary>
    public required IReadOnlyDictionary<string, PipelineSettings> Pipelines { get; init; }

    public required AnalysisSettings Analysis { get; init; }

    /// <summary>Absolute path the configuration was loaded from (set by <see cref="ConfigLoader.Load"/>, not by YAML).</summary>
    [YamlIgnore]
    public string SourcePath { get; init; } = "";

    /// <summary>The table profiles tables may name (from <c>warehouse.profiles</c>, or the bundled set); set by the loader, not by YAML.</summary>
    [YamlIgnore]
    public Normalizing.ProfileCatalog Profiles { get; init; } = null!;

    /// <summary>The folder the <see cref="Profiles"/> were read from: <c>warehouse.profiles</c> beside pipelines.yml, or the
    /// bundled folder beside the binary; set by the loader, not by YAML.</summary>
    [YamlIgnore]
    public string ProfilesFolder { get; init; } = Config.Profiles.ProfileLoader.BundledFolder;

    /// <summary>sha256 of the file's bytes, recorded in meta.run.config_sha256.</summary>
    [YamlIgnore]
    public string Sha256 { get; init; } = "";
}
