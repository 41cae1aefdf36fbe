using System.Diagnostics;
using System.Globalization;

namespace Warehouse.Etl.Parsing.Bench;

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

/// <summary>Parse throughput per reader on a generated corpus, single-threaded; medians over several runs after a warm-up.</summary>
public static class ParseBench
{
    /// <summary>Runs the bench for every reader, or only <paramref name="only"/> (html, xlsx or nbs-csv) when given.</summary>
    public static IReadOnlyList<ParseBenchResult> Run(int tables, int runs, string? only = null)
    {
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
            WarmUp(() => ParseAll(corpus, extension));
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
                ParseAll(corpus, extension);
                seconds.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
                allocated.Add((GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / 1e6);
                process.Refresh();
                cpuSeconds.Add((process.TotalProcessorTime - cpuBefore).TotalSeconds);
            }

            var median = Median(seconds);
            var cpu = Median(cpuSeconds);
            results.Add(new ParseBenchResult(name, tables, bytes / 1e6, median, bytes / 1e6 / median, tables / median, bytes / 1e6 / cpu, Median(allocated)));
        }

        return results;
    }

    /// <summary>Warm-up runs: at least this many, and for at least <see cref="WarmUpTime"/>.</summary>
    internal const int WarmUpRuns = 3;

    /// <summary>
    /// Tiered JIT with dynamic PGO compiles hot methods again in the background; AngleSharp's tokenizer and tree builder
    /// are large, and on a loaded machine their tier-1 code can still be queued when the next reader starts. Three
    /// quick runs were too short once the HTML reader got fast: the xlsx reader after it measured 0.3 s per run
    /// instead of 0.15 s (0.15 s with DOTNET_TieredPGO=0). A time floor lets the background compiler catch up.
    /// </summary>
    internal static readonly TimeSpan WarmUpTime = TimeSpan.FromSeconds(2);

    /// <summary>Runs <paramref name="run"/> until both warm-up floors are met.</summary>
    internal static void WarmUp(Action run)
    {
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < WarmUpRuns || Stopwatch.GetElapsedTime(started) < WarmUpTime; i++)
            run();
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }

    private static void ParseAll(byte[][] corpus, string extension)
    {
        for (var i = 0; i < corpus.Length; i++)
        {
            var document = TableReader.Read(corpus[i], "bench" + i.ToString(CultureInfo.InvariantCulture) + extension);
            if (document.Tables[0].Rows.Count != 32 && document.Tables[0].Rows.Count != 31)
                throw new InvalidOperationException($"bench table {i} parsed to {document.Tables[0].Rows.Count} rows");
        }
    }
}
