using Warehouse.Etl.Config;

namespace Warehouse.Etl.Cli;

/// <summary>
/// pipelines.yml for the SQL verbs (transform, test, query, export, docs): the same strict <see cref="ConfigLoader"/>
/// the pipeline uses, its errors surfaced as <see cref="InvalidDataException"/> so those verbs report them
/// alongside their other input errors.
/// </summary>
internal static class WarehouseConfigReader
{
    public static PipelinesFile Load(string path)
    {
        try
        {
            return ConfigLoader.Load(path);
        }
        catch (ConfigException e)
        {
            throw new InvalidDataException(e.Message, e);
        }
    }

    /// <summary><c>--db</c> when given, else <c>warehouse.path</c> of the config (already absolute after loading).</summary>
    public static string ResolveDatabase(string? db, string configPath) =>
        !string.IsNullOrWhiteSpace(db) ? Path.GetFullPath(db) : Load(configPath).Warehouse.Path;

    /// <summary>The same, for a verb that has already loaded the config (so the file is read and checked once).</summary>
    public static string ResolveDatabase(string? db, PipelinesFile config) =>
        !string.IsNullOrWhiteSpace(db) ? Path.GetFullPath(db) : config.Warehouse.Path;

    /// <summary>Whether <paramref name="path"/> is the live warehouse of <paramref name="configPath"/> (false when
    /// there is no readable config: then nothing says which file is live).</summary>
    public static bool IsLivePath(string path, string configPath)
    {
        if (!File.Exists(configPath))
            return false;
        try
        {
            return string.Equals(Path.GetFullPath(path), Path.GetFullPath(Load(configPath).Warehouse.Path), StringComparison.Ordinal);
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}
