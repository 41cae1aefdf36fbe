using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using Warehouse.Bench;
using Warehouse.Bench.Parsing;
using Warehouse.Etl.Parsing;

namespace Warehouse.Etl.Cli;

/// <summary>The <c>bench parse</c> verb.</summary>
public static class BenchParseCommand
{
    public static Command Create()
    {
        var tables = new Option<int>("--tables") { Description = "Tables generated per reader (at least 100)", DefaultValueFactory = _ => 120 };
        var runs = new Option<int>("--runs") { Description = "Measured runs per reader; min, median and max are printed", DefaultValueFactory = _ => ParseBench.DefaultRuns }.AtLeast(1);
        var reader = new Option<string?>("--reader") { Description = "Only this reader: html, xlsx or nbs-csv (default: all three)" };
        reader.AcceptOnlyFromAmong("html", "xlsx", "nbs-csv");
        var phases = new Option<bool>("--phases") { Description = "Also print where each reader's time goes (library parse vs grid vs table finding) and how many HTML pages fell back from the token path to the DOM" };
        var samples = new Option<string?>("--samples") { Description = "Also time real files of this folder (e.g. ../shared/real-samples), grouped as encrypted xls, xls, HTML saved as xls, xlsx, csv" };
        var command = new Command("parse", "Parse throughput (MB/s, tables/s) of each reader on a generated corpus, beside the library it is built on (AngleSharp's tokenizer and parser for HTML, ExcelDataReader for xlsx), with what our layers add on top.\n\nExample:\n  warehouse bench parse --tables 120 --phases")
        {
            tables, runs, reader, phases, samples,
        };
        command.SetAction(parseResult =>
        {
            var n = parseResult.GetValue(tables);
            var r = parseResult.GetValue(runs);
            if (n < 1 || r < 1)
            {
                VerbOutput.Of(parseResult).Error("--tables and --runs must be positive");
                return ExitCodes.Usage;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"machine: {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}; single-threaded; per reader, its contenders warm up taking turns (at least {ParseBench.WarmUpPerContender.TotalSeconds:0} s each), then {r} runs of at least {ParseBench.MinRunTime.TotalSeconds:0.00} s of our reader each, in which they take turns pass by pass over the corpus; CPU is the bench thread's own"));
            Console.WriteLine($"load average (1 min) at start: {Timing.LoadAverage()}");
            Console.WriteLine("reader    contender             tables  MB/run  MB/s per core: CPU median [slowest–fastest]  wall median [slowest–fastest]  alloc_KB/table");
            var results = ParseBench.Run(n, r, (bytes, name) => TableReader.Read(bytes, name).Tables[0].Rows.Count, LibraryFloors, parseResult.GetValue(reader));
            foreach (var result in results)
            {
                var (cpuSlowest, cpuFastest) = result.CpuMegabytesPerSecondRange;
                var (slowest, fastest) = result.MegabytesPerSecondRange;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{result.Reader,-8}  {result.Contender,-20}  {result.Tables,6}  {result.Megabytes,6:0.00}  {result.CpuMegabytesPerSecond,7:0.0} [{cpuSlowest,5:0.0}–{cpuFastest,5:0.0}]{"",19}  {result.MegabytesPerSecond,7:0.0} [{slowest,5:0.0}–{fastest,5:0.0}]{"",6}  {result.AllocatedMegabytes * 1000 / result.Tables,14:0.0}"));
            }

            foreach (var line in Overheads(results))
                Console.WriteLine(line);
            Console.WriteLine($"load average (1 min) at end: {Timing.LoadAverage()}");

            if (parseResult.GetValue(samples) is { } folder)
            {
                if (!Directory.Exists(folder))
                {
                    VerbOutput.Of(parseResult).Error($"--samples folder '{folder}' does not exist");
                    return ExitCodes.Usage;
                }

                var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                    .Where(p => Path.GetExtension(p).ToLowerInvariant() is ".xls" or ".xlsx" or ".csv").Order(StringComparer.Ordinal)
                    .Select(p => (Path: p, Bytes: File.ReadAllBytes(p)))
                    .Select(f => (SampleGroup(f.Path, f.Bytes), Path.GetFileName(f.Path), f.Bytes)).ToList();
                Console.WriteLine($"real files in {folder}:");
                foreach (var result in ParseBench.RunFiles(files, r, (bytes, name) => TableReader.Read(bytes, name).Tables.Max(t => t.Rows.Count)))
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{result.Reader,-13}  {result.Tables,5} files  {result.Megabytes,6:0.00} MB  {result.MinSeconds,6:0.000}/{result.MedianSeconds,6:0.000}/{result.MaxSeconds,6:0.000} s (min/median/max)  {result.MegabytesPerSecond,7:0.0} MB/s  {result.CpuMegabytesPerSecond,7:0.0} MB/s_cpu  {result.AllocatedMegabytes,8:0.0} alloc_MB"));
                }
            }

            if (parseResult.GetValue(phases))
                PrintPhases(n, r, parseResult.GetValue(reader));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>What the libraries alone take on the same files: the floor under our reader.</summary>
    private static readonly Dictionary<string, IReadOnlyList<ParseContender>> LibraryFloors = new(StringComparer.Ordinal)
    {
        ["html"] =
        [
            new("anglesharp-tokenizer", files =>
            {
                var pages = DecodedPages(files);
                return i => HtmlGridReader.Tokenize(pages[i]);
            }),
            new("anglesharp-parse", files =>
            {
                var pages = DecodedPages(files);
                return i => HtmlGridReader.ParseDocument(pages[i]).ChildNodes.Length;
            }),
        ],
        ["xlsx"] = [new("exceldatareader", files => i => ExcelGridReader.ReadLibraryOnly(files[i]))],
    };

    /// <summary>The pages as AngleSharp receives them (charset decided, decoded): decoding is ours, not the library's.</summary>
    private static string[] DecodedPages(byte[][] files) =>
        files.Select(b => HtmlGridReader.Decode(b, CharsetDetector.Decide(b, null, null, sniffMeta: true).Encoding)).ToArray();

    /// <summary>
    /// Per reader: how long it was measured, and what our layers add over each library floor, run by run (each run's
    /// ratio of our time to the floor's, which ran just before or after it), as median [min–max] of CPU and wall time.
    /// </summary>
    private static IEnumerable<string> Overheads(IReadOnlyList<ParseBenchResult> results)
    {
        foreach (var reader in results.GroupBy(x => x.Reader))
        {
            var ours = reader.Single(x => x.Contender == "warehouse");
            yield return string.Create(CultureInfo.InvariantCulture,
                $"{reader.Key}: {ours.RunSeconds.Count} runs of each of {reader.Count()} contenders, {reader.Sum(x => x.MeasuredSeconds):0.0} s measured after {ours.WarmUpSeconds:0.0} s of warm-up");
            foreach (var floor in reader.Where(x => x.Contender != "warehouse"))
            {
                var cpu = PairedOverhead.Of(ours.RunCpuSeconds, floor.RunCpuSeconds);
                var wall = PairedOverhead.Of(ours.RunSeconds, floor.RunSeconds);
                yield return string.Create(CultureInfo.InvariantCulture,
                    $"{reader.Key}: our reader adds {cpu.Median,5:+0%;-0%} [{cpu.Min:+0%;-0%}–{cpu.Max:+0%;-0%}] CPU, {wall.Median,5:+0%;-0%} [{wall.Min:+0%;-0%}–{wall.Max:+0%;-0%}] wall over {floor.Contender} (run by run)");
            }
        }
    }

    /// <summary>The reader a real file exercises: its detected format, an RC4-encrypted xls (a FILEPASS record right after the workbook's BOF) told apart.</summary>
    private static string SampleGroup(string path, byte[] bytes) => TableReader.DetectFormat(bytes, path) switch
    {
        TableFormat.Html => "html-as-xls",
        TableFormat.Xlsx => "xlsx",
        TableFormat.NbsCsv => "nbs-csv",
        _ => IsEncryptedBiff(bytes) ? "xls-encrypted" : "xls",
    };

    private static bool IsEncryptedBiff(byte[] bytes)
    {
        var bof = bytes.AsSpan().IndexOf((ReadOnlySpan<byte>)[0x09, 0x08, 0x10, 0x00, 0x00, 0x06]);
        return bof >= 0 && bof + 22 <= bytes.Length && bytes[bof + 20] == 0x2F && bytes[bof + 21] == 0x00;
    }

    /// <summary>Pages the html phases read, and how many of them went through AngleSharp's DOM instead of the token path.</summary>
    private static long htmlPages;

    private static long htmlPagesThroughDom;

    private static void PrintPhases(int tables, int runs, string? only)
    {
        Console.WriteLine();
        Console.WriteLine("reader    phase            median_s  share  alloc_MB");
        foreach (var reader in ParseBenchPhases.Run(tables, runs, Readers, only).GroupBy(p => p.Reader))
        {
            var total = reader.Sum(p => p.MedianSeconds);
            foreach (var phase in reader)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{phase.Reader,-8}  {phase.Phase,-15}  {phase.MedianSeconds,8:0.000}  {phase.MedianSeconds / total,5:P0}  {phase.AllocatedMegabytes,8:0.0}"));
            }

            if (reader.Key == "html")
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"html: {Interlocked.Read(ref htmlPagesThroughDom)} of {Interlocked.Read(ref htmlPages)} pages fell back from the token path to AngleSharp's DOM"));
            }
        }
    }

    /// <summary>Each reader's pipeline as the product runs it, cut where the library's work ends and ours begins.</summary>
    private static readonly PhasedReader[] Readers =
    [
        new("html", ["charset", "decode", "tokens+tree", "grid", "tables"], (bytes, lap) =>
        {
            var charset = CharsetDetector.Decide(bytes, null, null, sniffMeta: true);
            lap(0);
            var text = HtmlGridReader.Decode(bytes, charset.Encoding);
            lap(1);
            var page = HtmlGridReader.BuildPage(text.AsMemory(), "bench.htm", ReaderLimits.Default, out var throughDom, HtmlGridReader.ThreadNodePool);
            Interlocked.Increment(ref htmlPages);
            if (throughDom)
                Interlocked.Increment(ref htmlPagesThroughDom);
            lap(2);
            var grids = HtmlGridReader.ToGrids(page, "bench.htm");
            lap(3);
            var tables = GridTableBuilder.Build(grids);
            lap(4);
            return FirstTableRows(tables);
        }),
        new("xlsx", ["exceldatareader", "grid", "tables"], (bytes, lap) =>
        {
            var sheets = ExcelGridReader.ReadSheets(bytes, "bench.xlsx");
            lap(0);
            var grids = ExcelGridReader.ToGrids(sheets, "bench.xlsx");
            lap(1);
            var tables = grids.SelectMany(GridTableBuilder.Build).ToList();
            lap(2);
            return FirstTableRows(tables);
        }),
        new("nbs-csv", ["decode", "tables"], (bytes, lap) =>
        {
            var (text, _) = NbsCsvReader.Decode(bytes, null);
            lap(0);
            var table = NbsCsvReader.Read(text, "bench.csv");
            lap(1);
            return table.Rows.Count;
        }),
    ];

    private static int FirstTableRows(IReadOnlyList<RawTable> tables) => tables.Count == 0 ? 0 : tables[0].Rows.Count;
}
