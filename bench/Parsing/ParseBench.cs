using System.Diagnostics;
using System.Globalization;

namespace Warehouse.Bench.Parsing;

/// <summary>One contender's figures over the measured runs.</summary>
/// <param name="Reader">html, xlsx or nbs-csv (the corpus), or a real-sample group.</param>
/// <param name="Contender">What was timed: <c>warehouse</c> (our reader, end to end) or a library floor such as <c>anglesharp-tokenizer</c>.</param>
/// <param name="Tables">Tables (files) parsed per run: the corpus times the passes a run makes over it.</param>
/// <param name="Megabytes">Input parsed per run, MB (10^6 bytes of the files as stored, the same for every contender).</param>
/// <param name="RunSeconds">Wall seconds of every measured run, in run order (run i of every contender of a reader ran in the same stretch, pass by pass in turn).</param>
/// <param name="RunCpuSeconds">The bench thread's CPU seconds of every measured run, in run order (<see cref="ThreadCpuTime"/>): the one-core figure on a shared, loaded machine.</param>
/// <param name="AllocatedMegabytes">Managed memory allocated by one run, MB (median run): a load-independent measure of the work done.</param>
/// <param name="WarmUpSeconds">Wall seconds the reader's contenders were warmed up, taking turns, before the first measured run.</param>
public sealed record ParseBenchResult(
    string Reader, string Contender, int Tables, double Megabytes, IReadOnlyList<double> RunSeconds, IReadOnlyList<double> RunCpuSeconds, double AllocatedMegabytes,
    double WarmUpSeconds)
{
    /// <summary>Fastest run, wall seconds.</summary>
    public double MinSeconds => RunSeconds.Min();

    /// <summary>Median run, wall seconds.</summary>
    public double MedianSeconds => Timing.Median(RunSeconds);

    /// <summary>Slowest run, wall seconds.</summary>
    public double MaxSeconds => RunSeconds.Max();

    /// <summary>Median CPU seconds of a run.</summary>
    public double CpuMedianSeconds => Timing.Median(RunCpuSeconds);

    /// <summary>Input MB per second of the median run.</summary>
    public double MegabytesPerSecond => Megabytes / MedianSeconds;

    /// <summary>Input MB per second of the slowest and the fastest run.</summary>
    public (double Slowest, double Fastest) MegabytesPerSecondRange => (Megabytes / MaxSeconds, Megabytes / MinSeconds);

    /// <summary>Input MB per CPU second (median run): MB/s per core, the bench being single-threaded.</summary>
    public double CpuMegabytesPerSecond => Megabytes / CpuMedianSeconds;

    /// <summary>Input MB per CPU second of the slowest and the fastest run by CPU time.</summary>
    public (double Slowest, double Fastest) CpuMegabytesPerSecondRange => (Megabytes / RunCpuSeconds.Max(), Megabytes / RunCpuSeconds.Min());

    /// <summary>Tables per second of the median run.</summary>
    public double TablesPerSecond => Tables / MedianSeconds;

    /// <summary>Wall seconds of all measured runs together.</summary>
    public double MeasuredSeconds => RunSeconds.Sum();
}

/// <summary>What one contender takes over another, run by run: each run's ratio of the two times, minus one.</summary>
/// <param name="Median">Median over the runs (0.25 = 25 % more time).</param>
/// <param name="Min">Smallest run's figure.</param>
/// <param name="Max">Largest run's figure.</param>
public readonly record struct PairedOverhead(double Median, double Min, double Max)
{
    /// <summary>
    /// Ratios of run i of <paramref name="ours"/> to run i of <paramref name="floor"/>: the two ran back to back, so a
    /// change of the machine's load between runs cancels out of every ratio instead of widening the spread of both medians.
    /// </summary>
    public static PairedOverhead Of(IReadOnlyList<double> ours, IReadOnlyList<double> floor)
    {
        ArgumentNullException.ThrowIfNull(ours);
        ArgumentNullException.ThrowIfNull(floor);
        if (ours.Count != floor.Count || ours.Count == 0)
            throw new ArgumentException("both contenders need the same, non-zero number of runs", nameof(floor));
        var ratios = ours.Zip(floor, (o, f) => o / f - 1).ToList();
        return new PairedOverhead(Timing.Median(ratios), ratios.Min(), ratios.Max());
    }
}

