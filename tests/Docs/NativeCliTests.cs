using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Warehouse.Tests.Support;

namespace Warehouse.Tests.Docs;

/// <summary>
/// The shipped CLI is compiled natively (NativeAOT, <c>dotnet publish etl -c Release -r linux-x64</c>), where code that
/// builds types or IL at run time fails. This publishes it once and runs the demo build and every README command with
/// it and with the JIT build side by side, in two fresh project folders: exit codes and output must be the same (run
/// ids, durations, timestamps and the folder's own path aside).
/// </summary>
[TestFixture]
[NonParallelizable]
[Category("Slow")]
public sealed partial class NativeCliTests
{
    private static readonly TimeSpan PublishPatience = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    private string scratch = null!;
    private string native = null!;
    private string nativeProject = null!;
    private string jitProject = null!;
    private (int Exit, string Stdout, string Stderr) nativeBuild;
    private (int Exit, string Stdout, string Stderr) jitBuild;

    [OneTimeSetUp]
    public async Task PublishAndBuildBoth()
    {
        if (!OperatingSystem.IsLinux() || !OnPath("gcc") && !OnPath("clang"))
            Assert.Ignore("the native CLI is published on Linux with gcc or clang; neither is here");
        scratch = Path.Combine(Path.GetTempPath(), "warehouse-native-" + Guid.NewGuid().ToString("N"));
        var output = Path.Combine(scratch, "bin");
        var publish = await RunAsync("dotnet", ["publish", Path.Combine(RepositoryPaths.Root, "etl"), "-c", "Release", "-r", "linux-x64", "-o", output],
            RepositoryPaths.Root, PublishPatience);
        Assert.That(publish.Exit, Is.Zero, "dotnet publish etl -c Release -r linux-x64:\n" + publish.Stdout + publish.Stderr);
        native = Path.Combine(output, "warehouse");
        nativeProject = Project("native");
        jitProject = Project("jit");
        nativeBuild = await WarehouseAsync(native, nativeProject, ["build"]);
        jitBuild = await WarehouseAsync(null, jitProject, ["build"]);
    }

