namespace Warehouse.Etl.Config;

/// <summary>The defaults of <see cref="WarehouseSettings"/>, written once (the settings, their XML docs and the
/// extract verb's fallback use these).</summary>
public static class WarehouseDefaults
{
    /// <summary>Previous live files kept after a blue/green swap.</summary>
    public const int KeepPrevious = 2;

    /// <summary>Folder of the per-run JSON-lines logs.</summary>
    public const string LogDir = ".warehouse/logs";

    /// <summary>Folder where the demo mirror is generated on first use.</summary>
    public const string DemoCache = ".warehouse/demo";

    /// <summary>The raw archive of <c>extract</c> when there is no pipelines.yml to name one.</summary>
    public const string RawArchive = ".warehouse/raw";
}
