namespace Warehouse.Tests.Sql.Support;

/// <summary>Folders of the repository the tests run from (found by walking up to Warehouse.sln).</summary>
public static class RepoPaths
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Warehouse.sln")))
                    return dir.FullName;
            throw new DirectoryNotFoundException("no Warehouse.sln above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The sql/ folder as committed (not the copy beside the binary, which may hold stale files).</summary>
    public static string Sql => Path.Combine(Root, "sql");

    public static string PipelinesYml => Path.Combine(Root, "pipelines.yml");
}
