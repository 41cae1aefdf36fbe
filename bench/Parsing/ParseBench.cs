using System.Diagnostics;
using System.Globalization;

namespace Warehouse.Bench.Parsing;

/// <summary>One reader's figures: medians over the runs.</summary>
/// <param name="Reader">html, xlsx or nbs-csv.</param>
/// <param name="Tables">Tables parsed per run.</param>
/// <param name="Megabytes">Input size per run, MB (10^6 bytes).</param>
/// <param name="MedianSeconds">Median wall time of one run.</param>
/// <param name="MegabytesPerSecond">Input MB parsed per second (median run).</param>
/// <param name="TablesPerSecond">Tables parsed per second (median run).</param>
/// <param name="CpuMegabytesPerSecond">Input MB per second of this process's CPU time (median run): the one-core figure on a shared, loaded machine.</param>
/// <param name="AllocatedMegabytes">Managed memory allocated by one run, MB (median run): a load-independent measure of the work done.</param>
public sealed record ParseBenchResult(string Reader, int Tables, double Megabytes, double MedianSeconds, double MegabytesPerSecond, double TablesPerSecond, double CpuMegabytesPerSecond, double AllocatedMegabytes);

/// <summary>Parses one file the way the product does and returns the row count of its first table.</summary>
/// <param name="bytes">The file's bytes.</param>
/// <param name="fileName">A name whose extension tells the reader (.htm, .xlsx, .csv).</param>
public delegate int ParseFirstTable(byte[] bytes, string fileName);

/// <summary>Parse throughput per reader on a generated corpus, single-threaded; medians over several runs after a warm-up.</summary>
public static class ParseBench
{
    /// <summary>Runs the bench for every reader, or only <paramref name="only"/> (html, xlsx or nbs-csv) when given.</summary>
    /// <param name="tables">Tables generated per reader.</param>
    /// <param name="runs">Measured runs per reader.</param>
    /// <param name="parse">The product's reader.</param>
    /// <param name="only">One reader's name, or null for all three.</param>
    public static IReadOnlyList<ParseBenchResult> Run(int tables, int runs, ParseFirstTable parse, string? only = null)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var readers = new (string Name, string Extension, Func<int, byte[]> Generate)[]
        {
            ("html", ".htm", ParseBenchCorpus.Html),
            ("xlsx", ".xlsx", ParseBenchCorpus.Xlsx),
            ("nbs-csv", ".csv", ParseBenchCorpus.NbsCsv),
        };
        var results = new List<ParseBenchResult>();
        foreach (var (name, extension, generate) in readers.Where(r => only is null || r.Name == only))
        {
            var corpus = Enumerable.Range(0, tables).Select(generate).ToArray();
            var bytes = corpus.Sum(b => (long)b.Length);
            Timing.WarmUp(() => ParseAll(corpus, extension, parse));
            var seconds = new List<double>(runs);
            var cpuSeconds = new List<double>(runs);
            var allocated = new List<double>(runs);
            using var process = Process.GetCurrentProcess();
            for (var run = 0; run < runs; run++)
            {
                process.Refresh();
                var cpuBefore = process.TotalProcessorTime;
                var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
                var started = Stopwatch.GetTimestamp();
                ParseAll(corpus, extension, parse);
                seconds.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
                allocated.Add((GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / 1e6);
                process.Refresh();
                cpuSeconds.Add((process.TotalProcessorTime - cpuBefore).TotalSeconds);
            }

            var median = Timing.Median(seconds);
            var cpu = Timing.Median(cpuSeconds);
            results.Add(new ParseBenchResult(name, tables, bytes / 1e6, median, bytes / 1e6 / median, tables / median, bytes / 1e6 / cpu, Timing.Median(allocated)));
        }

        return results;
    }

    /// <summary>
    /// Runs the bench on given files instead of a generated corpus, one figure per group (e.g. the real samples'
    /// encrypted xls, HTML saved as xls, xlsx, portal CSV, for readers no generator here can write).
    /// </summary>
    /// <param name="files">Group name, file name (its extension tells the reader) and bytes of every file.</param>
    /// <param name="runs">Measured runs per group.</param>
    /// <param name="parse">The product's reader; every file must give a table with rows.</param>
    public static IReadOnlyList<ParseBenchResult> RunFiles(IReadOnlyList<(string Group, string Name, byte[] Bytes)> files, int runs, ParseFirstTable parse)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(parse);
        var results = new List<ParseBenchResult>();
        foreach (var group in files.GroupBy(f => f.Group))
        {
            var corpus = group.ToArray();
            var bytes = corpus.Sum(f => (long)f.Bytes.Length);
            void ParseGroup()
            {
                foreach (var (_, name, content) in corpus)
                {
                    if (parse(content, name) < 1)
                        throw new InvalidOperationException($"{name} parsed to no rows");
                }
            }

            Timing.WarmUp(ParseGroup);
            var seconds = new List<double>(runs);
            var cpuSeconds = new List<double>(runs);
            var allocated = new List<double>(runs);
            using var process = Process.GetCurrentProcess();
            for (var run = 0; run < runs; run++)
            {
                process.Refresh();
                var cpuBefore = process.TotalProcessorTime;
                var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
                var started = Stopwatch.GetTimestamp();
                ParseGroup();
                seconds.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
                allocated.Add((GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / 1e6);
                process.Refresh();
                cpuSeconds.Add((process.TotalProcessorTime - cpuBefore).TotalSeconds);
            }

            var median = Timing.Median(seconds);
            results.Add(new ParseBenchResult(group.Key, corpus.Length, bytes / 1e6, median, bytes / 1e6 / median, corpus.Length / median,
                bytes / 1e6 / Timing.Median(cpuSeconds), Timing.Median(allocated)));
        }

        return results;
    }

    private static void ParseAll(byte[][] corpus, string extension, ParseFirstTable parse)
    {
        for (var i = 0; i < corpus.Length; i++)
        {
            var rows = parse(corpus[i], "bench" + i.ToString(CultureInfo.InvariantCulture) + extension);
            if (rows is not (31 or 32))
                throw new InvalidOperationException($"bench table {i} parsed to {rows} rows");
        }
    }
}
