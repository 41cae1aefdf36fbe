using Warehouse.Demo;

namespace Warehouse.Tests.Demo;

/// <summary>One generated mirror (default seed) shared by the read-only tests of this folder; generation takes well under a second.</summary>
[SetUpFixture]
public sealed class DemoMirrorFixture
{
    private static string? root;

    public static string Root => root ?? throw new InvalidOperationException("the demo mirror fixture did not run");

    public static string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    [OneTimeSetUp]
    public void Generate()
    {
        root = TempFolder.Create("demo-mirror");
        DemoCorpus.Generate(root);
    }

    [OneTimeTearDown]
    public void Remove() => TempFolder.Delete(root);
}

internal static class TempFolder
{
    public static string Create(string purpose)
    {
        var path = Path.Combine(Path.GetTempPath(), $"warehouse-{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    public static void Delete(string? path)
    {
        if (path is not null && Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }
}
