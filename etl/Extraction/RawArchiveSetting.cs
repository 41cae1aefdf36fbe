using Warehouse.Etl.Config;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Warehouse.Etl.Extraction;

/// <summary>
/// Where <c>extract</c> archives what it reads: <c>warehouse.raw_archive</c> of pipelines.yml (relative to the file's
/// folder), or <c>.warehouse/raw</c> when there is no pipelines.yml.
/// </summary>
/// <remarks>
/// Reads just that key so the verb works on a bare file without a valid configuration; the pipeline verbs load and
/// validate the whole file through the config loader.
/// </remarks>
public static class RawArchiveSetting
{
    public const string Default = WarehouseDefaults.RawArchive;

    public static string From(string? configPath)
    {
        if (string.IsNullOrEmpty(configPath) || !File.Exists(configPath))
            return Default;
        try
        {
            var yaml = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build()
                .Deserialize<Dictionary<string, object?>>(File.ReadAllText(configPath));
            if (yaml?.GetValueOrDefault("warehouse") is Dictionary<object, object?> warehouse &&
                warehouse.GetValueOrDefault("raw_archive") is string archive && archive.Length > 0)
            {
                return Path.IsPathRooted(archive) ? archive : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(configPath))!, archive);
            }
        }
        catch (YamlDotNet.Core.YamlException)
        {
            // An unreadable pipelines.yml is `validate`'s business; extract still works on its input.
        }

        return Default;
    }
}
