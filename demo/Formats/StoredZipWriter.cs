using System.Text;

namespace Warehouse.Demo.Formats;

/// <summary>
/// A minimal zip writer (PKWARE APPNOTE, "stored" entries, fixed 1980-01-01 timestamps, MS-DOS host) so that an
/// xlsx written twice — on any OS and .NET version — is byte-identical. <see cref="System.IO.Compression.ZipArchive"/>
/// stamps the current time and platform into every entry and its deflate output depends on the bundled zlib.
/// </summary>
internal sealed class StoredZipWriter
{
    private const ushort DosDate1980 = (0 << 9) | (1 << 5) | 1; // year 1980, January, day 1
    private const ushort DosTimeMidnight = 0;
    private const ushort Utf8NamesFlag = 1 << 11;

    private readonly MemoryStream output = new();
    private readonly List<(byte[] Name, uint Crc, uint Size, uint Offset)> entries = [];

    public void Add(string name, byte[] content)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var crc = Crc32.Compute(content);
        var offset = (uint)output.Position;
        using (var w = new BinaryWriter(output, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(0x04034b50u);          // local file header signature
            w.Write((ushort)10);            // version needed: 1.0 (stored)
            w.Write(Utf8NamesFlag);
            w.Write((ushort)0);             // method: stored
            w.Write(DosTimeMidnight);
            w.Write(DosDate1980);
            w.Write(crc);
            w.Write((uint)content.Length);  // compressed size
            w.Write((uint)content.Length);  // uncompressed size
            w.Write((ushort)nameBytes.Length);
            w.Write((ushort)0);             // extra field length
            w.Write(nameBytes);
            w.Write(content);
        }

        entries.Add((nameBytes, crc, (uint)content.Length, offset));
    }

    public byte[] ToArray()
    {
        var centralStart = (uint)output.Position;
        using (var w = new BinaryWriter(output, Encoding.UTF8, leaveOpen: true))
        {
            foreach (var (name, crc, size, offset) in entries)
            {
                w.Write(0x02014b50u);       // central directory header signature
                w.Write((ushort)20);        // version made by: 2.0, MS-DOS
                w.Write((ushort)10);
                w.Write(Utf8NamesFlag);
                w.Write((ushort)0);
                w.Write(DosTimeMidnight);
                w.Write(DosDate1980);
                w.Write(crc);
                w.Write(size);
                w.Write(size);
                w.Write((ushort)name.Length);
                w.Write((ushort)0);         // extra
                w.Write((ushort)0);         // comment
                w.Write((ushort)0);         // disk number
                w.Write((ushort)0);         // internal attributes
                w.Write(0u);                // external attributes
                w.Write(offset);
                w.Write(name);
            }

            var centralSize = (uint)output.Position - centralStart;
            w.Write(0x06054b50u);           // end of central directory
            w.Write((ushort)0);
            w.Write((ushort)0);
            w.Write((ushort)entries.Count);
            w.Write((ushort)entries.Count);
            w.Write(centralSize);
            w.Write(centralStart);
            w.Write((ushort)0);
        }

        return output.ToArray();
    }

    private static class Crc32
    {
        private static readonly uint[] Table = BuildTable();

        public static uint Compute(byte[] data)
        {
            var crc = 0xFFFFFFFFu;
            foreach (var b in data)
            {
                crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
            }

            return ~crc;
        }

        private static uint[] BuildTable()
        {
            var table = new uint[256];
            for (uint i = 0; i < 256; i++)
            {
                var c = i;
                for (var k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                }

                table[i] = c;
            }

            return table;
        }
    }
}
