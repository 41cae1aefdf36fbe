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
        sigterm.Dispose();
        sigint.Dispose();
        source.Dispose();
    }

    private void Cancel(PosixSignalContext context)
    {
        context.Cancel = true;
        source.Cancel();
    }
}
