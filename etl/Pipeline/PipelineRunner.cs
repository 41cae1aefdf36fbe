using Warehouse.Etl.Config;
using Warehouse.Etl.Lifecycle;
using Warehouse.Etl.Runs;

namespace Warehouse.Etl.Pipeline;

/// <summary>Runs extract → load → transform → test → analyze → report into a new warehouse file and swaps it
/// live (blue/green). The live file is only ever read (attached read-only for the carry-over), so analysts keep
/// querying it during a build, and a failed, cancelled or killed build leaves it byte-for-byte untouched.</summary>
/// <remarks>What blocks the swap: a failed transform, data tests with errors, cancellation, an unexpected error.
/// What does not: a table that failed to extract or load (its rows carried over from the live file stay; the
/// run is <c>failed</c> and names it, exit 1) and a failed report (the data are fine; exit 1).</remarks>
public sealed class PipelineRunner(PipelinesFile config, PipelineParts parts, TimeProvider timeProvider, StepConsole console, TextWriter stdout, TextWriter stderr)
{
    /// <summary>Awaited after the data tests, right before the swap. Tests (and the kill -9 test's child
    /// process) use it to hold a build at its most delicate moment.</summary>
    public Func<CancellationToken, Task>? BeforeSwap { get; init; }

    /// <exception cref="ConfigException">A <c>--select</c> names something that is not configured.</exception>
    public async Task<RunResult> RunAsync(BuildRequest request, CancellationToken cancellationToken)
    {
        var files = new WarehouseFiles(request.LivePath ?? config.Warehouse.Path);
        var sources = SelectFilter.Apply(config, request.Select);
        if (request.DryRun)
        {
            WorkList.Print(stdout, config, request, files, sources);
            return new RunResult("dry-run", RunStatus.DryRun, Outcome.Ok, false, "dry run: nothing written", [], null);
        }

        string runId = RunId.New(timeProvider);
        using var log = new RunLog(runId, config.Warehouse.LogDir, timeProvider, stderr, infoOnStderr: !console.Interactive);
        BuildLock buildLock;
        try
        {
            Directory.CreateDirectory(files.Folder);
            buildLock = BuildLock.Acquire(files.LockPath, runId, timeProvider.GetUtcNow());
        }
        catch (BuildLockedException ex)
        {
            log.Error(ex.Message);
            return new RunResult(runId, RunStatus.Refused, Outcome.Failed, false, ex.Message, [], log.FilePath);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            string message = $"cannot write in the warehouse folder {files.Folder} ({ex.Message}); make it writable, or point " +
                             "warehouse.path in pipelines.yml (or --db) at a writable folder — this build did not start";
            log.Error(message);
            return new RunResult(runId, RunStatus.Refused, Outcome.Error, false, message, [], log.FilePath);
        }

        using (buildLock)
        {
            foreach (string stale in files.CandidateFiles())
            {
                log.Warn($"deleting {Path.GetFileName(stale)}, left by a build that died", new { file = stale });
                File.Delete(stale);
            }

            // Under live progress bars the report's tables would tear the display: hold them until it ends.
            var reportOutput = console.Interactive ? new StringWriter() : stdout;
            var execution = new BuildExecution(config, parts, timeProvider, console, reportOutput, log, files, runId, request, sources);
            var result = await console.WithProgressAsync(WorkList.Expected(request, sources), () => execution.ExecuteAsync(BeforeSwap, cancellationToken));
            if (!ReferenceEquals(reportOutput, stdout))
            {
                await stdout.WriteAsync(reportOutput.ToString());
            }

            return result;
        }
    }
}
