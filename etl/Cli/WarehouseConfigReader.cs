using Warehouse.Etl.Config;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Warehouse.Etl.Cli;

/// <summary>
/// Reads pipelines.yml for the SQL verbs (transform, test, query, export, docs) and resolves the warehouse path.
/// Interim: the foundation's ConfigLoader (validation, relative paths) replaces <see cref="Load"/> when it lands.
/// </summary>
internal static class WarehouseConfigReader
{
    public static PipelinesFile Load(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"config not found: {Path.GetFullPath(path)} (pass --config)", path);
        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(UnderscoredNamingConvention.Instance)
            .WithDuplicateKeyChecking()
            .Build();
        try
        {
            return deserializer.Deserialize<PipelinesFile>(File.ReadAllText(path));
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <summary><c>--db</c> when given, else <c>warehouse.path</c> of the config, relative to the config's folder.</summary>
    public static string ResolveDatabase(string? db, string configPath)
    {
        if (!string.IsNullOrWhiteSpace(db))
            return Path.GetFullPath(db);
        var config = Load(configPath);
        string folder = Path.GetDirectoryName(Path.GetFullPath(configPath)) ?? ".";
        return Path.GetFullPath(Path.Combine(folder, config.Warehouse.Path));
    }
}
