using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Warehouse.Pgo;

// Collects the static PGO profile of the native CLI. See README "Performance" and pgo/Warehouse.Pgo.csproj.
var repository = Option("--repository", "The repository (default: the folder holding Warehouse.sln, searched upward from here)", RepositoryRoot);
var output = Option<string?>("--out", "Where the .mibc goes (default: etl/Pgo/warehouse.mibc in the repository)", () => null);
var profile = Option<string?>("--profile", "Convert this runtime PGO text (DOTNET_WritePGOData) instead of collecting one; give --app the JIT build it came from", () => null);
var app = Option<string?>("--app", "A JIT build of the CLI (the folder holding warehouse.dll); default: built here from etl/", () => null);
var runs = Option("--runs", "Runs per reader of the training workload, `warehouse bench parse`", () => 7);
var root = new RootCommand("Collects the native CLI's static PGO profile: runs `warehouse bench parse` on the JIT with the runtime's PGO data written out, and converts it into the .mibc the native publish compiles with.")
{
    repository, output, profile, app, runs,
};
root.SetAction(parse =>
{
    var repo = Path.GetFullPath(parse.GetValue(repository)!);
    var mibc = Path.GetFullPath(parse.GetValue(output) ?? Path.Combine(repo, "etl", "Pgo", "warehouse.mibc"));
    var work = Directory.CreateTempSubdirectory("warehouse-pgo-").FullName;
    try
    {
        var appFolder = parse.GetValue(app) ?? Build(repo, Path.Combine(work, "app"));
        var text = parse.GetValue(profile) ?? Collect(appFolder, Path.Combine(work, "pgo.txt"), parse.GetValue(runs));
        var methods = RuntimePgoText.Parse(File.ReadAllLines(text));
        Directory.CreateDirectory(Path.GetDirectoryName(mibc)!);
        MibcSummary summary;
        var written = Path.Combine(work, "warehouse.mibc");
        using (var file = File.Create(written))
            summary = new MibcWriter(appFolder).Write(methods, file);
        File.Copy(written, mibc, overwrite: true); // only a whole profile replaces the committed one: the native publish reads it
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{mibc}: {summary.Written} of {methods.Count} profiled methods written; left out: {summary.NotInApp} framework, {summary.Generic} generic, {summary.Unmatched} unmatched, {summary.Ambiguous} ambiguous; {summary.HistogramsDropped} delegate histograms dropped"));
        return 0;
    }
    catch (Exception e) when (e is IOException or FormatException or InvalidOperationException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine($"error: {e.Message}");
        return 1;
    }
    finally
    {
        Directory.Delete(work, recursive: true);
    }
});
return root.Parse(args).Invoke();

static string Build(string repo, string folder)
{
    Run("dotnet", ["build", Path.Combine(repo, "etl"), "-c", "Release", "-p:Native=false", "-o", folder, "-v", "q", "-nologo"], null);
    return folder;
}

static string Collect(string appFolder, string text, int runs)
{
    var environment = new Dictionary<string, string>
    {
        ["DOTNET_WritePGOData"] = "1",
        ["DOTNET_PGODataPath"] = text,
        ["DOTNET_TieredPGO"] = "1",
        ["DOTNET_ReadyToRun"] = "0",
    };
    Run("dotnet", [Path.Combine(appFolder, "warehouse.dll"), "bench", "parse", "--runs", runs.ToString(CultureInfo.InvariantCulture)], environment);
    return File.Exists(text) ? text : throw new InvalidOperationException($"the runtime wrote no PGO data to {text}");
}

static void Run(string file, string[] arguments, IReadOnlyDictionary<string, string>? environment)
{
    var start = new ProcessStartInfo(file, arguments) { UseShellExecute = false };
    foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        start.Environment[name] = value;
    Console.WriteLine($"$ {file} {string.Join(' ', arguments)}");
    using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
    process.WaitForExit();
    if (process.ExitCode != 0)
        throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}");
}

static string RepositoryRoot()
{
    for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
    {
        if (File.Exists(Path.Combine(folder.FullName, "Warehouse.sln")))
            return folder.FullName;
    }

    return Directory.GetCurrentDirectory();
}

static Option<T> Option<T>(string name, string description, Func<T> defaultValue) =>
    new(name) { Description = description, DefaultValueFactory = _ => defaultValue() };
