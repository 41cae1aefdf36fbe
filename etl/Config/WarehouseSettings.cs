namespace Warehouse.Etl.Config;

/// <summary>Where the warehouse and its companions live. Relative paths resolve against the config file's folder:
/// <see cref="ConfigLoader.Load"/> returns them absolute.</summary>
public sealed record WarehouseSettings
{
    /// <summary>The live DuckDB file analysts read.</summary>
    public required string Path { get; init; }

    /// <summary>How many previous live files to keep after a blue/green swap.</summary>
    /// <value>The default value is 2.</value>
    public int KeepPrevious { get; init; } = WarehouseDefaults.KeepPrevious;

    /// <summary>Content-addressed archive of every byte stream read.</summary>
    public required string RawArchive { get; init; }

    /// <summary>Folder of the per-run JSON-lines logs.</summary>
    /// <value>The default value is <c>.warehouse/logs</c>.</value>
    public string LogDir { get; init; } = WarehouseDefaults.LogDir;

    /// <summary>Folder where the demo mirror is generated on first use.</summary>
    /// <value>The default value is <c>.warehouse/demo</c>.</value>
    public string DemoCache { get; init; } = WarehouseDefaults.DemoCache;

    /// <summary>Folder of the table profiles (<c>*.yml</c>, docs/profiles.md). When the default folder does not exist
    /// beside pipelines.yml, the profiles bundled with the binary are used; a folder named explicitly must exist.</summary>
    /// <value>The default value is <c>profiles</c>.</value>
    public string Profiles { get; init; } = Config.Profiles.ProfileDefaults.Folder;
}
