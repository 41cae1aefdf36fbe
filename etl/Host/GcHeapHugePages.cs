using System.Globalization;
using System.Runtime.InteropServices;

namespace Warehouse.Etl.Host;

/// <summary>Makes the .NET GC heap eligible for Linux transparent huge pages (2 MiB) at start-up.</summary>
/// <remarks>
/// The estimator's columns are tens of megabytes each (80 MB per double column at 10^7 rows), written once, front to
/// back, by a fresh process. On a virtual machine each first touch of a 4 KiB page is a fault that the host must also
/// back: measured on the development VM (virtio-balloon, Debian 12), touching 1 GiB of new memory took 4.4–5.2 s in
/// 4 KiB pages and 1.5–1.6 s in huge pages. Debian's default THP mode is <c>madvise</c>: only memory a process asks
/// for gets huge pages, and the GC does not ask. One <c>madvise(MADV_HUGEPAGE)</c> over the GC's reserved address
/// range (the regions it commits from) asks for all managed memory at once.
/// <para>Best effort and Linux only: any failure leaves the heap as the runtime made it. Turned off by the
/// environment variable <c>WAREHOUSE_HUGE_PAGES=0</c> (to measure its effect, or where memory is tight: a huge page
/// can hold up to 2 MiB that a 4 KiB page would not).</para>
/// </remarks>
internal static partial class GcHeapHugePages
{
    /// <summary>The environment variable that turns the advice off when it is <c>0</c>.</summary>
    public const string Switch = "WAREHOUSE_HUGE_PAGES";

    private const int MadviseHugePage = 14;

    /// <summary>Advises the GC's reserved range; returns the bytes advised (0 when nothing was done).</summary>
    /// <param name="switchValue">The value of <see cref="Switch"/>; <c>0</c> turns the advice off.</param>
    public static long Advise(string? switchValue)
    {
        if (!OperatingSystem.IsLinux() || switchValue == "0") return 0;
        try
        {
            if (!File.ReadAllText("/sys/kernel/mm/transparent_hugepage/enabled").Contains("[madvise]", StringComparison.Ordinal)) return 0;
            // Regions (the default GC since .NET 7) reserve one range up front; without it there is nothing to advise.
            if (!GC.GetConfigurationVariables().TryGetValue("GCRegionRange", out var value)) return 0;
            var range = Convert.ToInt64(value, CultureInfo.InvariantCulture);
            if (range <= 0) return 0;
            if (ReservedRange(range) is not var (start, end)) return 0;
            return Madvise((nint)start, (nuint)(end - start), MadviseHugePage) == 0 ? (long)(end - start) : 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or OverflowException or DllNotFoundException or EntryPointNotFoundException)
        {
            return 0;
        }
    }

    /// <summary>The run of adjacent anonymous mappings around a large object (so inside the GC's regions), kept within
    /// <paramref name="range"/> bytes of it on either side.</summary>
    private static (ulong Start, ulong End)? ReservedRange(long range)
    {
        var probe = GC.AllocateUninitializedArray<byte>(128 * 1024);
        var handle = GCHandle.Alloc(probe, GCHandleType.Pinned);
        ulong at;
        try
        {
            at = (ulong)handle.AddrOfPinnedObject();
        }
        finally
        {
            handle.Free();
        }

        var maps = File.ReadLines("/proc/self/maps").Select(Mapping.Parse).ToList();
        var i = maps.FindIndex(m => m.Start <= at && at < m.End);
        if (i < 0 || !maps[i].Anonymous) return null;
        var (lo, hi) = (i, i);
        while (lo > 0 && maps[lo - 1].Anonymous && maps[lo - 1].End == maps[lo].Start) lo--;
        while (hi < maps.Count - 1 && maps[hi + 1].Anonymous && maps[hi + 1].Start == maps[hi].End) hi++;
        var start = Math.Max(maps[lo].Start, at > (ulong)range ? at - (ulong)range : 0);
        var end = Math.Min(maps[hi].End, at + (ulong)range);
        start = (start + 0xFFF) & ~0xFFFUL;
        return end > start ? (start, end) : null;
    }

    [LibraryImport("libc", EntryPoint = "madvise", SetLastError = true)]
    private static partial int Madvise(nint address, nuint length, int advice);

    /// <summary>One line of <c>/proc/self/maps</c>: <c>start-end perms offset dev inode [path]</c>.</summary>
    private readonly record struct Mapping(ulong Start, ulong End, bool Anonymous)
    {
        public static Mapping Parse(string line)
        {
            var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            var bounds = fields[0].Split('-');
            return new Mapping(ulong.Parse(bounds[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                ulong.Parse(bounds[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                fields.Length < 6 || string.IsNullOrWhiteSpace(fields[5]));
        }
    }
}
