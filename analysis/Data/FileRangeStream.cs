using Microsoft.Win32.SafeHandles;

namespace Warehouse.Analysis.Data;

/// <summary>A read-only stream over the bytes [<c>start</c>, <c>end</c>) of an open file, read with positional reads
/// so several ranges of one handle can be read at once; notes whether a quote character (<c>"</c>) went by.</summary>
/// <remarks>Positional reads through the page cache, not a memory map: mapped pages of the whole file would count in
/// the process's resident memory.</remarks>
internal sealed class FileRangeStream(SafeFileHandle file, long start, long end) : Stream
{
    private readonly long first = start;
    private long position = start;

    /// <summary>Whether a byte read so far was <c>"</c>.</summary>
    public bool SawQuote { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => end - this.first;

    public override long Position
    {
        get => this.position - this.first;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var wanted = (int)Math.Min(buffer.Length, end - this.position);
        if (wanted <= 0) return 0;
        var read = RandomAccess.Read(file, buffer[..wanted], this.position);
        this.position += read;
        if (!SawQuote && buffer[..read].Contains((byte)'"')) SawQuote = true;
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
