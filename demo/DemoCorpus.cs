using Warehouse.Demo.Economy;
using Warehouse.Demo.Tables;

namespace Warehouse.Demo;

/// <summary>
/// The deterministic demo yearbook mirror (the offline default source): labour yearbook table 4-2, high-tech
/// yearbook tables 2-5 and 2-3, and NBS portal exports for editions 2011–2024 (data years 2010–2023), written in
/// the publishers' formats and quirks. The same seed gives byte-identical files on every machine. Everything in
/// it is labelled "demo corpus"; the data-generating process is documented on <see cref="DemoEconomy"/>.
/// </summary>
/// <remarks>Seam: the demo corpus issue implements this; the pipeline calls it.</remarks>
public static class DemoCorpus
{
    public const int DefaultSeed = 1;

    /// <summary>Bumped whenever the generator's output changes, so cached mirrors of older versions are rebuilt.</summary>
    public const int GeneratorVersion = 2;

    /// <summary>Writes the full mirror into <paramref name="outDir"/> (labour/, hightech/, nbs/ beneath it).</summary>
    public static void Generate(string outDir, int seed = DefaultSeed)
    {
        var files = DemoMirror.Files(DemoEconomy.Create(seed)).ToList();
        foreach (var file in files)
        {
            WriteFile(outDir, file.Path, file.Content);
        }

        WriteFile(outDir, DemoManifest.FileName, DemoManifest.Write(seed, files));
    }

    /// <summary>Generates the mirror into <paramref name="cacheDir"/> unless a complete one is already there.</summary>
    /// <remarks>Generation goes to a sibling temporary folder that is renamed into place, so a killed run never
    /// leaves a half mirror where a complete one is expected; a stale or incomplete mirror is replaced.</remarks>
    public static void EnsureGenerated(string cacheDir, int seed = DefaultSeed)
    {
        if (IsComplete(cacheDir, seed))
        {
            return;
        }

        var target = Path.GetFullPath(cacheDir).TrimEnd(Path.DirectorySeparatorChar);
        var parent = Path.GetDirectoryName(target) ?? throw new ArgumentException($"'{cacheDir}' has no parent folder", nameof(cacheDir));
        Directory.CreateDirectory(parent);
        RemoveLeftovers(parent, Path.GetFileName(target));
        var temp = $"{target}.tmp-{Guid.NewGuid():N}";
        try
        {
            Generate(temp, seed);
            if (Directory.Exists(target))
            {
                var old = $"{target}.old-{Guid.NewGuid():N}";
                Directory.Move(target, old);
                Directory.Delete(old, recursive: true);
            }

            Directory.Move(temp, target);
        }
        catch (IOException) when (IsComplete(target, seed))
        {
            // Another process finished the same mirror first; theirs is identical.
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }

    /// <summary>True when <paramref name="dir"/> holds a complete mirror of this generator version and seed
    /// (every file of its MANIFEST.json present with the recorded size and sha256).</summary>
    public static bool IsComplete(string dir, int seed = DefaultSeed) => DemoManifest.IsComplete(dir, seed);

    /// <summary>
    /// The observations the mirror's files encode, in the canonical units of docs/architecture.md#vocabulary — what an extractor
    /// reading the mirror must return (national-total rows included as province 0, regional aggregate rows
    /// excluded, gaps as null values). Computed from the same printed tables as the files.
    /// </summary>
    public static IReadOnlyList<DemoValue> Values(int seed = DefaultSeed) =>
        DemoMirror.Tables(DemoEconomy.Create(seed)).SelectMany(t => t.Values).ToList();

    /// <summary>Relative paths of the mirror's files (with '/'), manifest excluded, in a fixed order.</summary>
    public static IReadOnlyList<string> FilePaths(int seed = DefaultSeed) =>
        DemoMirror.Files(DemoEconomy.Create(seed)).Select(f => f.Path).ToList();

    /// <summary>Folders a killed earlier run left beside the cache (its temporary or replaced mirror). The build
    /// lock keeps two builds from generating at once, so a leftover is never another run's work in progress.</summary>
    private static void RemoveLeftovers(string parent, string name)
    {
        foreach (var pattern in new[] { name + ".tmp-*", name + ".old-*" })
        {
            foreach (var leftover in Directory.EnumerateDirectories(parent, pattern))
            {
                try
                {
                    Directory.Delete(leftover, recursive: true);
                }
                catch (IOException)
                {
                    // Still in use or already gone: harmless, it is only disk space.
                }
            }
        }
    }

    private static void WriteFile(string root, string relativePath, byte[] content)
    {
        var path = Path.Combine(root, relativePath.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
    }
}
