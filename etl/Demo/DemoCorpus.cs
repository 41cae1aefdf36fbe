namespace Warehouse.Etl.Demo;

/// <summary>The deterministic demo yearbook mirror (the offline default source).</summary>
/// <remarks>Seam: the demo corpus issue implements this; the pipeline calls it.</remarks>
public static class DemoCorpus
{
    public const int DefaultSeed = 1;

    /// <summary>Writes the full mirror into <paramref name="outDir"/> (labour/, hightech/, nbs/ beneath it).</summary>
    public static void Generate(string outDir, int seed = DefaultSeed) =>
        throw new NotImplementedException("the demo corpus is not built yet");

    /// <summary>Generates the mirror into <paramref name="cacheDir"/> unless a complete one is already there.</summary>
    public static void EnsureGenerated(string cacheDir, int seed = DefaultSeed) =>
        throw new NotImplementedException("the demo corpus is not built yet");
}
