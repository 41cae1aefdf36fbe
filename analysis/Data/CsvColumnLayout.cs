using System.Text;
using nietras.SeparatedValues;

namespace Warehouse.Analysis.Data;

/// <summary>Where a regression's columns are in a CSV: the separator, the byte offset of the first data row, each
/// column's field index, and whether each identifier column holds integers. Read from the header and first data row.</summary>
/// <param name="Separator">The field separator Sep detects in the header.</param>
/// <param name="DataStart">Byte offset of the first data row.</param>
/// <param name="Numbers">Field index of each number column, in the request's order.</param>
/// <param name="Ids">Field index of each identifier column.</param>
/// <param name="IdKinds">Per identifier column: integers when the first data row's cell is an integer (DuckDB sniffs
/// such a column as BIGINT), 32-bit until a value needs 64; otherwise text.</param>
/// <param name="Extras">Field index of each extra column.</param>
/// <param name="Quoted">The header or first data row holds a quote character.</param>
internal sealed record CsvColumnLayout(char Separator, long DataStart, int[] Numbers, int[] Ids, CsvIdKind[] IdKinds, int[] Extras, bool Quoted)
{
    /// <summary>The header and first data row must end within this many bytes.</summary>
    private const int HeadBytes = 1 << 20;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>UTF-8 decoding that throws on bytes that are not UTF-8 (DuckDB refuses such a file too).</summary>
    public static Encoding Utf8 => StrictUtf8;

    /// <summary>The layout, or null when the head of the file is not plainly readable: no line end within 1 MiB, not
    /// UTF-8, a header naming a wanted column not exactly once, a header holding more than one of the separators DuckDB
    /// also considers (so the two readers could split it differently), no data row, or a first-row identifier that is
    /// missing (its type is then unknown).</summary>
    public static CsvColumnLayout? Read(string path, IReadOnlyList<string> numbers, IReadOnlyList<string> ids,
        IReadOnlyList<string> extras, CsvMissingCells missing)
    {
        var head = ReadHead(path);
        var headerEnd = head.AsSpan().IndexOf((byte)'\n');
        if (headerEnd < 0) return null;
        var rowEnd = head.AsSpan(headerEnd + 1).IndexOf((byte)'\n');
        var length = rowEnd < 0 ? head.Length : headerEnd + 1 + rowEnd + 1;
        string text;
        try
        {
            text = StrictUtf8.GetString(head, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        var bom = text.StartsWith('\uFEFF') ? 1 : 0;
        var header = text.AsSpan(bom, text.IndexOf('\n', StringComparison.Ordinal) - bom).TrimEnd('\r');
        if (SeparatorsIn(header) > 1) return null;
        try
        {
            using var reader = Sep.Reader(o => o with { Unescape = true }).FromText(text[bom..]);
            var names = reader.Header.ColNames;
            int[]? Indexes(IReadOnlyList<string> wanted)
            {
                var indexes = new int[wanted.Count];
                for (var i = 0; i < wanted.Count; i++)
                {
                    var found = -1;
                    for (var c = 0; c < names.Count; c++)
                    {
                        if (!string.Equals(names[c], wanted[i], StringComparison.Ordinal)) continue;
                        if (found >= 0) return null;
                        found = c;
                    }

                    if (found < 0) return null;
                    indexes[i] = found;
                }

                return indexes;
            }

            if (Indexes(numbers) is not { } numberFields || Indexes(ids) is not { } idFields || Indexes(extras) is not { } extraFields) return null;
            if (!reader.MoveNext()) return null;
            var row = reader.Current;
            var kinds = new CsvIdKind[idFields.Length];
            for (var i = 0; i < idFields.Length; i++)
            {
                var cell = row[idFields[i]].Span;
                if (missing.Matches(cell)) return null;
                if (!CsvCells.TryInteger(cell, out _))
                {
                    kinds[i] = CsvIdKind.Text;
                }
                else if (CsvCells.IsCanonicalInteger(cell))
                {
                    kinds[i] = CsvIdKind.Integer32;
                }
                else
                {
                    return null;
                }
            }

            return new CsvColumnLayout(reader.Spec.Sep.Separator, headerEnd + 1, numberFields, idFields, kinds, extraFields,
                text.Contains('"', StringComparison.Ordinal));
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException)
        {
            // Sep refuses a header naming a column twice (ArgumentException); DuckDB renames the second.
            return null;
        }
    }

    /// <summary>How many of DuckDB's candidate separators (comma, semicolon, tab, bar) occur in <paramref name="header"/>.</summary>
    private static int SeparatorsIn(ReadOnlySpan<char> header)
    {
        var count = 0;
        foreach (var candidate in ",;\t|")
            if (header.Contains(candidate)) count++;
        return count;
    }

    private static byte[] ReadHead(string path)
    {
        using var file = File.OpenHandle(path);
        var buffer = new byte[(int)Math.Min(HeadBytes, RandomAccess.GetLength(file))];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = RandomAccess.Read(file, buffer.AsSpan(read), read);
            if (n == 0) break;
            read += n;
        }

        return read == buffer.Length ? buffer : buffer[..read];
    }
}

/// <summary>How an identifier column of a CSV is read.</summary>
internal enum CsvIdKind
{
    /// <summary>Integer values that fit in 32 bits.</summary>
    Integer32,

    /// <summary>Integer values, some beyond 32 bits.</summary>
    Integer64,

    /// <summary>Text, each distinct text a level.</summary>
    Text,
}
