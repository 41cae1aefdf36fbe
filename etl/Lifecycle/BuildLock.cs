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
        catch (IOException ex) when (IsSharingViolation(ex))
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

    /// <summary>Only "another process has it open exclusively" means another build: EWOULDBLOCK from flock on Unix,
    /// ERROR_SHARING_VIOLATION / ERROR_LOCK_VIOLATION on Windows. A read-only or missing folder is not a holder.</summary>
    private static bool IsSharingViolation(IOException ex) =>
        ex.GetType() == typeof(IOException) && (ex.HResult is 11 or 35 || (ex.HResult & 0xFFFF) is 32 or 33);

    /// <summary>The lock file itself cannot be read while held (the exclusive open excludes readers too), but the
    /// holder's build file carries its run id in its name.</summary>
    private static string DescribeHolder(string lockPath)
    {
        var files = new WarehouseFiles(lockPath[..^".build-lock".Length]);
        var running = files.CandidateFiles().Where(f => f.EndsWith(".duckdb", StringComparison.Ordinal)).Select(Path.GetFileName).ToList();
        return running.Count == 0 ? "its run id is not known yet" : $"building {string.Join(", ", running)}";
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
