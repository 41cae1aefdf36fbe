using System.Runtime.InteropServices;
using Warehouse.Etl.Host;

namespace Warehouse.Tests.Etl.Host;

/// <summary>The start-up advice really marks the GC heap for huge pages, and its switch turns it off.</summary>
[TestFixture]
public sealed class GcHeapHugePagesTests
{
    [Test]
    public void AFreshLargeArrayLiesInMemoryMarkedForHugePages()
    {
        RequireMadviseMode();
        Assert.That(GcHeapHugePages.Advise(null), Is.GreaterThan(1L << 30), "the GC reserves tens of GB; far more than 1 GB is advised");
        var column = new double[10_000_000];
        Assert.That(VmFlagsAt(AddressOf(column)), Does.Contain("hg"), "the mapping holding a new 80 MB column carries the huge-page flag");
        GC.KeepAlive(column);
    }

    [Test]
    public void TheSwitchTurnsItOff()
    {
        RequireMadviseMode();
        Assert.That(GcHeapHugePages.Advise("0"), Is.Zero);
    }

    private static void RequireMadviseMode()
    {
        if (!OperatingSystem.IsLinux()) Assert.Ignore("transparent huge pages are a Linux feature");
        var mode = File.ReadAllText("/sys/kernel/mm/transparent_hugepage/enabled").Trim();
        if (!mode.Contains("[madvise]", StringComparison.Ordinal)) Assert.Ignore($"THP mode here is '{mode}', not madvise: the advice does nothing");
    }

    private static ulong AddressOf(double[] array)
    {
        var handle = GCHandle.Alloc(array, GCHandleType.Pinned);
        try
        {
            return (ulong)handle.AddrOfPinnedObject() + ((ulong)array.Length * sizeof(double) / 2);
        }
        finally
        {
            handle.Free();
        }
    }

    /// <summary>The <c>VmFlags</c> line of the <c>/proc/self/smaps</c> entry that holds <paramref name="address"/>.</summary>
    private static string VmFlagsAt(ulong address)
    {
        var inside = false;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            var dash = line.IndexOf('-');
            if (dash > 0 && line.IndexOf(' ') > dash && ulong.TryParse(line[..dash], System.Globalization.NumberStyles.HexNumber, null, out var start)
                && ulong.TryParse(line[(dash + 1)..line.IndexOf(' ')], System.Globalization.NumberStyles.HexNumber, null, out var end))
            {
                inside = start <= address && address < end;
            }
            else if (inside && line.StartsWith("VmFlags:", StringComparison.Ordinal))
            {
                return line;
            }
        }

        return "";
    }
}
