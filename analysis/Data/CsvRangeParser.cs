using System.Runtime.CompilerServices;
using Microsoft.Win32.SafeHandles;
using nietras.SeparatedValues;

namespace Warehouse.Analysis.Data;

/// <summary>One byte range of a CSV, from a line start to a line start.</summary>
/// <param name="Start">First byte.</param>
/// <param name="End">One past the last byte.</param>
/// <param name="FirstRow">Row index, in the file's data rows, of the range's first line.</param>
/// <param name="Lines">Lines that begin in the range: its rows, unless a quoted field holds a line break.</param>
internal sealed record CsvRange(long Start, long End, int FirstRow, int Lines);

/// <summary>What a range held besides its values: its rows and the text of each of its identifier codes.</summary>
/// <param name="Rows">Rows parsed (at most <see cref="CsvRange.Lines"/>).</param>
/// <param name="Levels">Per text identifier column, the text of each code the range used, in its order of first
/// appearance; null for integer columns.</param>
internal sealed record CsvRangeResult(int Rows, List<string>?[] Levels);

/// <summary>Parses one <see cref="CsvRange"/> with Sep into <see cref="CsvColumns"/> at the range's rows.</summary>
internal static class CsvRangeParser
{
    /// <summary>How often (in rows) a range looks whether another range has given up.</summary>
    private const int StopCheckRows = 4096;

    /// <summary>The range's result; null when a cell or row is not one <see cref="CsvColumnReader"/> takes or another
    /// range gave up (<paramref name="stop"/>). A range that gives up sets <paramref name="stop"/>.</summary>
    /// <param name="file">The CSV, open for reading.</param>
    /// <param name="range">The bytes and rows to parse.</param>
    /// <param name="layout">The columns' field indexes and kinds.</param>
    /// <param name="missing">Cell texts read as missing, the empty text among them.</param>
    /// <param name="target">The file's columns, written at the range's rows.</param>
    /// <param name="stop">Set by the first range that gives up.</param>
    /// <param name="widen">Set for a 32-bit integer column that met a 64-bit value (the range then gives up too).</param>
    /// <param name="quotes">Parse quotes. Without, Sep splits at every separator, which is faster; a range that then
    /// sees a quote sets <paramref name="sawQuote"/> and the file is parsed again with quotes.</param>
    /// <param name="sawQuote">Set when a quote character was among the range's bytes, whether or not it gave up.</param>
    public static CsvRangeResult? Parse(SafeFileHandle file, CsvRange range, CsvColumnLayout layout, CsvMissingCells missing,
        CsvColumns target, StrongBox<bool> stop, bool[] widen, bool quotes, StrongBox<bool> sawQuote)
    {
        using var bytes = new FileRangeStream(file, range.Start, range.End);
        try
        {
            using var text = new StreamReader(bytes, CsvColumnLayout.Utf8, detectEncodingFromByteOrderMarks: false, 1 << 16);
            using var reader = Sep.New(layout.Separator).Reader(o => o with { HasHeader = false, Unescape = quotes, DisableQuotesParsing = !quotes }).From(text);
            var levels = layout.IdKinds.Select(kind => kind == CsvIdKind.Text ? new List<string>() : null).ToArray();
            var rows = ReadRows(reader, range, layout, missing, target, levels, stop, widen);
            if (rows < 0) return Abandon(stop);
            return new CsvRangeResult(rows, levels);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException)
        {
            // Sep's "rows have different column counts" and the strict decoder's invalid bytes: DuckDB names them.
            return Abandon(stop);
        }
        catch (IndexOutOfRangeException)
        {
            // Seen only under valgrind's emulated CPU (2 runs in 12, both ranges at once, from the row loop): the
            // file is then read by DuckDB, so a fault in this fast path costs time, never a wrong or missing result.
            return Abandon(stop);
        }
        finally
        {
            if (bytes.SawQuote) Volatile.Write(ref sawQuote.Value, true);
        }
    }

    private static CsvRangeResult? Abandon(StrongBox<bool> stop)
    {
        Volatile.Write(ref stop.Value, true);
        return null;
    }

    /// <summary>The rows read, or -1 to give up.</summary>
    /// <remarks>Compiled by the JIT at full optimisation on first call, not ReadyToRun: precompiled code cannot inline
    /// Sep's row and column accessors (another assembly), and this loop runs once per range over millions of rows,
    /// so tiered compilation would never replace it.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ReadRows(SepReader reader, CsvRange range, CsvColumnLayout layout, CsvMissingCells missing,
        CsvColumns target, List<string>?[] levels, StrongBox<bool> stop, bool[] widen)
    {
        var lookups = levels.Select(l => l is null ? null : new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
        var count = 0;
        foreach (var row in reader)
        {
            if (count % StopCheckRows == 0 && Volatile.Read(ref stop.Value)) return -1;
            if (count == range.Lines) return -1;
            var r = range.FirstRow + count;
            var drop = false;
            for (var c = 0; c < layout.Numbers.Length; c++)
            {
                var cell = row[layout.Numbers[c]];
                if (missing.Matches(cell.Span)) drop = true;
                else if (!CsvCells.TryNumber(cell, out target.Numbers[c][r])) return -1;
            }

            for (var c = 0; c < layout.Extras.Length; c++)
            {
                var cell = row[layout.Extras[c]];
                if (missing.Matches(cell.Span)) target.Extras[c][r] = double.NaN;
                else if (!CsvCells.TryNumber(cell, out target.Extras[c][r])) return -1;
            }

            for (var c = 0; c < layout.Ids.Length; c++)
            {
                var cell = row[layout.Ids[c]].Span;
                if (missing.Matches(cell))
                {
                    drop = true;
                }
                else if (layout.IdKinds[c] == CsvIdKind.Integer32)
                {
                    if (!CsvCells.TryInteger(cell, out var value) || !CsvCells.IsCanonicalInteger(cell)) return -1;
                    if (value is < int.MinValue or > int.MaxValue)
                    {
                        widen[c] = true;
                        return -1;
                    }

                    target.Narrow[c]![r] = (int)value;
                }
                else if (layout.IdKinds[c] == CsvIdKind.Integer64)
                {
                    if (!CsvCells.TryInteger(cell, out target.Wide[c]![r]) || !CsvCells.IsCanonicalInteger(cell)) return -1;
                }
                else
                {
                    var lookup = lookups[c]!.GetAlternateLookup<ReadOnlySpan<char>>();
                    if (!lookup.TryGetValue(cell, out var code))
                    {
                        code = lookups[c]!.Count;
                        var level = cell.ToString();
                        lookups[c]!.Add(level, code);
                        levels[c]!.Add(level);
                    }

                    target.Narrow[c]![r] = code;
                }
            }

            target.Drop[r] = drop;
            count++;
        }

        return count;
    }
}