/// <summary>Parses one file the way the product does and returns the row count of its first table.</summary>
/// <param name="bytes">The file's bytes.</param>
/// <param name="fileName">A name whose extension tells the reader (.htm, .xlsx, .csv).</param>
public delegate int ParseFirstTable(byte[] bytes, string fileName);

/// <summary>Something timed over a corpus: called once per file index, returns a count (kept so the work is not optimised away).</summary>
/// <param name="Name">e.g. <c>warehouse</c>, <c>anglesharp-tokenizer</c>, <c>exceldatareader</c>.</param>
/// <param name="Prepare">Called once with the corpus before any timing (e.g. decoding the pages a tokenizer floor reads), returning the per-file work.</param>
public sealed record ParseContender(string Name, Func<byte[][], Func<int, int>> Prepare);

/// <summary>
/// Parse throughput per reader on a generated corpus, single-threaded. The contenders of a reader (our reader and its
/// library floors) are warmed up taking turns, then timed in turn within each run (the order rotated per run), so a
/// change of the machine's load hits them alike: within a run they take turns pass by pass over the corpus. Min, median
/// and max are reported, and every run's time beside the other contenders' same run, for overheads taken run by run.
/// </summary>
public static class ParseBench
{
    /// <summary>
    /// Measured runs when none are asked for. With 15 runs of 0.25 s after 2 s of warm-up per contender, two idle runs of
    /// the bench minutes apart gave the HTML reader 37.0 and 39.6 MB/s and the xlsx overhead +22 % and +5 %.
    /// </summary>
    public const int DefaultRuns = 21;

    /// <summary>Shortest measured run: a run repeats the corpus until one pass of our reader times this long.</summary>
    public static readonly TimeSpan MinRunTime = TimeSpan.FromSeconds(0.4);

    /// <summary>
    /// Warm-up per contender, the contenders taking turns: tiered compilation with dynamic PGO recompiles the hot methods
    /// of AngleSharp, ExcelDataReader and ours in the background (instrumented, then optimised), and the first 2 s did
    /// not always see the optimised code of all of them on this 2-core machine.
    /// </summary>
    public static readonly TimeSpan WarmUpPerContender = TimeSpan.FromSeconds(4);

    /// <summary>Generated corpora by reader name, with the extension their files carry.</summary>
    public static readonly IReadOnlyList<(string Name, string Extension, Func<int, byte[]> Generate)> Readers =
    [
        ("html", ".htm", ParseBenchCorpus.Html),
        ("xlsx", ".xlsx", ParseBenchCorpus.Xlsx),
        ("nbs-csv", ".csv", ParseBenchCorpus.NbsCsv),
    ];

