using System.CommandLine;
using System.Globalization;
using System.Text;
using Warehouse.Bench.Fuzzing;
using Warehouse.Etl.Config;
using Warehouse.Etl.Parsing;

namespace Warehouse.Etl.Cli;

/// <summary>The <c>bench fuzz</c> verb: mutated fixtures and real samples through every reader, within a time budget.</summary>
public static class BenchFuzzCommand
{
    public static Command Create()
    {
        var seconds = new Option<double>("--seconds") { Description = "Total time budget, shared by the readers", DefaultValueFactory = _ => 5 };
        var perInput = new Option<double>("--per-input") { Description = "Seconds one input may take before it counts as a hang", DefaultValueFactory = _ => 10 };
        var seed = new Option<int>("--seed") { Description = "Random seed of the mutations", DefaultValueFactory = _ => 1 };
        var inputs = new Option<string[]>("--inputs") { Description = "Seed files, or folders searched recursively for .htm/.html/.xls/.xlsx/.csv/.yml files", DefaultValueFactory = _ => [] };
        var keep = new Option<string?>("--keep") { Description = "Folder to keep each failing input in (a regression fixture to commit)" };
        var replay = new Option<string?>("--replay") { Description = "Read every file of this folder once, unmutated (kept failures as regressions)" };
        var command = new Command("fuzz",
            "Fuzz the readers (HTML, xls, xlsx, NBS CSV, pipelines.yml): only a result or a clean error is allowed.\n" +
            "Run it under a memory budget, e.g. DOTNET_GCHeapHardLimit=0x40000000. Exit 1 when an input failed.\n\nExample:\n" +
            "  warehouse bench fuzz --inputs tests/Fixtures --inputs ../shared/real-samples --seconds 600 --keep tests/Fixtures/fuzz")
        {
            seconds, perInput, seed, inputs, keep, replay,
        };
        command.SetAction(parseResult =>
        {
            var budget = parseResult.GetValue(seconds);
            var limit = parseResult.GetValue(perInput);
            if (budget <= 0 || limit <= 0)
            {
                VerbOutput.Of(parseResult).Error("--seconds and --per-input must be positive");
                return ExitCodes.Usage;
            }

            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            IReadOnlyList<FuzzTally> tallies;
            if (parseResult.GetValue(replay) is { } folder)
            {
                if (!Directory.Exists(folder))
                {
                    VerbOutput.Of(parseResult).Error($"--replay folder '{folder}' does not exist");
                    return ExitCodes.Usage;
                }

                tallies = [.. Files(folder).GroupBy(f => TargetFor(f.Path, f.Bytes))
                    .Select(g => Fuzzer.Replay(g.Key, [.. g.Select(f => (Path.GetFileName(f.Path), f.Bytes))], TimeSpan.FromSeconds(limit)))];
            }
            else
            {
                var folders = parseResult.GetValue(inputs) ?? [];
                var missing = folders.FirstOrDefault(f => !Directory.Exists(f) && !File.Exists(f));
                if (folders.Length == 0 || missing is not null)
                {
                    VerbOutput.Of(parseResult).Error($"give --inputs files or folders that exist{(missing is null ? string.Empty : $" ('{missing}' does not)")}");
                    return ExitCodes.Usage;
                }

                var targets = folders.SelectMany(Files).GroupBy(f => TargetFor(f.Path, f.Bytes))
                    .Select(g => (g.Key, (IReadOnlyList<byte[]>)[.. g.Select(f => f.Bytes)])).ToList();
                tallies = Fuzzer.Run(targets, TimeSpan.FromSeconds(budget), TimeSpan.FromSeconds(limit), parseResult.GetValue(seed), parseResult.GetValue(keep));
            }

            Console.WriteLine("reader         inputs  results  clean_errors  failures");
            foreach (var t in tallies)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{t.Target,-13}  {t.Inputs,6}  {t.Results,7}  {t.CleanErrors,12}  {t.Failures.Count,8}"));
            foreach (var f in tallies.SelectMany(t => t.Failures))
                Console.WriteLine($"FAIL {f.Target} ({f.Mutation}): {f.Problem}{(f.KeptAs is null ? string.Empty : $" -> {f.KeptAs}")}");
            return tallies.Any(t => t.Failures.Count > 0) ? ExitCodes.Failed : ExitCodes.Ok;
        });
        return command;
    }

    private static IEnumerable<(string Path, byte[] Bytes)> Files(string folder) =>
        (File.Exists(folder) ? [folder] : Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            .Where(p => Path.GetExtension(p).ToLowerInvariant() is ".htm" or ".html" or ".xls" or ".xlsx" or ".csv" or ".yml" or ".yaml")
            .Order(StringComparer.Ordinal)
            .Select(p => (p, File.ReadAllBytes(p)));

    private static readonly FuzzTarget Yaml = new("pipelines-yml", ".yml", bytes => ConfigLoader.Parse(Encoding.UTF8.GetString(bytes), "fuzz.yml"), ex => ex is ConfigException);

    private static readonly Dictionary<TableFormat, FuzzTarget> Readers = new()
    {
        [TableFormat.Html] = Reader("html", ".htm"),
        [TableFormat.Xls] = Reader("xls", ".xls"),
        [TableFormat.Xlsx] = Reader("xlsx", ".xlsx"),
        [TableFormat.NbsCsv] = Reader("nbs-csv", ".csv"),
    };

    /// <summary>The reader a seed belongs to: YAML by extension, tables by what the product detects (an HTML page named .xls is html).</summary>
    private static FuzzTarget TargetFor(string path, byte[] bytes) =>
        Path.GetExtension(path).ToLowerInvariant() is ".yml" or ".yaml" ? Yaml : Readers[TableReader.DetectFormat(bytes, path)];

    private static FuzzTarget Reader(string name, string extension) =>
        new(name, extension, bytes => TableReader.Read(bytes, "fuzz" + extension), ex => ex is ParseException);
}
