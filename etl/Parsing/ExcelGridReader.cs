using System.Globalization;
using System.Text;
using ExcelDataReader;

namespace Warehouse.Etl.Parsing;

/// <summary>
/// Reads every sheet of an <c>.xls</c> or <c>.xlsx</c> workbook into grids; merged ranges are copied into every
/// covered cell (with the range's start and width, so header levels can be told apart); locations are A1 references.
/// Only rows with a value are kept, each up to its last value: a stray cell far below or right of the table costs
/// one row, not the rectangle up to it. Numbers keep their stored value; the text is what Excel displays.
/// </summary>
public static class ExcelGridReader
{
    static ExcelGridReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>A sheet's rows that hold something (with their sheet row index) and its merged ranges.</summary>
    internal sealed record Sheet(string Name, List<(int Index, GridCell[] Cells)> Rows, CellRange[] Merges);

    /// <exception cref="ParseException">A limit of <paramref name="limits"/> is broken (named with sheet and cell).</exception>
    public static IReadOnlyList<Grid> Read(ReadOnlyMemory<byte> bytes, string source, ReaderLimits? limits = null) =>
        ToGrids(ReadSheets(bytes, source, limits ?? ReaderLimits.Default), source, limits ?? ReaderLimits.Default);

    /// <summary>The ExcelDataReader phase alone: every sheet's non-empty cells and merged ranges; split out so the bench can time it.</summary>
    internal static List<Sheet> ReadSheets(ReadOnlyMemory<byte> bytes, string source = "workbook", ReaderLimits? limits = null)
    {
        limits ??= ReaderLimits.Default;
        if (bytes.Length > limits.MaxWorkbookBytes)
            throw ReaderLimits.Broken(source, null, Limit(nameof(limits.MaxWorkbookBytes), limits.MaxWorkbookBytes), $"the workbook has {bytes.Length} bytes");
        using var stream = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(bytes, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(bytes.ToArray(), writable: false);
        if (bytes.Span.StartsWith("PK\u0003\u0004"u8))
            XlsxPartGuard.Check(stream, source, limits);
        try
        {
            return ReadBounded(stream, source, limits);
        }
        catch (Exception ex) when (IsLibraryFault(ex))
        {
            throw ParseException.At(source, null, null, null, $"cannot read the workbook, it is corrupt or not a workbook: {ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
        }
    }

    /// <summary>
    /// ExcelDataReader's own read alone: every cell's value and number format of every sheet, nothing kept. The floor of
    /// our xlsx/xls reader, which <c>bench parse</c> prints beside it. Returns the number of non-empty cells.
    /// </summary>
    internal static int ReadLibraryOnly(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        using var reader = ExcelReaderFactory.CreateReader(stream, new ExcelReaderConfiguration { FallbackEncoding = Encoding.GetEncoding("gb18030") });
        var cells = 0;
        do
        {
            while (reader.Read())
            {
                for (var c = 0; c < reader.FieldCount; c++)
                {
                    if (reader.GetValue(c) is not null)
                    {
                        cells++;
                        _ = reader.GetNumberFormatString(c);
                    }
                }
            }

            _ = reader.MergeCells;
        }
        while (reader.NextResult());

        return cells;
    }

    /// <summary>
    /// ExcelDataReader answers a corrupt workbook with whatever its parsers throw (XmlException, "Bad SST format" as an
    /// InvalidOperationException, index and cast errors; all seen in bench fuzz): every one of them means the file is
    /// unreadable. Our own refusals and the runtime's out-of-memory and cancellation pass through.
    /// </summary>
    private static bool IsLibraryFault(Exception ex) => ex is not (ParseException or OutOfMemoryException or OperationCanceledException);

    private static List<Sheet> ReadBounded(MemoryStream stream, string source, ReaderLimits limits)
    {
        using var reader = ExcelReaderFactory.CreateReader(stream, new ExcelReaderConfiguration
        {
            FallbackEncoding = Encoding.GetEncoding("gb18030"), // old BIFF files without a code page are Chinese here
        });
        var sheets = new List<Sheet>();
        var formats = new NumberFormats();
        do
        {
            var name = reader.Name;
            var fieldCount = reader.FieldCount;
            var extent = (long)fieldCount * reader.RowCount;
            if (extent > limits.MaxSheetExtent)
            {
                throw ReaderLimits.Broken(source, $"sheet '{name}', cell {CellLocations.A1(reader.RowCount - 1, fieldCount - 1)}", Limit(nameof(limits.MaxSheetExtent), limits.MaxSheetExtent),
                    string.Create(CultureInfo.InvariantCulture, $"the sheet spans {reader.RowCount} rows × {fieldCount} columns"));
            }

            var rows = new List<(int, GridCell[])>(Math.Min(reader.RowCount, 4096));
            long kept = 0;
            for (var r = 0; reader.Read(); r++)
            {
                var last = -1;
                object? lastValue = null;
                for (var c = fieldCount - 1; c >= 0; c--)
                {
                    if (reader.GetValue(c) is { } value and not "")
                    {
                        last = c;
                        lastValue = value;
                        break;
                    }
                }

                if (last < 0)
                    continue; // an empty row costs nothing
                kept += last + 1;
                if (kept > limits.MaxCells)
                {
                    throw ReaderLimits.Broken(source, $"sheet '{name}', cell {CellLocations.A1(r, last)}", Limit(nameof(limits.MaxCells), limits.MaxCells),
                        "the sheet holds more cells than that");
                }

                var row = new GridCell[last + 1];
                for (var c = 0; c < last; c++)
                    row[c] = ToCell(reader, r, c, reader.GetValue(c), formats);
                row[last] = ToCell(reader, r, last, lastValue, formats);
                rows.Add((r, row));
            }

            sheets.Add(new Sheet(name, rows, reader.MergeCells ?? []));
        }
        while (reader.NextResult());

        return sheets;
    }

    /// <summary>
    /// Number formats met in one workbook, each parsed once. ExcelDataReader hands a style's format over as the same string
    /// object for every cell of that style, so the last one is recognised by reference, without hashing the format text.
    /// </summary>
    private sealed class NumberFormats
    {
        private readonly Dictionary<string, (ExcelNumberFormat.NumberFormat? Format, bool IsPercent)> parsed = new(StringComparer.Ordinal);
        private string? lastText;
        private (ExcelNumberFormat.NumberFormat? Format, bool IsPercent) last;

        /// <summary>The parsed format (null when ExcelNumberFormat cannot read it) and whether it shows a percentage.</summary>
        public (ExcelNumberFormat.NumberFormat? Format, bool IsPercent) Of(string text)
        {
            if (ReferenceEquals(text, lastText))
                return last;
            if (!parsed.TryGetValue(text, out var entry))
            {
                var format = new ExcelNumberFormat.NumberFormat(text);
                parsed[text] = entry = (format.IsValid ? format : null, IsPercentFormat(text));
            }

            lastText = text;
            last = entry;
            return entry;
        }
    }

    /// <summary>A cell's displayed text, its A1 location (without the sheet) and, for a number, its stored value and whether it is a percentage.</summary>
    private static GridCell ToCell(IExcelDataReader reader, int r, int c, object? value, NumberFormats formats)
    {
        var location = CellLocations.A1(r, c);
        double number;
        if (value is double d)
            number = d;
        else if (value is int i)
            number = i;
        else
            return new GridCell(Format(value), location, c, 1);
        var formatString = reader.GetNumberFormatString(c);
        if (!string.IsNullOrEmpty(formatString) && formatString != "General")
        {
            // The displayed text is the format's; the round-trip text of the number is only the fallback.
            var (format, isPercent) = formats.Of(formatString);
            if (format is not null)
                return new GridCell(format.Format(number, CultureInfo.InvariantCulture), location, c, 1, number, isPercent);
        }

        return new GridCell(Format(value), location, c, 1, number, false);
    }

    /// <summary>A <c>%</c> outside quotes and escapes: Excel shows the value times 100.</summary>
    internal static bool IsPercentFormat(string format)
    {
        var quoted = false;
        for (var i = 0; i < format.Length; i++)
        {
            switch (format[i])
            {
                case '"':
                    quoted = !quoted;
                    break;
                case '\\':
                    i++;
                    break;
                case '%' when !quoted:
                    return true;
            }
        }

        return false;
    }

    /// <summary>Our phase: sheets expanded into grids (merged ranges copied into every covered cell).</summary>
    internal static IReadOnlyList<Grid> ToGrids(List<Sheet> sheets, string source, ReaderLimits? limits = null)
    {
        var grids = new List<Grid>(sheets.Count);
        foreach (var sheet in sheets)
        {
            var prefix = sheets.Count > 1 ? sheet.Name + "!" : string.Empty;
            grids.Add(ToGrid(sheets.Count > 1 ? $"{source} [{sheet.Name}]" : source, prefix, sheet, limits ?? ReaderLimits.Default));
        }

        return grids;
    }

    private static Grid ToGrid(string source, string prefix, Sheet sheet, ReaderLimits limits)
    {
        var rows = sheet.Rows;
        var width = 0;
        foreach (var (_, cells) in rows)
            width = Math.Max(width, cells.Length);
        if ((long)width * rows.Count > limits.MaxCells)
        {
            throw ReaderLimits.Broken(source, $"sheet '{sheet.Name}'", $"MaxCells = {limits.MaxCells}",
                string.Create(CultureInfo.InvariantCulture, $"the sheet's {rows.Count} rows with values reach column {CellLocations.A1(0, width - 1)[..^1]}"));
        }

        var grid = new GridCell[rows.Count][];
        var gridRowOf = new Dictionary<int, int>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var (r, cells) = rows[i];
            gridRowOf[r] = i;

            // A row as wide as the grid is completed in place: a second array per row was most of this phase's allocations.
            // Its cells carry their A1 location already; only a workbook of several sheets puts the sheet's name before it.
            var row = grid[i] = cells.Length == width ? cells : new GridCell[width];
            for (var c = prefix.Length == 0 && row == cells ? width : 0; c < width; c++)
            {
                row[c] = c < cells.Length
                    ? cells[c] with { Location = prefix + cells[c].Location }
                    : new GridCell(string.Empty, prefix + CellLocations.A1(r, c), c, 1);
            }
        }

        // A merged range's text is copied into the rows with values it covers; rows it alone would fill stay out.
        foreach (var m in sheet.Merges)
        {
            if (m.FromColumn >= width || !gridRowOf.TryGetValue(m.FromRow, out var originRow))
                continue;
            var origin = grid[originRow][m.FromColumn];
            var toColumn = Math.Min(m.ToColumn, width - 1);
            var spanWidth = toColumn - m.FromColumn + 1;
            for (var i = originRow; i < rows.Count && rows[i].Index <= m.ToRow; i++)
            {
                for (var c = m.FromColumn; c <= toColumn; c++)
                    grid[i][c] = origin with { SpanStart = m.FromColumn, SpanWidth = spanWidth };
            }
        }

        return new Grid(source, grid);
    }

    /// <summary>Spreadsheet A1 reference of a zero-based row and column.</summary>
    public static string A1(int row, int column) => CellLocations.A1(row, column);

    private static string Limit(string name, long value) => string.Create(CultureInfo.InvariantCulture, $"{name} = {value}");

    /// <summary>Cell value as text: numbers in their shortest round-trip form, so the raw text re-parses to the same double.</summary>
    private static string Format(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        double d => RoundTripText.Of(d),
        int i => i.ToString(CultureInfo.InvariantCulture),
        DateTime dt => dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "TRUE" : "FALSE",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
