using System.Globalization;
using System.Text;

namespace Warehouse.Etl.Parsing;

/// <summary>The format of a file, from its name or (when the name says nothing) its first bytes.</summary>
public enum TableFormat
{
    Html,
    Xlsx,
    Xls,
    NbsCsv,
}

/// <summary>Every table read from one file, and how its bytes were decoded.</summary>
public sealed record ParsedDocument(string Source, TableFormat Format, IReadOnlyList<RawTable> Tables, string? DetectedCharset, string? DeclaredCharset);

/// <summary>Reads any supported file into <see cref="RawTable"/>s: picks the reader by extension or magic bytes.</summary>
public static class TableReader
{
    /// <summary>Reads one file's bytes.</summary>
    /// <param name="bytes">Raw bytes (as archived).</param>
    /// <param name="source">Path or URL, for format detection and error messages.</param>
    /// <param name="encodingOverride">Configured charset; wins over every declaration.</param>
    /// <param name="headerCharset">Charset of the HTTP Content-Type header, if any.</param>
    /// <exception cref="ParseException">The file has no readable table or is corrupt.</exception>
    /// <param name="limits">Bounds on what the file may make the reader hold; <see cref="ReaderLimits.Default"/> when null.</param>
    /// <exception cref="ParseException">The file breaks a limit of <paramref name="limits"/> (the limit, file, sheet or cell named).</exception>
    public static ParsedDocument Read(ReadOnlyMemory<byte> bytes, string source, string? encodingOverride = null, string? headerCharset = null, ReaderLimits? limits = null)
    {
        // An empty download (a failed transfer, a placeholder) is not a badly formed CSV, whatever its name says.
        if (bytes.IsEmpty)
            throw ParseException.At(source, null, null, null, "the file is empty (0 bytes); download it again");
        limits ??= ReaderLimits.Default;
        var format = DetectFormat(bytes.Span, source);
        try
        {
            switch (format)
            {
                case TableFormat.Xlsx:
                case TableFormat.Xls:
                {
                    var tables = ExcelGridReader.Read(bytes, source, limits).SelectMany(GridTableBuilder.Build).ToList();
                    return new ParsedDocument(source, format, Require(tables, source), null, null);
                }

                case TableFormat.NbsCsv:
                {
                    if (LooksBinary(bytes.Span))
                    {
                        throw ParseException.At(source, null, null, null,
                            $"not a table file: binary data that is neither an Excel workbook (xls, xlsx), nor HTML, nor a CSV export (it starts {Convert.ToHexString(bytes.Span[..Math.Min(bytes.Length, 8)])}); download it again");
                    }

                    if (bytes.Length > limits.MaxCsvBytes)
                        throw ReaderLimits.Broken(source, null, string.Create(CultureInfo.InvariantCulture, $"MaxCsvBytes = {limits.MaxCsvBytes}"), $"the export has {bytes.Length} bytes");
                    var (text, charset) = NbsCsvReader.Decode(bytes.Span, encodingOverride);
                    return new ParsedDocument(source, format, [NbsCsvReader.Read(text, source, limits)], charset.Detected, charset.Declared);
                }

                default:
                {
                    var charset = CharsetDetector.Decide(bytes.Span, encodingOverride, headerCharset, sniffMeta: true);
                    var grids = HtmlGridReader.Read(bytes, charset.Encoding, source, limits);
                    return new ParsedDocument(source, format, Require(GridTableBuilder.Build(grids), source), charset.Detected, charset.Declared);
                }
            }
        }
        catch (ParseException)
        {
            throw;
        }
        catch (Exception ex) when (ex is InvalidDataException or ExcelDataReader.Exceptions.ExcelReaderException or DecoderFallbackException or IOException or ArgumentException)
        {
            throw ParseException.At(source, null, null, null, $"cannot read {format} file: {ex.Message}");
        }
    }

    private static IReadOnlyList<RawTable> Require(IReadOnlyList<RawTable> tables, string source) =>
        tables.Count > 0 ? tables : throw ParseException.At(source, null, null, null, "no table with a header and data rows was found");

    /// <summary>True when the first 8 KB hold a NUL byte or more than 1 in 20 control characters other than tab, line
    /// breaks, form feed and DOS end-of-file: no text encoding a CSV export uses (GB18030, UTF-8, Latin-1) writes those,
    /// and a UTF-16 export starts with its byte-order mark. Without this, random or truncated binary bytes named
    /// <c>.xls</c> were decoded as a GB18030 "table" and the error quoted a cell of mojibake.</summary>
    internal static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return false;
        var head = bytes[..Math.Min(bytes.Length, 8192)];
        var controls = 0;
        foreach (var b in head)
        {
            if (b == 0)
                return true;
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0B or 0x0C or 0x1A))
                controls++;
        }

        return controls * 20 > head.Length;
    }

    /// <summary>Format from the extension, confirmed or overridden by magic bytes (a ZIP is xlsx, an OLE file is xls).</summary>
    public static TableFormat DetectFormat(ReadOnlySpan<byte> bytes, string source)
    {
        if (bytes.StartsWith("PK\u0003\u0004"u8))
            return TableFormat.Xlsx;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0]))
            return TableFormat.Xls;
        var path = source;
        var q = path.IndexOfAny(['?', '#']);
        if (q >= 0)
            path = path[..q];
        var ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext is ".csv" or ".txt")
            return TableFormat.NbsCsv;
        if (ext is ".htm" or ".html" or ".xhtml")
            return TableFormat.Html;
        var head = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, 512)]);
        return head.Contains("<html", StringComparison.OrdinalIgnoreCase) || head.Contains("<table", StringComparison.OrdinalIgnoreCase) ||
               head.Contains("<!doctype", StringComparison.OrdinalIgnoreCase)
            ? TableFormat.Html
            : TableFormat.NbsCsv;
    }
}