    [OneTimeTearDown]
    public void Remove()
    {
        if (scratch is not null && Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
    }

    [Test]
    public void The_native_demo_build_prints_what_the_jit_build_prints()
    {
        Assert.That(nativeBuild.Exit, Is.Zero, nativeBuild.Stderr);
        Assert.That(Normalise(nativeBuild.Stdout, nativeProject), Is.EqualTo(Normalise(jitBuild.Stdout, jitProject)));
        Assert.That(Normalise(nativeBuild.Stderr, nativeProject), Is.EqualTo(Normalise(jitBuild.Stderr, jitProject)));
    }

    [Test]
    public async Task A_rebuild_skips_until_a_native_library_beside_the_executable_changes()
    {
        // The native executable has no deps.json: its packages are told apart by the files themselves.
        var project = Project("identity");
        var library = Directory.GetFiles(Path.GetDirectoryName(native)!, "libduckdb*").Single();
        var written = File.GetLastWriteTimeUtc(library);
        Assert.That((await WarehouseAsync(native, project, ["build"])).Exit, Is.Zero);
        var unchanged = await WarehouseAsync(native, project, ["build"]);
        try
        {
            File.SetLastWriteTimeUtc(library, written.AddMinutes(1));
            var upgraded = await WarehouseAsync(native, project, ["build"]);
            Assert.Multiple(() =>
            {
                Assert.That(unchanged.Stdout, Does.Contain(" skipped: nothing changed"));
                Assert.That(upgraded.Exit, Is.Zero, upgraded.Stderr);
                Assert.That(upgraded.Stdout, Does.Not.Contain(" skipped: "));
                Assert.That(upgraded.Stdout, Does.Contain(" succeeded: "));
            });
        }
        finally
        {
            File.SetLastWriteTimeUtc(library, written);
        }
    }

    [TestCaseSource(nameof(ReadmeCommands))]
    public async Task Every_readme_command_does_natively_what_it_does_on_the_jit(string command)
    {
        var args = ReadmeCommandsTests.ShellWords(command);
        var n = await WarehouseAsync(native, nativeProject, args);
        var j = await WarehouseAsync(null, jitProject, args);

        Assert.Multiple(() =>
        {
            Assert.That(n.Exit, Is.EqualTo(j.Exit), $"exit code of warehouse {command}\nnative stderr: {n.Stderr}");
            Assert.That(Normalise(n.Stdout, nativeProject), Is.EqualTo(Normalise(j.Stdout, jitProject)), "stdout of warehouse " + command);
            Assert.That(Normalise(n.Stderr, nativeProject), Is.EqualTo(Normalise(j.Stderr, jitProject)), "stderr of warehouse " + command);
        });
    }

    /// <summary>The README's commands that finish and print no timings (servers, the scheduler loop, benchmarks and
    /// the query that sums step durations are left out).</summary>
    private static IEnumerable<TestCaseData> ReadmeCommands() =>
        ReadmeCommandsTests.Commands(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md")))
            .Where(c => ReadmeCommandsTests.ShellWords(c) is var a && a.Length > 0 && a[0] != "bench" && !(a.Length > 1 && a[1] == "serve") &&
                        !(a[0] == "schedule" && !a.Contains("--once")) && !c.Contains("duration", StringComparison.Ordinal))
            .Select(c => new TestCaseData(c).SetArgDisplayNames(c.Length > 60 ? c[..60] : c));

    /// <summary>A fresh clone's view, as the README tests have it: pipelines.yml and the fixture its examples name.</summary>
    private string Project(string name)
    {
        var project = Path.Combine(scratch, name);
        var grunfeld = Path.Combine(project, "tests", "Fixtures", "reference");
        Directory.CreateDirectory(grunfeld);
        File.Copy(RepositoryPaths.PipelinesYml, Path.Combine(project, "pipelines.yml"));
        File.Copy(Path.Combine(RepositoryPaths.Root, "tests", "Fixtures", "reference", "grunfeld.csv"), Path.Combine(grunfeld, "grunfeld.csv"));
        return project;
    }

    /// <summary>What differs between two runs of the same command by design: run ids, timings, clocks, the project's
    /// folder and the binary's (where <c>sql/</c> seeds are read from).</summary>
    private string Normalise(string text, string project)
    {
        text = text.Replace(project, "<project>", StringComparison.Ordinal);
        text = text.Replace(Path.GetDirectoryName(native)!, "<bin>", StringComparison.Ordinal);
        text = text.Replace(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory), "<bin>", StringComparison.Ordinal);
        text = Timings().Replace(text, "\"timing_s\": <timings>");
        text = RunId().Replace(text, "<run>");
        text = Timestamp().Replace(text, "<time>");
        text = Duration().Replace(text, "<duration>");
        return text.Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    private static Task<(int Exit, string Stdout, string Stderr)> WarehouseAsync(string? executable, string project, IReadOnlyList<string> args) =>
        executable is null
            ? RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "warehouse.dll"), .. args], project, Patience)
            : RunAsync(executable, args, project, Patience);

    private static Task<(int Exit, string Stdout, string Stderr)> RunAsync(string file, IReadOnlyList<string> args, string cwd, TimeSpan patience)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = cwd, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8, StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        return WarehouseChild.RunAsync(info, patience);
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, program)));

    [GeneratedRegex(@"\d{8}T\d{6}Z(-[0-9a-f]{4})?")]
    private static partial Regex RunId();

    [GeneratedRegex(@"""timing_s"": \{[^}]*\}")]
    private static partial Regex Timings();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?( ?(Z|[+-]\d{2}:?\d{2}))?")]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"\b\d+(\.\d+)?\s?(s|ms|µs)\b")]
    private static partial Regex Duration();
}
