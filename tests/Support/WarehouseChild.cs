using System.Diagnostics;

namespace Warehouse.Tests.Support;

/// <summary>Runs the built <c>warehouse</c> CLI as a child process (<c>dotnet warehouse.dll …</c>), as a user or a
/// cron job would, and fails the test when it outlives its patience.</summary>
internal static class WarehouseChild
{
    /// <summary>Exit code, stdout and stderr of <c>warehouse <paramref name="args"/></c>.</summary>
    /// <param name="patience">How long the child may run before it is killed and the test fails.</param>
    /// <param name="args">The verb and its options.</param>
    /// <param name="environment">Variables set (or replaced) in the child's environment.</param>
    public static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(TimeSpan patience, IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "warehouse.dll"));
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        return await RunAsync(info, patience);
    }

    /// <summary>Exit code, stdout and stderr of the process <paramref name="info"/> describes (its output redirected);
    /// the test fails when it outlives <paramref name="patience"/>.</summary>
    public static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(ProcessStartInfo info, TimeSpan patience)
    {
        using var child = Process.Start(info)!;
        var stdout = child.StandardOutput.ReadToEndAsync();
        var stderr = child.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(patience);
        try
        {
            await child.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            child.Kill(entireProcessTree: true);
            Assert.Fail($"{info.FileName} {string.Join(' ', info.ArgumentList)} did not finish within {patience.TotalSeconds} s");
        }

        return (child.ExitCode, await stdout, await stderr);
    }
}
