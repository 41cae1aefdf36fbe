using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace Warehouse.Bench.Fuzzing;

/// <summary>
/// Mutations of a seed file: truncation, byte flips, chunk duplication, huge dimensions (every number in the text made
/// enormous: spans, cell references, sheet extents), deep nesting, wrong encodings; inside a zip (xlsx) the mutation hits
/// one part, which is then zipped again, so it reaches the XML instead of failing the checksum.
/// </summary>
public static partial class Mutations
{
    private static readonly string[] Names = ["truncate", "flip", "duplicate", "huge-numbers", "deep-nesting", "wrong-encoding", "drop-range"];

    /// <summary>One mutation of <paramref name="seed"/>; returns the bytes and a description.</summary>
    public static (byte[] Bytes, string Description) Apply(byte[] seed, Random random)
    {
        if (IsZip(seed) && random.Next(4) != 0)
            return MutateZipPart(seed, random);
        var name = Names[random.Next(Names.Length)];
        return (Apply(name, seed, random), name);
    }

    private static byte[] Apply(string name, byte[] seed, Random random)
    {
        if (seed.Length == 0)
            return [(byte)random.Next(256)];
        switch (name)
        {
            case "truncate":
                return seed[..random.Next(seed.Length)];
            case "flip":
            {
                var copy = (byte[])seed.Clone();
                var flips = 1 + random.Next(Math.Max(1, seed.Length / 200));
                for (var i = 0; i < flips; i++)
                    copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
                return copy;
            }

            case "duplicate":
            {
                var start = random.Next(seed.Length);
                var length = Math.Min(seed.Length - start, 1 + random.Next(4096));
                var times = 1 + random.Next(64);
                var output = new List<byte>(seed.Length + length * times);
                output.AddRange(seed.AsSpan(0, start + length));
                for (var i = 0; i < times; i++)
                    output.AddRange(seed.AsSpan(start, length));
                output.AddRange(seed.AsSpan(start + length));
                return [.. output];
            }

            case "huge-numbers":
            {
                var text = Encoding.Latin1.GetString(seed);
                var huge = random.Next(3) switch { 0 => "1048576", 1 => "2147483647", _ => "99999999999999999999" };
                var count = 0;
                text = Number().Replace(text, m => random.Next(8) == 0 && count++ < 16 ? huge : m.Value);
                text = CellReference().Replace(text, m => random.Next(6) == 0 ? "XFD1048576" : m.Value);
                return Encoding.Latin1.GetBytes(text);
            }

            case "deep-nesting":
            {
                var depth = random.Next(2) == 0 ? 300 : 20_000;
                var tag = random.Next(3) switch { 0 => "<div>", 1 => "<table><tr><td>", _ => "- [" };
                var at = random.Next(seed.Length);
                var nest = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(tag, depth)));
                return [.. seed.AsSpan(0, at), .. nest, .. seed.AsSpan(at)];
            }

            case "wrong-encoding":
            {
                var gb = Encoding.GetEncoding("gb18030");
                return random.Next(4) switch
                {
                    0 => gb.GetBytes(Encoding.UTF8.GetString(seed)),
                    1 => Encoding.UTF8.GetBytes(gb.GetString(seed)),
                    2 => Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(seed)),
                    _ => [0xEF, 0xBB, 0xBF, .. gb.GetBytes(Encoding.UTF8.GetString(seed))],
                };
            }

            default:
            {
                var start = random.Next(seed.Length);
                var length = random.Next(seed.Length - start + 1);
                return [.. seed.AsSpan(0, start), .. seed.AsSpan(start + length)];
            }
        }
    }

    private static bool IsZip(byte[] bytes) => bytes.Length > 4 && bytes[0] == (byte)'P' && bytes[1] == (byte)'K' && bytes[2] == 3 && bytes[3] == 4;

    private static (byte[] Bytes, string Description) MutateZipPart(byte[] zip, Random random)
    {
        try
        {
            using var output = new MemoryStream();
            string description;
            using (var source = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read))
            using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
            {
                var victim = source.Entries[random.Next(source.Entries.Count)].FullName;
                var name = Names[random.Next(Names.Length)];
                description = string.Create(CultureInfo.InvariantCulture, $"{name} in part {victim}");
                foreach (var entry in source.Entries)
                {
                    using var buffer = new MemoryStream();
                    using (var input = entry.Open())
                        input.CopyTo(buffer);
                    var bytes = entry.FullName == victim ? Apply(name, buffer.ToArray(), random) : buffer.ToArray();
                    using var copy = target.CreateEntry(entry.FullName, CompressionLevel.Fastest).Open();
                    copy.Write(bytes);
                }
            }

            return (output.ToArray(), description);
        }
        catch (InvalidDataException)
        {
            return (Apply("flip", zip, random), "flip (seed is no readable zip)");
        }
    }

    [GeneratedRegex(@"(?<![\d.])\d{1,6}(?![\d.])")]
    private static partial Regex Number();

    [GeneratedRegex(@"\b[A-Z]{1,2}\d{1,5}\b")]
    private static partial Regex CellReference();
}
