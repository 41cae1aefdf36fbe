using System.Globalization;

namespace Warehouse.Pgo;

/// <summary>One instrumentation record of a method: a block or edge count, or a type or method histogram at a call.</summary>
/// <param name="Kind">The runtime's PgoInstrumentationKind (corjit.h): its low four bits say how each datum is stored
/// (1 four-byte count, 2 eight-byte count, 3 type handle, 4 method handle).</param>
/// <param name="ILOffset">The IL offset the record belongs to.</param>
/// <param name="Count">How many data follow.</param>
/// <param name="Other">The kind's extra field (an edge's target offset, a histogram's call-site flags), as written.</param>
/// <param name="Data">The data as the runtime wrote them: numbers, or "TypeHandle: {assembly-qualified name}" / "NULL".</param>
internal sealed record PgoRecord(int Kind, int ILOffset, int Count, uint Other, IReadOnlyList<string> Data)
{
    public const int FourByte = 1;
    public const int TypeHandle = 3;
    public const int MethodHandle = 4;
    public const int MarshalMask = 0xF;

    /// <summary>TypeHandleHistogramCount: the count that heads a type or method histogram at the same offset.</summary>
    public const int HistogramCount = 0xB1;

    public int Marshal => Kind & MarshalMask;
}

/// <summary>One method's instrumentation as the runtime wrote it.</summary>
/// <param name="Name">Type and method, e.g. <c>AngleSharp.Html.Parser.HtmlTokenizer.ParseAttributes</c> (nested types with +).</param>
/// <param name="Signature">The runtime's printed signature, e.g. <c>instance bool  (int32,class System.String)</c>.</param>
/// <param name="ILSize">The method body's IL size in bytes: what tells overloads apart.</param>
/// <param name="Records">Its instrumentation records, in the order the runtime wrote them.</param>
internal sealed record MethodPgo(string Name, string Signature, int ILSize, IReadOnlyList<PgoRecord> Records)
{
    /// <summary>Parameters in <see cref="Signature"/>: top-level commas inside its parentheses, plus one.</summary>
    public int ParameterCount
    {
        get
        {
            var open = Signature.IndexOf('(', StringComparison.Ordinal);
            var close = Signature.LastIndexOf(')');
            if (open < 0 || close <= open)
                return -1;
            var inside = Signature.AsSpan(open + 1, close - open - 1).Trim();
            if (inside.IsEmpty)
                return 0;
            int depth = 0, count = 1;
            foreach (var c in inside)
            {
                if (c is '<' or '[')
                    depth++;
                else if (c is '>' or ']')
                    depth--;
                else if (c == ',' && depth == 0)
                    count++;
            }

            return count;
        }
    }
}

/// <summary>
/// Reads the text the runtime writes at exit with <c>DOTNET_WritePGOData=1</c> and <c>DOTNET_PGODataPath</c> (coreclr
/// vm/pgo.cpp): per method a <c>@@@ codehash … ilSize 0x… records 0x…</c> line, <c>MethodName:</c>, <c>Signature:</c>, then
/// each record as <c>Schema InstrumentationKind K ILOffset O Count C Other X</c> followed by its C data lines.
/// </summary>
internal static class RuntimePgoText
{
    /// <exception cref="FormatException">A line is not where the format puts it (names the line number).</exception>
    public static List<MethodPgo> Parse(IReadOnlyList<string> lines)
    {
        var methods = new List<MethodPgo>();
        var i = 0;
        while (i < lines.Count)
        {
            if (!lines[i].StartsWith("@@@", StringComparison.Ordinal))
            {
                i++;
                continue;
            }

            var header = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var ilSize = HexField(header, "ilSize", i);
            var records = HexField(header, "records", i);
            var name = Field(lines, ++i, "MethodName: ");
            var signature = Field(lines, ++i, "Signature: ");
            var list = new List<PgoRecord>(); // grown by records read, not sized by the count the header claims
            for (var r = 0; r < records; r++)
            {
                var schema = lines.Count > ++i ? lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
                if (schema.Length != 9 || schema[0] != "Schema")
                    throw new FormatException($"line {i + 1}: expected 'Schema InstrumentationKind … Other …'");
                var kind = int.Parse(schema[2], CultureInfo.InvariantCulture);
                var count = int.Parse(schema[6], CultureInfo.InvariantCulture);
                var data = new List<string>();
                if ((kind & PgoRecord.MarshalMask) != 0)
                {
                    for (var d = 0; d < count; d++)
                    {
                        if (lines.Count <= ++i)
                            throw new FormatException($"line {i + 1}: the file ends inside a record of {name}");
                        data.Add(lines[i]);
                    }
                }

                list.Add(new PgoRecord(kind, int.Parse(schema[4], CultureInfo.InvariantCulture), count, uint.Parse(schema[8], CultureInfo.InvariantCulture), data));
            }

            methods.Add(new MethodPgo(name, signature, ilSize, list));
            i++;
        }

        return methods;
    }

    private static int HexField(string[] header, string name, int line)
    {
        var at = Array.IndexOf(header, name);
        if (at < 0 || at + 1 >= header.Length || !header[at + 1].StartsWith("0x", StringComparison.Ordinal))
            throw new FormatException($"line {line + 1}: no '{name} 0x…' in the method header");
        return int.Parse(header[at + 1].AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }

    private static string Field(IReadOnlyList<string> lines, int i, string prefix) =>
        i < lines.Count && lines[i].StartsWith(prefix, StringComparison.Ordinal)
            ? lines[i][prefix.Length..]
            : throw new FormatException($"line {i + 1}: expected '{prefix.Trim()}'");
}
