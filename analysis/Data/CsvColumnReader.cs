using System.Runtime.CompilerServices;
using Microsoft.Win32.SafeHandles;

namespace Warehouse.Analysis.Data;

/// <summary>
/// Reads a regression's columns from a plain CSV straight into arrays with Sep (nietras/Sep), the file cut into byte
/// ranges at line ends that are parsed on all cores; gives the file back (null) when it needs DuckDB's reader.
/// </summary>
/// <remarks>
/// DuckDB's <c>read_csv</c> types every column of every row, and the rows then cross into .NET; at 10^7 rows of the
/// benchmark design that was 2.9 s of a 4.0 s estimate. Here only the model's columns are converted, each cell once,
/// into the arrays the estimator uses.
/// <para>It reads only what it reads exactly as the DuckDB path does, and returns null for the rest: a header that does
/// not name each wanted column exactly once, a number cell that is not plain decimal text (<see cref="CsvCells"/>) or
/// not finite, an integer identifier column with a cell that is not an integer or is one written another way than
/// DuckDB writes it back (<c>07</c>, <c>+7</c>, <c>-0</c>: as text they are other identifiers, and DuckDB's typing of
/// the column decides whether <c>07</c> is <c>7</c>), bytes that are not UTF-8, a row with
/// another number of fields, no data rows. DuckDB then reads the file, and for a bad file its error names the line.
/// Numbers agree bit for bit: both parsers round decimal text to the nearest double. Rows with a missing number or
/// identifier are dropped and counted, extra columns' missing cells become NaN, as in <see cref="BulkColumnReader"/>.</para>
/// <para>Identifier columns: when the first data row's cell is an integer the column is read as integer values (as
/// DuckDB's BIGINT sniff reads it); otherwise as its text, each distinct text a level, numbered in order of first
/// appearance over the file. A date written other than as ISO text is one level per text here, where DuckDB would
/// label it in ISO form; the levels, and so the estimates, are the same.</para>
/// <para>A file with a quote character is read on one core: a quoted line break could put a range's start inside a
/// field.</para>
/// </remarks>
internal static class CsvColumnReader
{
    /// <summary>A range under this size is not worth its own thread.</summary>
    private const long MinRangeBytes = 4L << 20;

    /// <summary>The columns as a <see cref="RawPanel"/>, or null when the file is left to DuckDB.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="request">The request the panel answers.</param>
    /// <param name="numbers">Number columns, in the order <see cref="RawPanel"/> expects.</param>
    /// <param name="ids">Identifier columns.</param>
    /// <param name="extras">Extra number columns (not in <paramref name="numbers"/> or <paramref name="ids"/>).</param>
    /// <param name="missing">Cell texts read as missing, the empty text among them.</param>
    public static RawPanel? TryRead(string path, PanelRequest request, IReadOnlyList<string> numbers, IReadOnlyList<string> ids,
        IReadOnlyList<string> extras, CsvMissingCells missing)
    {
        if (CsvColumnLayout.Read(path, numbers, ids, extras, missing) is not { } layout) return null;
        using var file = File.OpenHandle(path);
        var length = RandomAccess.GetLength(file);
        var quotes = layout.Quoted;
        var ranges = Ranges(file, layout.DataStart, length, quotes ? 1 : Environment.ProcessorCount);
        var total = ranges.Sum(r => (long)r.Lines);
        if (total is 0 or > int.MaxValue) return null;
        var widen = new bool[ids.Count];
        var columns = new CsvColumns(layout, (int)total);
        var sawQuote = new StrongBox<bool>(false);
        var results = ParseRanges(file, layout, ranges, missing, columns, widen, quotes, sawQuote);
        if (widen.Any(w => w))
        {
            // Rare: an integer id beyond 32 bits. Read again with those columns as 64-bit values.
            layout = layout with { IdKinds = layout.IdKinds.Select((kind, c) => widen[c] ? CsvIdKind.Integer64 : kind).ToArray() };
            columns = new CsvColumns(layout, (int)total);
            results = ParseRanges(file, layout, ranges, missing, columns, new bool[ids.Count], quotes, sawQuote);
        }

        if (!quotes && sawQuote.Value)
        {
            // A quote below the first row: parse again with quotes, in one range (a quoted line break may fall at a cut).
            ranges = [new CsvRange(layout.DataStart, length, 0, (int)total)];
            results = ParseRanges(file, layout, ranges, missing, columns, new bool[ids.Count], quotes: true, sawQuote);
        }

        return results is null ? null : Panel(columns, ranges, results, request, ids, extras);
    }

    /// <summary>Up to <paramref name="most"/> ranges, each at least <see cref="MinRangeBytes"/>, cut just after a line
    /// end, with their lines counted (on all cores).</summary>
    private static List<CsvRange> Ranges(SafeFileHandle file, long start, long end, int most)
    {
        var count = (int)Math.Clamp((end - start) / MinRangeBytes, 1, most);
        var cuts = new List<long> { start };
        var buffer = new byte[1 << 16];
        for (var i = 1; i < count; i++)
        {
            var at = Math.Max(cuts[^1], start + ((end - start) * i / count));
            while (at < end)
            {
                var read = RandomAccess.Read(file, buffer, at);
                var newline = buffer.AsSpan(0, read).IndexOf((byte)'\n');
                if (newline >= 0)
                {
                    at += newline + 1;
                    break;
                }

                at += read;
            }

            cuts.Add(Math.Min(at, end));
        }

        cuts.Add(end);
        var spans = cuts.Zip(cuts.Skip(1)).Where(r => r.Second > r.First).ToList();
        var lines = new long[spans.Count];
        Parallel.For(0, spans.Count, new ParallelOptions { MaxDegreeOfParallelism = spans.Count },
            r => lines[r] = CountLines(file, spans[r].First, spans[r].Second));
        var ranges = new List<CsvRange>(spans.Count);
        long row = 0;
        for (var r = 0; r < spans.Count; r++)
        {
            ranges.Add(new CsvRange(spans[r].First, spans[r].Second, (int)Math.Min(row, int.MaxValue), (int)Math.Min(lines[r], int.MaxValue)));
            row += lines[r];
        }

        return row > int.MaxValue ? [] : ranges;
    }

