namespace Warehouse.Tests.Etl;

/// <summary>Where fixtures, the repository and the shared real samples are, seen from the test binary.</summary>
internal static class TestPaths
{
    public static string Fixture(string relative) => Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", relative);

    public static byte[] FixtureBytes(string relative) => File.ReadAllBytes(Fixture(relative));

    /// <summary>The folder holding Warehouse.sln.</summary>
    public static string RepoRoot() => RepositoryPaths.Root;

    /// <summary><c>&lt;repo&gt;/../shared/real-samples/&lt;relative&gt;</c>; ignores the test when the folder is absent.</summary>
    public static string RealSample(string relative)
    {
        var root = RepositoryPaths.RealSamples;
        if (!Directory.Exists(root))
            Assert.Ignore($"real samples folder {root} is absent");
        var path = Path.Combine(root, relative);
        if (!File.Exists(path))
            Assert.Ignore($"real sample {path} is absent");
        return path;
    }

    /// <summary>A fresh temporary folder, deleted by the caller's TearDown.</summary>
    public static string TempFolder()
    {
        var path = Path.Combine(Path.GetTempPath(), "warehouse-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
