using System.Diagnostics;

namespace Warehouse.Bench.Parsing;

/// <summary>Median time of one phase of a reader over the whole corpus (one run).</summary>
/// <param name="Reader">html, xlsx or nbs-csv.</param>
/// <param name="Phase">The phase's name, e.g. <c>exceldatareader</c> (the library), <c>tokens+tree</c> (AngleSharp's tokenizer and our page tree) or <c>tables</c> (our table finding).</param>
/// <param name="MedianSeconds">Median over the runs of the phase's summed time over every table of the corpus.</param>
/// <param name="AllocatedMegabytes">Managed memory the phase allocates over the corpus, MB (last run).</param>
public sealed record ParseBenchPhase(string Reader, string Phase, double MedianSeconds, double AllocatedMegabytes);

/// <summary>Runs one reader's pipeline on <paramref name="bytes"/>, calling <paramref name="lap"/> with the phase's index
/// at the end of each phase, and returns the row count of the first table found.</summary>
public delegate int RunPhases(byte[] bytes, Action<int> lap);

/// <summary>A reader's pipeline cut into named phases, as the product's reader runs them.</summary>
/// <param name="Reader">html, xlsx or nbs-csv (the corpus generated for it).</param>
/// <param name="Phases">Phase names in order, e.g. <c>anglesharp</c> (the library) or <c>tables</c> (our table finding).</param>
/// <param name="Run">The pipeline, lapping once per phase.</param>
public sealed record PhasedReader(string Reader, IReadOnlyList<string> Phases, RunPhases Run);

/// <summary>
/// Where the parse time goes: each reader's pipeline run step by step with a stopwatch around every step, so the
/// library's share (AngleSharp, ExcelDataReader) can be told from ours (grid expansion, table finding, cell parsing).
/// </summary>
public static class ParseBenchPhases
{
    /// <summary>Phases of every reader given, or only of <paramref name="only"/> (html, xlsx or nbs-csv) when given.</summary>
    public static IReadOnlyList<ParseBenchPhase> Run(int tables, int runs, IReadOnlyList<PhasedReader> readers, string? only = null)
    {
        ArgumentNullException.ThrowIfNull(readers);
        var results = new List<ParseBenchPhase>();
        foreach (var reader in readers.Where(r => only is null || r.Reader == only))
            MeasureReader(reader, tables, runs, ParseBenchCorpus.For(reader.Reader), results);
        return results;
    }

    /// <summary>Time and allocated bytes per phase, summed over the corpus.</summary>
    private sealed class Stopwatches(int phases)
    {
        private long lastTicks;
        private long lastBytes;

        public long[] Ticks { get; } = new long[phases];

        public long[] Bytes { get; } = new long[phases];

        public void Start()
        {
            lastBytes = GC.GetAllocatedBytesForCurrentThread();
            lastTicks = Stopwatch.GetTimestamp();
        }

        /// <summary>Ends phase <paramref name="phase"/> and starts the next.</summary>
        public void Lap(int phase)
        {
            var ticks = Stopwatch.GetTimestamp();
            var bytes = GC.GetAllocatedBytesForCurrentThread();
            Ticks[phase] += ticks - lastTicks;
            Bytes[phase] += bytes - lastBytes;
            lastBytes = GC.GetAllocatedBytesForCurrentThread();
            lastTicks = Stopwatch.GetTimestamp();
        }
    }

    private static void MeasureReader(PhasedReader reader, int tables, int runs, Func<int, byte[]> generate, List<ParseBenchPhase> results)
    {
        var corpus = Enumerable.Range(0, tables).Select(generate).ToArray();
        var names = reader.Phases;
        var perRun = names.Select(_ => new List<double>(runs)).ToArray();
        var watches = new Stopwatches(names.Count);
        Timing.WarmUp(() =>
        {
            foreach (var bytes in corpus)
                RunOnce(reader, bytes, watches);
        });
        for (var run = 0; run < runs; run++)
        {
            watches = new Stopwatches(names.Count);
            foreach (var bytes in corpus)
                RunOnce(reader, bytes, watches);
            for (var p = 0; p < names.Count; p++)
                perRun[p].Add((double)watches.Ticks[p] / Stopwatch.Frequency);
        }

        for (var p = 0; p < names.Count; p++)
        {
            perRun[p].Sort();
            results.Add(new ParseBenchPhase(reader.Reader, names[p], perRun[p][perRun[p].Count / 2], watches.Bytes[p] / 1e6));
        }
    }

    private static void RunOnce(PhasedReader reader, byte[] bytes, Stopwatches watches)
    {
        watches.Start();
        if (reader.Run(bytes, watches.Lap) is not (31 or 32))
            throw new InvalidOperationException("a bench table did not parse to its 31 or 32 rows");
    }
}
