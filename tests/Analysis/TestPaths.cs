namespace Warehouse.Tests.Analysis;

/// <summary>Where the test fixtures and the shared folder live, found from the test binary.</summary>
internal static class TestPaths
{
    public static string Fixture(params string[] parts) =>
        Path.Combine([TestContext.CurrentContext.TestDirectory, "Fixtures", .. parts]);

    public static string Grunfeld => Fixture("reference", "grunfeld.csv");

    /// <summary>A fresh scratch directory under the test output (deleted by the caller when it wants).</summary>
    public static string Scratch(string name)
    {
        var dir = Path.Combine(TestContext.CurrentContext.TestDirectory, "scratch", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
