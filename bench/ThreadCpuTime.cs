using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Warehouse.Bench;

/// <summary>
/// CPU time of the calling thread alone, to the nanosecond on Linux (<c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>):
/// a single-threaded bench's one-core figure on a shared machine, without the runtime's background compiler and
/// collector threads the process's CPU time counts, and without its 10 ms ticks. Elsewhere the process's CPU time.
/// </summary>
public static class ThreadCpuTime
{
    /// <summary>CLOCK_THREAD_CPUTIME_ID in Linux's time.h.</summary>
    private const int ClockThreadCpuTimeId = 3;

    private static bool threadClockMissing = !OperatingSystem.IsLinux();

    /// <summary>CPU seconds the calling thread has used (on systems other than Linux: the whole process).</summary>
    public static double Seconds()
    {
        if (!threadClockMissing)
        {
            try
            {
                if (NativeMethods.ClockGetTime(ClockThreadCpuTimeId, out var time) == 0)
                    return time.Seconds + time.Nanoseconds / 1e9;
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                // not glibc: fall back below
            }

            threadClockMissing = true;
        }

        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private static class NativeMethods
    {
        [DllImport("libc.so.6", EntryPoint = "clock_gettime")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int ClockGetTime(int clock, out TimeSpec time);
    }
}
