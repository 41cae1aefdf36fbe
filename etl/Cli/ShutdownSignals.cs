using System.Runtime.InteropServices;

namespace Warehouse.Etl.Cli;

/// <summary>SIGTERM (systemd stop, docker stop, kill) and Ctrl-C cancel a token instead of ending the process,
/// so a build can delete its build file and record the cancellation. kill -9 cannot be caught and needs no
/// handling: the live file is never written, and the next build sweeps the dead build's file.</summary>
internal sealed class ShutdownSignals : IDisposable
{
    private readonly CancellationTokenSource source;
    private readonly PosixSignalRegistration sigterm;
    private readonly PosixSignalRegistration sigint;
    private readonly Lock gate = new();
    private bool disposed;
    private bool signalled;

    private ShutdownSignals(CancellationToken outer)
    {
        source = CancellationTokenSource.CreateLinkedTokenSource(outer);
        sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
    }

    public CancellationToken Token => source.Token;

    /// <summary>A token cancelled by SIGTERM, SIGINT or <paramref name="outer"/>.</summary>
    public static ShutdownSignals Link(CancellationToken outer) => new(outer);

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
        }

        sigterm.Dispose();
        sigint.Dispose();

        // After a signal the cancellation callbacks may still be running on the thread pool (they are what ends the
        // verb, which then disposes this): disposing the source under them could throw there and crash the process.
        if (!signalled)
            source.Dispose();
    }

    /// <summary>Runs on the runtime's signal thread. Cancelling inline would run the whole shutdown (awaits resumed
    /// synchronously, this object disposed from inside its own handler) on that thread; a second signal, or one that
    /// arrives while the verb is already disposing, would then touch a disposed source — the rare crash after SIGTERM.
    /// So the cancellation is queued, and a signal after disposal is ignored.</summary>
    private void Cancel(PosixSignalContext context)
    {
        context.Cancel = true;
        lock (gate)
        {
            if (disposed || signalled)
                return;
            signalled = true;
        }

        ThreadPool.UnsafeQueueUserWorkItem(static state => ((CancellationTokenSource)state!).Cancel(), source);
    }
}
