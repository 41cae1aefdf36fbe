using System.Globalization;
using System.Text;

namespace Warehouse.Etl.Lifecycle;

/// <summary>One build at a time per live warehouse: an exclusively opened lock file holding the owner's pid and
/// run id. The OS releases it when the process dies, even by kill -9, so a dead build never blocks the next.</summary>
public sealed class BuildLock : IDisposable
{
    private readonly FileStream stream;

    private BuildLock(FileStream stream) => this.stream = stream;

    /// <summary>Takes the lock or throws <see cref="BuildLockedException"/> naming the holder.</summary>
    public static BuildLock Acquire(string lockPath, string runId, DateTimeOffset now)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new BuildLockedException(
                $"another build holds {lockPath} ({DescribeHolder(lockPath)}); wait for it to finish or stop it — this build did not start",
                ex);
        }

        stream.SetLength(0);
        byte[] owner = Encoding.UTF8.GetBytes(
            $"pid {Environment.ProcessId.ToString(CultureInfo.InvariantCulture)} run {runId} since {now.ToString("O", CultureInfo.InvariantCulture)}\n");
        stream.Write(owner);
        stream.Flush();
        return new BuildLock(stream);
    }

    /// <summary>Whether some process currently holds the lock.</summary>
    public static bool IsHeld(string lockPath)
    {
        try
        {
            using var probe = new FileStream(lockPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return false;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public void Dispose() => stream.Dispose();

    private static string DescribeHolder(string lockPath)
    {
        try
        {
            using var reader = new FileStream(lockPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var text = new StreamReader(reader);
            return text.ReadLine() ?? "holder unknown";
        }
        catch (IOException)
        {
            return "holder unknown";
        }
    }
}

/// <summary>A build was refused because another one holds the lock.</summary>
public sealed class BuildLockedException : Exception
{
    public BuildLockedException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public BuildLockedException(string message)
        : base(message)
    {
    }

    public BuildLockedException()
    {
    }
}