    /// <summary>Runs the bench for every reader, or only <paramref name="only"/> (html, xlsx or nbs-csv) when given.</summary>
    /// <param name="tables">Tables generated per reader.</param>
    /// <param name="runs">Measured runs per reader.</param>
    /// <param name="parse">The product's reader, timed as <c>warehouse</c>; every table must give its 31 or 32 rows.</param>
    /// <param name="floors">Library floors per reader name (e.g. AngleSharp's tokenizer for html), timed beside it.</param>
    /// <param name="only">One reader's name, or null for all three.</param>
    public static IReadOnlyList<ParseBenchResult> Run(
        int tables, int runs, ParseFirstTable parse, IReadOnlyDictionary<string, IReadOnlyList<ParseContender>>? floors = null, string? only = null)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var results = new List<ParseBenchResult>();
        foreach (var (name, extension, generate) in Readers.Where(r => only is null || r.Name == only))
        {
            var corpus = Enumerable.Range(0, tables).Select(generate).ToArray();
            var ours = new ParseContender("warehouse", files => i =>
            {
                var rows = parse(files[i], "bench" + i.ToString(CultureInfo.InvariantCulture) + extension);
                return rows is 31 or 32 ? rows : throw new InvalidOperationException($"bench table {i} parsed to {rows} rows");
            });
            IReadOnlyList<ParseContender> contenders = floors is not null && floors.TryGetValue(name, out var own) ? [.. own, ours] : [ours];
            results.AddRange(Measure(name, corpus, contenders, runs));
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
            var names = group.Select(f => f.Name).ToArray();
            var ours = new ParseContender("warehouse", corpus => i =>
                parse(corpus[i], names[i]) is var rows and > 0 ? rows : throw new InvalidOperationException($"{names[i]} parsed to no rows"));
            results.AddRange(Measure(group.Key, group.Select(f => f.Bytes).ToArray(), [ours], runs));
        }

        return results;
    }

    /// <summary>Warms the contenders up taking turns, then times them in turn pass by pass within each run (order rotated every pass).</summary>
    private static List<ParseBenchResult> Measure(string reader, byte[][] corpus, IReadOnlyList<ParseContender> contenders, int runs)
    {
        var work = contenders.Select(c => c.Prepare(corpus)).ToArray();
        var sink = 0;
        var warmUpStarted = Stopwatch.GetTimestamp();
        var warmUpTime = WarmUpPerContender * work.Length;
        for (var pass = 0; pass < Timing.WarmUpRuns || Stopwatch.GetElapsedTime(warmUpStarted) < warmUpTime; pass++)
        {
            foreach (var w in work)
                sink += RunAll(w, corpus.Length, 1);
        }

        var warmUpSeconds = Stopwatch.GetElapsedTime(warmUpStarted).TotalSeconds;

        // A run passes over the corpus often enough for our reader to take MinRunTime in it.
        var onePass = Stopwatch.GetTimestamp();
        sink += RunAll(work[^1], corpus.Length, 1);
        var passes = (int)Math.Clamp(Math.Ceiling(MinRunTime.TotalSeconds / Math.Max(Stopwatch.GetElapsedTime(onePass).TotalSeconds, 1e-6)), 1, 1000);
        var bytes = corpus.Sum(b => (long)b.Length) * passes;

        // Within a run the contenders take turns pass by pass (the order rotated every pass), so load that comes and
        // goes within a run hits them alike too; each run's times are the sums of its passes.
        var wall = contenders.Select(_ => new double[runs]).ToArray();
        var cpu = contenders.Select(_ => new double[runs]).ToArray();
        var allocated = contenders.Select(_ => new double[runs]).ToArray();
        for (var run = 0; run < runs; run++)
        {
            for (var pass = 0; pass < passes; pass++)
            {
                for (var k = 0; k < work.Length; k++)
                {
                    var c = (k + run + pass) % work.Length;
                    var cpuBefore = ThreadCpuTime.Seconds();
                    var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
                    var started = Stopwatch.GetTimestamp();
                    sink += RunAll(work[c], corpus.Length, 1);
                    wall[c][run] += Stopwatch.GetElapsedTime(started).TotalSeconds;
                    allocated[c][run] += (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / 1e6;
                    cpu[c][run] += ThreadCpuTime.Seconds() - cpuBefore;
                }
            }
        }

        GC.KeepAlive(sink);
        return contenders.Select((contender, c) => new ParseBenchResult(reader, contender.Name, corpus.Length * passes, bytes / 1e6,
                wall[c], cpu[c], Timing.Median(allocated[c]), warmUpSeconds))
            .ToList();
    }

    private static int RunAll(Func<int, int> work, int files, int passes)
    {
        var total = 0;
        for (var pass = 0; pass < passes; pass++)
        {
            for (var i = 0; i < files; i++)
                total += work(i);
        }

        return total;
    }
}
