using System.Globalization;
using System.Text;


namespace Warehouse.Etl.Lifecycle;

/// <summary>One build at a time per live warehouse: an exclusively opened lock file holding the owner's pid and
/// run id. The OS releases it when the process dies, even by kill -9, so a dead build never blocks the next.</summary>
/// <remarks>The exclusive open keeps other processes from reading the lock file too, so the holder also writes its
/// line beside it (<c>&lt;lock&gt;.owner</c>), for a refused build to name it.</remarks>
public sealed class BuildLock : IDisposable
{
    private readonly FileStream stream;
    private readonly string ownerPath;

    private BuildLock(FileStream stream, string ownerPath)
    {
        this.stream = stream;
        this.ownerPath = ownerPath;
    }

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
        string line = $"pid {Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}, run {runId}, since {now.ToString("O", CultureInfo.InvariantCulture)}";
        stream.Write(Encoding.UTF8.GetBytes(line + "\n"));
        stream.Flush();
        string ownerPath = OwnerPath(lockPath);
        try
        {
            File.WriteAllText(ownerPath, line + "\n");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Only a refused build's message reads it: without it, that message names the holder's build file instead.
            // A line left by an earlier holder is older than the lock file this holder just wrote, and is not believed.
        }

        return new BuildLock(stream, ownerPath);
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

    /// <summary>Removes the owner line, then releases the lock (in that order, so it never removes a next holder's line).</summary>
    public void Dispose()
    {
        try
        {
            File.Delete(ownerPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A stale line is overwritten by the next holder and read only while some build holds the lock.
        }

        stream.Dispose();
    }

    private static string OwnerPath(string lockPath) => lockPath + ".owner";

    /// <summary>Only "another process has it open exclusively" means another build: EWOULDBLOCK from flock on Unix,
    /// ERROR_SHARING_VIOLATION / ERROR_LOCK_VIOLATION on Windows. A read-only or missing folder is not a holder.</summary>
    private static bool IsSharingViolation(IOException ex) =>
        ex.GetType() == typeof(IOException) && (ex.HResult is 11 or 35 || (ex.HResult & 0xFFFF) is 32 or 33);

    /// <summary>The holder's owner line, when it is not older than the lock file (each holder rewrites the lock file,
    /// then the line); failing that (a holder that could not write it, or is between taking the lock and writing it),
    /// its build file, which carries its run id in its name.</summary>
    private static string DescribeHolder(string lockPath)
    {
        try
        {
            string ownerPath = OwnerPath(lockPath);
            string owner = File.ReadAllText(ownerPath).Trim();
            if (owner.Length > 0 && File.GetLastWriteTimeUtc(ownerPath) >= File.GetLastWriteTimeUtc(lockPath))
                return owner;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not written (yet): look for its build file.
        }

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
