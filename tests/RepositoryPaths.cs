namespace Warehouse.Tests;

/// <summary>The repository the tests run from, found once by walking up from the test binary to Warehouse.sln.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = Find();

    /// <summary>The committed pipelines.yml (the demo configuration a fresh clone builds with).</summary>
    public static string PipelinesYml => Path.Combine(Root, "pipelines.yml");

    /// <summary>The committed sql/ folder (not the copy beside the binary).</summary>
    public static string Sql => Path.Combine(Root, "sql");

    /// <summary><c>../shared/real-samples</c> beside the repository; absent on machines without it.</summary>
    public static string RealSamples => Path.GetFullPath(Path.Combine(Root, "..", "shared", "real-samples"));

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Warehouse.sln")))
                return dir.FullName;
        }

        throw new DirectoryNotFoundException("Warehouse.sln not found above the test binary " + AppContext.BaseDirectory);
    }
}
