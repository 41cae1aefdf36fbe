using Warehouse.Etl.Config;
using Warehouse.Etl.Lifecycle;
using Warehouse.Etl.Runs;
using Warehouse.Etl.Transform;

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
        string? folder = LivePathIsFolder(files);
        if (request.DryRun)
        {
            if (folder is not null)
            {
                stdout.WriteLine($"would refuse: {folder}");
                return new RunResult("dry-run", RunStatus.Refused, Outcome.Error, false, folder, [], null);
            }

            WorkList.Print(stdout, config, request, files, sources);
            var (_, wouldSkip, _) = Decide(request, files, sources, sweptDeadBuild: false, generateDemo: false, liveRead: null);
            stdout.WriteLine(wouldSkip.Skip && !request.FullRefresh ? $"would skip: {wouldSkip.Reason}" : $"would build: {(request.FullRefresh ? "--full-refresh" : wouldSkip.Reason)}");
            return new RunResult("dry-run", RunStatus.DryRun, Outcome.Ok, false, "dry run: nothing written", [], null);
        }

        string runId = RunId.New(timeProvider);
        using var log = OpenLog(runId, out string? unwritableLog);
        RunResult Refused(string message, Outcome outcome)
        {
            log.Error(message);
            return new RunResult(runId, RunStatus.Refused, outcome, false, message, [], log.FilePath);
        }

        if ((unwritableLog ?? folder) is { } refusal)
        {
            return Refused(refusal, Outcome.Error);
        }

        BuildLock buildLock;
        try
        {
            Directory.CreateDirectory(files.Folder);
            buildLock = BuildLock.Acquire(files.LockPath, runId, timeProvider.GetUtcNow());
        }
        catch (BuildLockedException ex)
        {
            return Refused(ex.Message, Outcome.Failed);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            return Refused($"cannot write in the warehouse folder {files.Folder} ({ex.Message}); make it writable, or point " +
                           "warehouse.path in pipelines.yml (or --db) at a writable folder — this build did not start", Outcome.Error);
        }

        using (buildLock)
        {
            bool sweptDeadBuild = false;
            foreach (string stale in files.CandidateFiles())
            {
                log.Warn($"deleting {Path.GetFileName(stale)}, left by a build that died", new { file = stale });
                File.Delete(stale);
                sweptDeadBuild = true;
            }

            // The sql/ model is parsed on the core the inputs check leaves idle: the transform then finds it ready.
            if (request.Has(PipelineStep.Transform) || request.Has(PipelineStep.Test))
            {
                _ = Task.Run(parts.ReadModel, cancellationToken);
            }

            // So is the live warehouse's last run (DuckDB loads and opens the file), which the decision needs after the hashing.
            var liveRead = File.Exists(files.LivePath) ? Task.Run(() => UnchangedBuild.ReadLatestRun(files.LivePath), cancellationToken) : null;
            var (inputs, unchanged, demoEnsured) = CheckInputs(request, files, sources, sweptDeadBuild, log, liveRead);
            if (unchanged.Skip && !request.FullRefresh)
            {
                return Skipped(request, runId, files, unchanged, log);
            }

            // Under live progress bars the report's tables would tear the display: hold them until it ends.
            var reportOutput = console.Interactive ? new StringWriter() : stdout;
            // A live file the unchanged check has just read is not probed again before the history is carried over.
            bool liveJustRead = liveRead is { IsCompletedSuccessfully: true, Result.Unreadable: null };
            var execution = new BuildExecution(config, parts, timeProvider, console, reportOutput, log, files, runId, request, sources, inputs, demoEnsured, liveJustRead);
            var result = await console.WithProgressAsync(WorkList.Expected(request, sources), () => execution.ExecuteAsync(BeforeSwap, cancellationToken));
            if (!ReferenceEquals(reportOutput, stdout))
            {
                await stdout.WriteAsync(reportOutput.ToString());
            }

            return result;
        }
    }

    /// <summary>The run log in <c>warehouse.log_dir</c>; when that folder cannot be written, a log to stderr alone and
    /// why (a build whose log would be lost does not start).</summary>
    private RunLog OpenLog(string runId, out string? unwritable)
    {
        unwritable = null;
        try
        {
            return new RunLog(runId, config.Warehouse.LogDir, timeProvider, stderr, infoOnStderr: !console.Interactive);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            unwritable = $"cannot write the run log in {config.Warehouse.LogDir} ({ex.Message}); make it writable, or point warehouse.log_dir " +
                         "in pipelines.yml at a writable folder — this build did not start";
            return new RunLog(runId, null, timeProvider, stderr);
        }
    }

    /// <summary>Why a build cannot use the live path, when it is a folder (found at the swap, that cost a whole build and
    /// replaced the report of a build that never went live); null otherwise.</summary>
    private static string? LivePathIsFolder(WarehouseFiles files) =>
        Directory.Exists(files.LivePath)
            ? $"the live warehouse path {files.LivePath} is a folder, not a file; point warehouse.path in pipelines.yml (or --db) " +
              $"at a .duckdb file, e.g. {Path.Combine(files.LivePath, "warehouse.duckdb")} — this build did not start"
            : null;

    /// <summary>Hashes this build's inputs and compares them with the live warehouse's last run
    /// (docs/architecture.md#operations); logs why the build runs when it does.</summary>
    /// <returns>The inputs, the decision, and whether the demo mirror was made sure of (the build then need not check it again).</returns>
    private (BuildInputs? Inputs, UnchangedBuild.Decision Decision, bool DemoEnsured) CheckInputs(
        BuildRequest request, WarehouseFiles files, IReadOnlyList<(string Name, SourceSettings Source)> sources, bool sweptDeadBuild, RunLog log,
        Task<UnchangedBuild.LatestRunRead>? liveRead)
    {
        long clock = timeProvider.GetTimestamp();
        var (inputs, decision, demoEnsured) = Decide(request, files, sources, sweptDeadBuild, generateDemo: true, liveRead);
        long elapsed = (long)timeProvider.GetElapsedTime(clock).TotalMilliseconds;
        if (!decision.Skip)
        {
            log.Info($"building: {decision.Reason}", new { inputs_sha256 = inputs?.Sha256, live_run = decision.LiveRunId, elapsed_ms = elapsed });
        }
        else if (request.FullRefresh)
        {
            log.Info($"building: --full-refresh, although {decision.Reason}", new { inputs_sha256 = inputs?.Sha256, live_run = decision.LiveRunId, elapsed_ms = elapsed });
        }

        return (inputs, decision, demoEnsured);
    }

    /// <summary>Hashes the inputs of <paramref name="request"/> and decides whether the live warehouse already is its result.</summary>
    /// <param name="request">The build asked for.</param>
    /// <param name="files">The live warehouse and its neighbours.</param>
    /// <param name="sources">The selected sources.</param>
    /// <param name="sweptDeadBuild">True when this start deleted a dead build's file.</param>
    /// <param name="generateDemo">False for a dry run, which writes nothing: a demo mirror not generated yet then
    /// counts as missing inputs.</param>
    /// <param name="liveRead">The live warehouse's last run, being read since the build started; null reads it when needed.</param>
    private (BuildInputs? Inputs, UnchangedBuild.Decision Decision, bool DemoEnsured) Decide(
        BuildRequest request, WarehouseFiles files, IReadOnlyList<(string Name, SourceSettings Source)> sources, bool sweptDeadBuild, bool generateDemo,
        Task<UnchangedBuild.LatestRunRead>? liveRead)
    {
        BuildInputs? inputs = null;
        bool demoEnsured = false;
        string? whyUnknown = "the steps are not the product's own, so a rebuild may differ";
        if (parts.CodeIdentity is { } code)
        {
            // The demo mirror is generated on first use; its files are the demo sources' inputs.
            if (generateDemo && request.Has(PipelineStep.Extract) && sources.Any(s => s.Source.Kind == SourceKind.Demo))
            {
                parts.EnsureDemoCorpus(config.Warehouse.DemoCache);
                demoEnsured = true;
            }

            try
            {
                inputs = BuildInputs.Compute(config, request, sources, code, SqlFolder.Locate(), out whyUnknown);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // An unreadable input fails its own step, with its own message, in the build that follows.
                whyUnknown = $"the inputs could not be hashed ({ex.Message})";
            }
        }

        string? reportFolder = request.Has(PipelineStep.Report) || request.Has(PipelineStep.Analyze) ? config.Analysis.ReportDir : null;
        return (inputs, UnchangedBuild.Decide(files, inputs, whyUnknown, sweptDeadBuild, reportFolder, liveRead), demoEnsured);
    }

    /// <summary>A build that would reproduce the live warehouse: nothing is written but the run log, which records the
    /// run as <c>skipped</c> with its reason.</summary>
    private RunResult Skipped(BuildRequest request, string runId, WarehouseFiles files, UnchangedBuild.Decision decision, RunLog log)
    {
        string message = $"skipped: {decision.Reason}; --full-refresh rebuilds anyway";
        log.Info($"{request.Pipeline} {message}", new { status = RunStatus.Skipped.Name(), live_run = decision.LiveRunId, reason = decision.Reason });
        PrintLiveTables(request, decision);
        console.Line($"{request.Pipeline} {runId} {message}");
        console.Line($"live warehouse: {files.LivePath} (run {decision.LiveRunId})");
        return new RunResult(runId, RunStatus.Skipped, Outcome.Ok, false, message, [], log.FilePath);
    }

    /// <summary>A build with a report step prints its regression tables; a skipped one prints the live run's, which
    /// it would have reproduced, so the nightly log and the README's command read the same either way.</summary>
    private void PrintLiveTables(BuildRequest request, UnchangedBuild.Decision decision)
    {
        string tables = Path.Combine(config.Analysis.ReportDir, "tables.txt");
        if ((request.Has(PipelineStep.Report) || request.Has(PipelineStep.Analyze)) && File.Exists(tables))
        {
            stdout.WriteLine($"regression tables of run {decision.LiveRunId} (unchanged; {Path.GetFullPath(tables)}):");
            stdout.Write(File.ReadAllText(tables));
        }
    }
}