    /// <summary>Lines that begin in [<paramref name="start"/>, <paramref name="end"/>): its line ends, and one more
    /// when it ends without one (the file's last line).</summary>
    private static long CountLines(SafeFileHandle file, long start, long end)
    {
        var buffer = new byte[1 << 20];
        long lines = 0;
        var last = (byte)'\n';
        for (var at = start; at < end;)
        {
            var read = RandomAccess.Read(file, buffer.AsSpan(0, (int)Math.Min(buffer.Length, end - at)), at);
            if (read == 0) break;
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
            last = buffer[read - 1];
            at += read;
        }

        return last == (byte)'\n' ? lines : lines + 1;
    }

    private static CsvRangeResult[]? ParseRanges(SafeFileHandle file, CsvColumnLayout layout, List<CsvRange> ranges, CsvMissingCells missing,
        CsvColumns columns, bool[] widen, bool quotes, StrongBox<bool> sawQuote)
    {
        var stop = new StrongBox<bool>(false);
        var results = new CsvRangeResult?[ranges.Count];
        Parallel.For(0, ranges.Count, new ParallelOptions { MaxDegreeOfParallelism = ranges.Count },
            r => results[r] = CsvRangeParser.Parse(file, ranges[r], layout, missing, columns, stop, widen, quotes, sawQuote));
        return results.Any(r => r is null) ? null : results.Select(r => r!).ToArray();
    }

    /// <summary>The parsed rows as one panel: text codes renumbered over the file, dropped rows squeezed out.</summary>
    private static RawPanel? Panel(CsvColumns columns, List<CsvRange> ranges, CsvRangeResult[] results, PanelRequest request,
        IReadOnlyList<string> ids, IReadOnlyList<string> extras)
    {
        var dropped = 0;
        var unused = 0;
        for (var r = 0; r < ranges.Count; r++)
        {
            dropped += columns.Drop.AsSpan(ranges[r].FirstRow, results[r].Rows).Count(true);
            // Lines inside a quoted field were counted as rows and are not: they are left out, not counted as dropped.
            columns.Drop.AsSpan(ranges[r].FirstRow + results[r].Rows, ranges[r].Lines - results[r].Rows).Fill(true);
            unused += ranges[r].Lines - results[r].Rows;
        }

        if (dropped + unused == columns.Drop.Length) return dropped == 0 ? null : Empty(columns, request, ids, extras, dropped);
        var kept = columns.Drop.Length - dropped - unused;
        T[] Kept<T>(T[] values) => kept == values.Length ? values : BulkColumnReader.Keep(values, columns.Drop, kept);
        var keys = new IdColumn[ids.Count];
        var labels = new Dictionary<long, string>?[ids.Count];
        for (var c = 0; c < ids.Count; c++)
        {
            if (columns.Wide[c] is { } wide)
            {
                keys[c] = IdColumn.OfWide(Kept(wide));
                continue;
            }

            if (results[0].Levels[c] is not null) labels[c] = Renumber(columns.Narrow[c]!, ranges, results, c);
            keys[c] = IdColumn.OfNarrow(Kept(columns.Narrow[c]!));
        }

        return new RawPanel(request, columns.Numbers.Select(Kept).ToArray(), ids.ToList(), keys, labels, dropped,
            extras.Select((name, c) => (name, c)).ToDictionary(e => e.name, e => Kept(columns.Extras[e.c])));
    }

    /// <summary>A panel of no rows, every row dropped: the estimator says which step emptied the sample.</summary>
    private static RawPanel Empty(CsvColumns columns, PanelRequest request, IReadOnlyList<string> ids, IReadOnlyList<string> extras, int dropped) =>
        new(request, columns.Numbers.Select(_ => Array.Empty<double>()).ToArray(), ids.ToList(),
            ids.Select(_ => IdColumn.OfNarrow([])).ToArray(), new Dictionary<long, string>?[ids.Count], dropped,
            extras.ToDictionary(e => e, _ => Array.Empty<double>()));

    /// <summary>Renumbers a text column's codes, in place, over the whole file: a range's new texts follow those of the
    /// ranges before it in the range's own order of first appearance, which is the file's order of first appearance.</summary>
    /// <returns>Each code's text.</returns>
    private static Dictionary<long, string> Renumber(int[] codes, List<CsvRange> ranges, CsvRangeResult[] results, int c)
    {
        var global = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var r = 0; r < ranges.Count; r++)
        {
            var levels = results[r].Levels[c]!;
            var remap = new int[levels.Count];
            for (var l = 0; l < levels.Count; l++)
            {
                if (!global.TryGetValue(levels[l], out var code)) global.Add(levels[l], code = global.Count);
                remap[l] = code;
            }

            foreach (ref var code in codes.AsSpan(ranges[r].FirstRow, results[r].Rows)) code = remap[code];
        }

        return global.ToDictionary(e => (long)e.Value, e => e.Key);
    }
}
