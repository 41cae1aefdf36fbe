using System.Diagnostics;
using AngleSharp.Html.Dom;

namespace Warehouse.Etl.Parsing.Bench;

/// <summary>Median time of one phase of a reader over the whole corpus (one run).</summary>
/// <param name="Reader">html, xlsx or nbs-csv.</param>
/// <param name="Phase">The phase's name, e.g. <c>anglesharp</c> (the library) or <c>tables</c> (our table finding).</param>
/// <param name="MedianSeconds">Median over the runs of the phase's summed time over every table of the corpus.</param>
/// <param name="AllocatedMegabytes">Managed memory the phase allocates over the corpus, MB (last run).</param>
public sealed record ParseBenchPhase(string Reader, string Phase, double MedianSeconds, double AllocatedMegabytes);

/// <summary>
/// Where the parse time goes: each reader's pipeline run step by step with a stopwatch around every step, so the
/// library's share (AngleSharp, ExcelDataReader) can be told from ours (grid expansion, table finding, cell parsing).
/// </summary>
public static class ParseBenchPhases
{
    /// <summary>Phases of every reader, or only of <paramref name="only"/> (html, xlsx or nbs-csv) when given.</summary>
    public static IReadOnlyList<ParseBenchPhase> Run(int tables, int runs, string? only = null)
    {
        var readers = new (string Name, Func<int, byte[]> Generate, string[] Phases, Phases Run)[]
        {
            ("html", ParseBenchCorpus.Html, ["charset", "decode", "anglesharp", "grid", "tables"], HtmlPhases),
            ("xlsx", ParseBenchCorpus.Xlsx, ["exceldatareader", "grid", "tables"], XlsxPhases),
            ("nbs-csv", ParseBenchCorpus.NbsCsv, ["decode", "tables"], CsvPhases),
        };
        var results = new List<ParseBenchPhase>();
        foreach (var reader in readers.Where(r => only is null || r.Name == only))
            MeasureReader(reader.Name, tables, runs, reader.Generate, reader.Phases, reader.Run, results);
        return results;
    }

    private delegate void Phases(byte[] bytes, Stopwatches watches);

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

    private static void MeasureReader(string reader, int tables, int runs, Func<int, byte[]> generate, string[] names, Phases phases, List<ParseBenchPhase> results)
    {
        var corpus = Enumerable.Range(0, tables).Select(generate).ToArray();
        var perRun = names.Select(_ => new List<double>(runs)).ToArray();
        var watches = new Stopwatches(names.Length);
        ParseBench.WarmUp(() =>
        {
            foreach (var bytes in corpus)
                phases(bytes, watches);
        });
        for (var run = 0; run < runs; run++)
        {
            watches = new Stopwatches(names.Length);
            foreach (var bytes in corpus)
                phases(bytes, watches);
            for (var p = 0; p < names.Length; p++)
                perRun[p].Add((double)watches.Ticks[p] / Stopwatch.Frequency);
        }

        for (var p = 0; p < names.Length; p++)
        {
            perRun[p].Sort();
            results.Add(new ParseBenchPhase(reader, names[p], perRun[p][perRun[p].Count / 2], watches.Bytes[p] / 1e6));
        }
    }

    private static void HtmlPhases(byte[] bytes, Stopwatches watches)
    {
        watches.Start();
        var charset = CharsetDetector.Decide(bytes, null, null, sniffMeta: true);
        watches.Lap(0);
        var text = HtmlGridReader.Decode(bytes, charset.Encoding);
        watches.Lap(1);
        IHtmlDocument document = HtmlGridReader.ParseDocument(text);
        watches.Lap(2);
        var grids = HtmlGridReader.ToGrids(document, "bench.htm");
        watches.Lap(3);
        var tables = GridTableBuilder.Build(grids);
        watches.Lap(4);
        Check(tables);
    }

    private static void XlsxPhases(byte[] bytes, Stopwatches watches)
    {
        watches.Start();
        var sheets = ExcelGridReader.ReadSheets(bytes, "bench.xlsx");
        watches.Lap(0);
        var grids = ExcelGridReader.ToGrids(sheets, "bench.xlsx");
        watches.Lap(1);
        var tables = grids.SelectMany(GridTableBuilder.Build).ToList();
        watches.Lap(2);
        Check(tables);
    }

    private static void CsvPhases(byte[] bytes, Stopwatches watches)
    {
        watches.Start();
        var (text, _) = NbsCsvReader.Decode(bytes, null);
        watches.Lap(0);
        var table = NbsCsvReader.Read(text, "bench.csv");
        watches.Lap(1);
        Check([table]);
    }

    private static void Check(IReadOnlyList<RawTable> tables)
    {
        if (tables.Count == 0 || tables[0].Rows.Count is not (31 or 32))
            throw new InvalidOperationException("a bench table did not parse to its 31 or 32 rows");
    }
}
