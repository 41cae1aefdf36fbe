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
        var runs = new Option<int>("--runs") { Description = "Measured runs per reader; the median is printed", DefaultValueFactory = _ => 5 }.AtLeast(1);
        var reader = new Option<string?>("--reader") { Description = "Only this reader: html, xlsx or nbs-csv (default: all three)" };
        reader.AcceptOnlyFromAmong("html", "xlsx", "nbs-csv");
        var phases = new Option<bool>("--phases") { Description = "Also print where each reader's time goes (library parse vs grid vs table finding)" };
        var samples = new Option<string?>("--samples") { Description = "Also time real files of this folder (e.g. ../shared/real-samples), grouped as encrypted xls, xls, HTML saved as xls, xlsx, csv" };
        var command = new Command("parse", "Parse throughput (MB/s, tables/s) of each reader on a generated corpus.\n\nExample:\n  warehouse bench parse --tables 120 --phases")
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
                $"machine: {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}; single-threaded, median of {r} runs after warm-up runs (at least {Timing.WarmUpRuns}, for at least {Timing.WarmUpTime.TotalSeconds:0} s per reader)"));
            var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
            Console.WriteLine($"load average (1 min) at start: {load}");
            Console.WriteLine("reader    tables  MB/run  median_s  MB/s     tables/s  MB/s_cpu  alloc_MB");
            foreach (var result in ParseBench.Run(n, r, (bytes, name) => TableReader.Read(bytes, name).Tables[0].Rows.Count, parseResult.GetValue(reader)))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{result.Reader,-8}  {result.Tables,6}  {result.Megabytes,6:0.00}  {result.MedianSeconds,8:0.000}  {result.MegabytesPerSecond,7:0.0}  {result.TablesPerSecond,8:0}  {result.CpuMegabytesPerSecond,8:0.0}  {result.AllocatedMegabytes,8:0.0}"));
            }

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
                        $"{result.Reader,-13}  {result.Tables,5} files  {result.Megabytes,6:0.00} MB  {result.MedianSeconds,8:0.000} s  {result.MegabytesPerSecond,7:0.0} MB/s  {result.CpuMegabytesPerSecond,7:0.0} MB/s_cpu  {result.AllocatedMegabytes,8:0.0} alloc_MB"));
                }
            }

            if (parseResult.GetValue(phases))
                PrintPhases(n, r, parseResult.GetValue(reader));
            return ExitCodes.Ok;
        });
        return command;
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
        }
    }

    /// <summary>Each reader's pipeline as the product runs it, cut where the library's work ends and ours begins.</summary>
    private static readonly PhasedReader[] Readers =
    [
        new("html", ["charset", "decode", "anglesharp", "grid", "tables"], (bytes, lap) =>
        {
            var charset = CharsetDetector.Decide(bytes, null, null, sniffMeta: true);
            lap(0);
            var text = HtmlGridReader.Decode(bytes, charset.Encoding);
            lap(1);
            var document = HtmlGridReader.ParseDocument(text);
            lap(2);
            var grids = HtmlGridReader.ToGrids(document, "bench.htm");
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
