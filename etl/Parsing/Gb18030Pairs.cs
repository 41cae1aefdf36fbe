using System.Text;

namespace Warehouse.Etl.Parsing;

/// <summary>
/// The char of every two-byte GB18030 sequence, as the encoding itself decodes it, looked up instead of asking the
/// decoder run by run: each decoder call allocates two buffers, and the Chinese runs of a yearbook page (a label per
/// row, a header cell per column) make them 4.5 % of the bytes the HTML reader would allocate per page.
/// </summary>
/// <remarks>
/// GB18030 is stateless, so a sequence decodes alike alone and amid others. The table is read off one decoder call
/// over all 23 940 sequences, each followed by a line feed; unless every sequence gave exactly one char before its
/// line feed, there is no table and the decoder is asked as before.
/// </remarks>
internal sealed class Gb18030Pairs
{
    private const int FirstLead = 0x81;
    private const int Leads = 0xFE - FirstLead + 1;
    private const int FirstTrail = 0x40;
    private const int Trails = 0xFE - FirstTrail + 1;

    private static Gb18030Pairs? built;

    private readonly Encoding encoding;
    private readonly char[]? chars;

    private Gb18030Pairs(Encoding encoding, char[]? chars)
    {
        this.encoding = encoding;
        this.chars = chars;
    }

    /// <summary>The table of <paramref name="gb18030"/> (built on first use), or null when it has none.</summary>
    public static char[]? Of(Encoding gb18030)
    {
        var table = built;
        if (table is null || !ReferenceEquals(table.encoding, gb18030))
            built = table = new Gb18030Pairs(gb18030, Build(gb18030));
        return table.chars;
    }

    /// <summary>Index of the sequence <paramref name="lead"/>, <paramref name="trail"/> (both already checked well formed).</summary>
    public static int IndexOf(byte lead, byte trail) => (lead - FirstLead) * Trails + trail - FirstTrail;

    private static char[]? Build(Encoding gb18030)
    {
        var bytes = new byte[Leads * Trails * 3];
        var n = 0;
        for (var lead = FirstLead; lead < FirstLead + Leads; lead++)
        {
            for (var trail = FirstTrail; trail < FirstTrail + Trails; trail++)
            {
                bytes[n++] = (byte)lead;
                bytes[n++] = (byte)(trail == 0x7F ? FirstTrail : trail); // 0x7F is no trail: its slot is never read
                bytes[n++] = (byte)'\n';
            }
        }

        var decoded = gb18030.GetChars(bytes);
        if (decoded.Length != Leads * Trails * 2)
            return null;
        var pairs = new char[Leads * Trails];
        for (var k = 0; k < pairs.Length; k++)
        {
            if (decoded[2 * k + 1] != '\n' || char.IsSurrogate(decoded[2 * k]))
                return null;
            pairs[k] = decoded[2 * k];
        }

        return pairs;
    }
}
