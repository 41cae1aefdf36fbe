namespace Warehouse.Etl.Transform;

/// <summary>Finds the sql/ folder the build copies beside the binary (<c>AppContext.BaseDirectory/sql</c>).</summary>
public static class SqlFolder
{
    /// <summary>The sql/ folder next to the running assembly.</summary>
    /// <value>The default value is <c>AppContext.BaseDirectory/sql</c>.</value>
    public static string Default => Path.Combine(AppContext.BaseDirectory, "sql");

    /// <summary>Returns <paramref name="path"/> (or <see cref="Default"/>) after checking it holds sql/schema.</summary>
    public static string Locate(string? path = null)
    {
        string folder = Path.GetFullPath(path ?? Default);
        if (!Directory.Exists(Path.Combine(folder, "schema")))
        {
            throw new DirectoryNotFoundException(
                $"sql folder not found: {folder} has no schema/ subfolder (the build copies sql/** beside the binary)");
        }

        return folder;
    }
}
