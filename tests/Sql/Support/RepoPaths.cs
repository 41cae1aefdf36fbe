namespace Warehouse.Tests.Sql.Support;

/// <summary>Folders of the repository the tests run from (found by walking up to Warehouse.sln).</summary>
public static class RepoPaths
{
    public static string Root => RepositoryPaths.Root;

    /// <summary>The sql/ folder as committed (not the copy beside the binary, which may hold stale files).</summary>
    public static string Sql => RepositoryPaths.Sql;

    public static string PipelinesYml => RepositoryPaths.PipelinesYml;
}
