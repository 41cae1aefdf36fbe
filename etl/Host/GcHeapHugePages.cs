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

        // Plain arrays and loops: a generic collection of a type of our own would be JIT-compiled in every process.
        var lines = File.ReadAllLines("/proc/self/maps");
        var starts = new ulong[lines.Length];
        var ends = new ulong[lines.Length];
        var anonymous = new bool[lines.Length];
        var i = -1;
        for (var m = 0; m < lines.Length; m++)
        {
            (starts[m], ends[m], anonymous[m]) = Parse(lines[m]);
            if (starts[m] <= at && at < ends[m]) i = m;
        }

        if (i < 0 || !anonymous[i]) return null;
        var (lo, hi) = (i, i);
        while (lo > 0 && anonymous[lo - 1] && ends[lo - 1] == starts[lo]) lo--;
        while (hi < lines.Length - 1 && anonymous[hi + 1] && starts[hi + 1] == ends[hi]) hi++;
        var start = Math.Max(starts[lo], at > (ulong)range ? at - (ulong)range : 0);
        var end = Math.Min(ends[hi], at + (ulong)range);
        start = (start + 0xFFF) & ~0xFFFUL;
        return end > start ? (start, end) : null;
    }

    /// <summary>One line of <c>/proc/self/maps</c> (<c>start-end perms offset dev inode [path]</c>): its bounds, and
    /// whether it maps no file.</summary>
    private static (ulong Start, ulong End, bool Anonymous) Parse(string line)
    {
        var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
        var bounds = fields[0].Split('-');
        return (ulong.Parse(bounds[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            ulong.Parse(bounds[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            fields.Length < 6 || string.IsNullOrWhiteSpace(fields[5]));
    }

    [LibraryImport("libc", EntryPoint = "madvise", SetLastError = true)]
    private static partial int Madvise(nint address, nuint length, int advice);
}
