using System.Globalization;
using DuckDB.NET.Data;
using Warehouse.Analysis.Data;
using Warehouse.Etl.Config;
using Warehouse.Etl.Extraction;
using Warehouse.Etl.Lifecycle;
using Warehouse.Etl.Runs;
using Warehouse.Etl.Transform;

namespace Warehouse.Etl.Pipeline;

/// <summary>The state of one build while it runs: the candidate connection, the step rows, the failures.</summary>
internal sealed class BuildExecution(
    PipelinesFile config,
    PipelineParts parts,
    TimeProvider timeProvider,
    StepConsole console,
    TextWriter stdout,
    RunLog log,
    WarehouseFiles files,
    string runId,
    BuildRequest request,
    IReadOnlyList<(string Name, SourceSettings Source)> sources,
    BuildInputs? inputs,
    bool demoEnsured,
    bool liveJustRead)
{
    private readonly List<StepRecord> steps = [];
    private readonly List<StepRecord> unwritten = [];

    /// <summary>While true, step rows wait in <see cref="unwritten"/>: every autocommit is a WAL sync, and the extract
    /// and load steps of one build are two per table, so they are written in one transaction at the end.</summary>
    private bool deferSteps;

    /// <summary>How long making sure of the demo mirror took, when a demo source is read; logged in the run log's order.</summary>
    private TimeSpan? demoReadyAfter;
    private readonly List<string> failures = [];
    private readonly string candidate = files.Candidate(runId);
    private DuckDBConnection? connection;

    public async Task<RunResult> ExecuteAsync(Func<CancellationToken, Task>? beforeSwap, CancellationToken cancellationToken)
    {
        var startedAt = timeProvider.GetUtcNow();
        log.Info($"{request.Pipeline} started: building {Path.GetFileName(candidate)}, live is {files.LivePath}",
            new { pipeline = request.Pipeline, candidate, live = files.LivePath, steps = request.Steps.Select(s => s.Name()), years = request.Years?.ToString() });
        // The sources are read while the build file is created and the history carried over: neither needs the other.
        Task<IReadOnlyList<SourceExtraction>>? extraction = null;
        try
        {
            try
            {
                extraction = request.Has(PipelineStep.Extract) ? StartExtraction(cancellationToken) : null;
                Open();
                Prepare(startedAt);
            }
            catch (Exception) when (extraction is not null)
            {
                // Nothing may still read or archive once this build has stopped.
                await Task.WhenAny(extraction);
                throw;
            }

            if (extraction is not null)
            {
                await ExtractAndLoadAsync(extraction, cancellationToken);
            }

            string? blocker = Transform(cancellationToken);
            if (blocker is not null)
            {
                return Abandon(RunStatus.Failed, blocker, Outcome.Failed);
            }

            // The report estimates its specs from the transformed panel while the data tests run (nothing it reads
            // changes after the transform) and prints and writes nothing until they pass. It reads through its own
            // connection, and goes on while this one compares with the live warehouse and measures coverage; its text is
            // printed after the coverage lines, in the order the steps ran before. The run is marked before the report
            // may write, so the report cites this run's id; a failing report then re-marks it. The checkpoint that
            // writes the build's data into its file runs meanwhile too (DuckDB checkpoints beside readers), leaving the
            // close little to write.
            var reportText = new StringWriter();
            var testsPassed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using var reportCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var report = request.Has(PipelineStep.Analyze) || request.Has(PipelineStep.Report)
                ? Task.Run(() => ReportAsync(reportText, testsPassed.Task, reportCancel.Token), reportCancel.Token)
                : null;
            long observations;
            try
            {
                blocker = Test(cancellationToken);
                if (blocker is not null)
                {
                    // Never leave the report reading a file Abandon is about to close and move.
                    testsPassed.SetResult(false);
                    await reportCancel.CancelAsync();
                    if (report is not null)
                    {
                        await Task.WhenAny(report);
                    }

                    return Abandon(RunStatus.Failed, blocker, Outcome.Failed);
                }

                observations = CountObservations();
                RunRecorder.Finish(connection!, runId, failures.Count == 0 ? RunStatus.Succeeded : RunStatus.Failed, timeProvider.GetUtcNow(), Summary(observations));
                testsPassed.SetResult(true);
                ReportChanges();
                ReportCoverage();
                Checkpoint();
            }
            finally
            {
                // Never leave the report reading a file this method is about to close, move or delete.
                if (testsPassed.TrySetResult(false))
                {
                    await reportCancel.CancelAsync();
                }

                if (report is not null)
                {
                    await Task.WhenAny(report);
                }
            }

            if (report is not null)
            {
                var step = await report;
                await stdout.WriteAsync(reportText.ToString());
                Record(step);
            }

            var status = failures.Count == 0 ? RunStatus.Succeeded : RunStatus.Failed;
            string message = Summary(observations);
            RunRecorder.Finish(connection!, runId, status, timeProvider.GetUtcNow(), message);
            Close();

            if (beforeSwap is not null)
            {
                await beforeSwap(cancellationToken);
            }

            cancellationToken.ThrowIfCancellationRequested();
            BlueGreenSwap.Promote(files, candidate, config.Warehouse.KeepPrevious);
            // A run that swapped but lost a table is still a failure: logged as an error so `level != "info"` finds it.
            string word = status.Name();
            if (status == RunStatus.Succeeded)
                log.Info($"{request.Pipeline} {word}: {message}; {files.LivePath} is live", new { status = word, live = files.LivePath });
            else
                log.Error($"{request.Pipeline} {word}: {message}; {files.LivePath} is live", new { status = word, live = files.LivePath });
            console.Line($"{request.Pipeline} {runId} {word}: {message}");
            console.Line($"live warehouse: {files.LivePath}");
            return new RunResult(runId, status, failures.Count == 0 ? Outcome.Ok : Outcome.Failed, true, message, steps, log.FilePath);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Close();
            WarehouseFiles.DeleteDatabase(candidate);
            string message = "cancelled; the build file was deleted and the live warehouse is untouched";
            log.Warn($"{request.Pipeline} {message}", new { status = RunStatus.Cancelled.Name() });
            console.Line($"{request.Pipeline} {runId} cancelled: {message}");
            return new RunResult(runId, RunStatus.Cancelled, Outcome.Failed, false, message, steps, log.FilePath);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The stack trace goes to the run log file only; the user sees one line.
            log.Error($"unexpected error: {ex.Message}", new { exception = ex.GetType().FullName, stack_trace = ex.ToString() });
            return Abandon(RunStatus.Failed, $"unexpected error: {ex.Message}", Outcome.Error);
        }
    }

    /// <summary>Records the run in the new file and carries the history over from the live warehouse.</summary>
    private void Prepare(DateTimeOffset startedAt)
    {
        parts.Migrate(connection!);
        RunRecorder.Start(connection!, runId, request.Pipeline, startedAt, config.Sha256, config.Sources.Values.Any(s => s.Kind == SourceKind.Demo),
            inputs?.Sha256, inputs?.ToJson());
        var live = LiveWarehouseCheck.Decide(files, runId, config.Warehouse.KeepPrevious, liveJustRead);
        ReportLiveState(live);
        var carried = live.CarryFrom is null
            ? new Dictionary<string, long>()
            : HistoryCarryOver.Copy(connection!, live.CarryFrom, includeStaging: !request.FullRefresh);
        if (carried.Count > 0)
        {
            string from = live.CarryFrom == files.LivePath ? "the live warehouse" : Path.GetFileName(live.CarryFrom)!;
            log.Info($"carried over from {from}: " + string.Join(", ", carried.Select(kv => $"{kv.Key} {kv.Value}")), new { carried, from = live.CarryFrom });
        }
    }

    /// <summary>Says, once, what the build does about a live file it cannot read.</summary>
    private void ReportLiveState(LiveWarehouseCheck.Decision live)
    {
        string carry = live.CarryFrom is null
            ? "nothing to carry over, so this build starts from scratch"
            : $"carrying over from {Path.GetFileName(live.CarryFrom)}, the last good state";
        switch (live.State)
        {
            case LiveState.Corrupt:
                log.Error($"the live warehouse {files.LivePath} does not open ({live.Detail}); moved it aside to {live.MovedAside} (kept); {carry}",
                    new { live = files.LivePath, moved_aside = live.MovedAside, carry_from = live.CarryFrom });
                break;
            case LiveState.Locked:
                log.Warn($"another process holds the live warehouse {files.LivePath} read-write ({live.Detail}); {carry}; " +
                         "the swap still happens, and that process keeps its old file until it reconnects (open it with -readonly next time)",
                    new { live = files.LivePath, holder = live.Detail, carry_from = live.CarryFrom });
                break;
        }
    }

    /// <summary>Makes sure of the demo mirror, then starts extracting every selected source.</summary>
    private Task<IReadOnlyList<SourceExtraction>> StartExtraction(CancellationToken cancellationToken)
    {
        var extractRequest = new ExtractRequest(request.Years?.Years.ToArray(), request.Offline, request.FullRefresh, config.Profiles);
        if (sources.Any(s => s.Source.Kind == SourceKind.Demo))
        {
            long clock = timeProvider.GetTimestamp();
            if (!demoEnsured)
            {
                parts.EnsureDemoCorpus(config.Warehouse.DemoCache);
            }

            demoReadyAfter = timeProvider.GetElapsedTime(clock);
        }

        return ConcurrentExtraction.RunAsync(sources, request.Offline,
            (name, source, ct) => parts.ExtractAsync(config.Warehouse.RawArchive, timeProvider, name, source, extractRequest, ct), timeProvider, cancellationToken);
    }

    private async Task ExtractAndLoadAsync(Task<IReadOnlyList<SourceExtraction>> extraction, CancellationToken cancellationToken)
    {
        deferSteps = true;
        try
        {
            await ExtractAndLoadSourcesAsync(extraction, cancellationToken);
        }
        finally
        {
            deferSteps = false;
        }

        Flush();
    }

    private async Task ExtractAndLoadSourcesAsync(Task<IReadOnlyList<SourceExtraction>> extraction, CancellationToken cancellationToken)
    {
        if (demoReadyAfter is { } elapsed)
        {
            log.Info($"demo corpus ready in {config.Warehouse.DemoCache}", new { elapsed_ms = (long)elapsed.TotalMilliseconds });
        }

        var extracted = await extraction;
        cancellationToken.ThrowIfCancellationRequested();

        // A layout change is news once: when this edition's layout is already recorded (carried over from the live
        // warehouse), an earlier build reported it. Asked before this build records its own.
        var knownLayouts = Loading.MetaWriter.RecordedFingerprints(connection!);
        var tables = extracted.SelectMany(s => s.Tables).ToList();
        var loads = request.Has(PipelineStep.Load) ? Load(tables) : new Dictionary<TableExtraction, StepRecord>();

        // Steps are recorded as if each table were extracted and loaded in turn: the order of pipelines.yml.
        foreach (var source in extracted)
        {
            if (source.Error is not null)
            {
                Record(new StepRecord(PipelineStep.Extract, RunStatus.Failed, source.StartedAt, source.Elapsed, source.Name, Error: source.Error));
                continue;
            }

            foreach (var table in source.Tables)
            {
                var step = new StepRecord(PipelineStep.Extract, table.Succeeded ? RunStatus.Succeeded : RunStatus.Failed, source.StartedAt, table.Duration,
                    table.Source, table.Edition, table.TableId, RowsOut: table.Observations.Count, Error: table.Error is null ? null
                        : table.Error.Contains(table.Location, StringComparison.Ordinal) ? table.Error : $"{table.Location}: {table.Error}");
                bool layoutKnown = table.LayoutChange is not null && table.Fingerprint is { } fingerprint
                    && knownLayouts.Contains((table.Source, table.Edition, table.TableId, fingerprint.Fingerprint));
                foreach (string warning in table.Warnings)
                {
                    if (layoutKnown && ReferenceEquals(warning, table.LayoutChange))
                    {
                        continue;
                    }

                    // Layout drift the profile tolerates (evolve) and similar: the data loaded, but a person should look.
                    log.Warn($"{table.Source} {table.Edition} {table.TableId}: {warning}",
                        new { source = table.Source, edition = table.Edition, table_id = table.TableId, warning });
                }

                Record(step);
                if (table.Succeeded && loads.TryGetValue(table, out var load))
                {
                    Record(load);
                }
            }
        }
    }

    /// <summary>Loads every extracted table in one batch; the load step of each table, by table.</summary>
    private Dictionary<TableExtraction, StepRecord> Load(List<TableExtraction> tables)
    {
        var steps = new Dictionary<TableExtraction, StepRecord>(ReferenceEqualityComparer.Instance);
        var started = timeProvider.GetUtcNow();
        long clock = timeProvider.GetTimestamp();
        try
        {
            foreach (var load in parts.Load(connection!, tables, runId, timeProvider))
            {
                var table = load.Table;
                steps[table] = new StepRecord(PipelineStep.Load, load.Succeeded ? RunStatus.Succeeded : RunStatus.Failed, load.StartedAt, load.Duration,
                    table.Source, table.Edition, table.TableId, table.Observations.Count, load.Succeeded ? load.Rows : null, load.Error);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Nothing of the batch was written: every table's load failed with it.
            foreach (var table in tables.Where(t => t.Succeeded))
            {
                steps[table] = new StepRecord(PipelineStep.Load, RunStatus.Failed, started, timeProvider.GetElapsedTime(clock),
                    table.Source, table.Edition, table.TableId, table.Observations.Count, Error: ex.Message);
            }
        }

        return steps;
    }

    /// <returns>Why the build must not go live, or null.</returns>
    private string? Transform(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (request.Has(PipelineStep.Transform))
        {
            var step = RunSync(PipelineStep.Transform, () => parts.Transform(connection!, TransformSettings.From(config.Analysis)));
            if (step.Status == RunStatus.Failed)
            {
                return $"transform failed: {step.Error}";
            }
        }

        return null;
    }

    /// <returns>Why the build must not go live, or null.</returns>
    private string? Test(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (request.Has(PipelineStep.Test))
        {
            DataTestSummary? summary = null;
            var step = RunSync(PipelineStep.Test, () => summary = parts.Test(connection!, runId, timeProvider), () => summary is null ? null : summary.Passed + summary.Warned + summary.Failed,
                () => summary is { HasErrors: true } ? $"{summary.Failed} data test(s) failed: {FailedTests(summary)}" : null);
            if (summary is not null)
            {
                log.Info($"data tests: {summary.Passed} passed, {summary.Warned} warned, {summary.Failed} failed", new { summary.Passed, summary.Warned, summary.Failed, messages = summary.Messages });
            }

            if (step.Status == RunStatus.Failed)
            {
                return step.Error ?? "data tests failed";
            }
        }

        return null;
    }

    private static string FailedTests(DataTestSummary summary) =>
        string.Join("; ", summary.Messages
            .Where(m => !m.StartsWith("WARN", StringComparison.Ordinal))
            .DefaultIfEmpty(string.Join("; ", summary.Messages))
            .Take(5)
            .Select(m => m.Length > 240 ? m[..240] + "…" : m));

    /// <summary>What this build changes against the live warehouse (added / removed / revised fact rows, largest
    /// revisions): printed and kept in the run log, so a yearly refresh says what the new editions restated.</summary>
    private void ReportChanges()
    {
        if (!request.Has(PipelineStep.Transform))
        {
            return;
        }

        try
        {
            string changes = parts.DescribeChanges(connection!, File.Exists(files.LivePath) ? files.LivePath : null);
            console.Line(changes);
            log.Info(changes, new { changes });
        }
        catch (Exception ex) when (ex is DuckDBException or IOException)
        {
            // An analyst holding the live file open read-write must not fail the build; the comparison is advisory.
            log.Warn($"could not compare with the live warehouse: {ex.Message}");
        }
    }

    /// <summary>Which provinces and years each model variable has in the panel: printed, logged and recorded in
    /// <c>meta.coverage</c>, so a build over partial real yearbooks says what it could load.</summary>
    private void ReportCoverage()
    {
        if (!request.Has(PipelineStep.Transform))
        {
            return;
        }

        try
        {
            var specs = config.Analysis.Specs.Select(s => (s.Name, (IReadOnlyList<string>)[s.Y, .. s.X], s.Where)).ToList();
            var lines = CoverageRecorder.Record(connection!, runId, specs, timeProvider.GetUtcNow());
            foreach (var line in lines)
            {
                console.Line(line.Describe());
                log.Info(line.Describe(), new
                {
                    coverage = line.Variable, line.Provinces, line.Years, rows_present = line.RowsPresent, rows_expected = line.RowsExpected,
                    province_codes = line.ProvinceCodes, years_present = line.YearList,
                });
            }
        }
        catch (Exception ex) when (ex is DuckDBException or InvalidCastException)
        {
            // A model without a panel (a transform that built no panel) has nothing to measure; say so, do not fail.
            log.Warn($"coverage not measured: {ex.Message}");
        }
    }

    /// <summary>Runs the report on the build's file, which this build still holds open: in one process DuckDB.NET gives
    /// every connection to a file the same database instance, so the report reads what this build committed without a
    /// checkpoint and a second open of the file. It estimates at once and writes only when <paramref name="proceed"/>
    /// says the data tests passed; its duration counts from the end of the transform.</summary>
    /// <returns>The report step's record, for the caller to record in order.</returns>
    private async Task<StepRecord> ReportAsync(TextWriter output, Task<bool> proceed, CancellationToken cancellationToken)
    {
        var name = request.Has(PipelineStep.Report) ? PipelineStep.Report : PipelineStep.Analyze;
        var started = timeProvider.GetUtcNow();
        long clock = timeProvider.GetTimestamp();
        try
        {
            var outcome = await parts.ReportAsync(candidate, config.Analysis, config.Analysis.ReportDir, output, proceed, cancellationToken);
            return new StepRecord(name, outcome == Outcome.Ok ? RunStatus.Succeeded : RunStatus.Failed, started, timeProvider.GetElapsedTime(clock),
                Error: outcome == Outcome.Ok ? null : "a report spec failed (the others were written)");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new StepRecord(name, RunStatus.Failed, started, timeProvider.GetElapsedTime(clock), Error: ex.Message);
        }
    }

    private StepRecord RunSync(PipelineStep name, Action action, Func<long?>? rowsOut = null, Func<string?>? failure = null)
    {
        var started = timeProvider.GetUtcNow();
        long clock = timeProvider.GetTimestamp();
        StepRecord record;
        try
        {
            action();
            string? error = failure?.Invoke();
            var status = error is not null ? RunStatus.Failed : RunStatus.Succeeded;
            record = new StepRecord(name, status, started, timeProvider.GetElapsedTime(clock), RowsOut: rowsOut?.Invoke(), Error: error);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            record = new StepRecord(name, RunStatus.Failed, started, timeProvider.GetElapsedTime(clock), Error: ex.Message);
        }

        Record(record);
        return record;
    }

    /// <summary>Records a run that must not go live, keeps its file as <c>*.failed.duckdb</c> for inspection
    /// (meta.run_step says what broke) and leaves the live file alone.</summary>
    private RunResult Abandon(RunStatus status, string message, Outcome outcome)
    {
        try
        {
            if (connection is null && File.Exists(candidate))
            {
                Open();
            }

            if (connection is not null)
            {
                Flush();
                RunRecorder.Finish(connection, runId, status, timeProvider.GetUtcNow(), message);
            }
        }
        catch (Exception ex) when (ex is DuckDB.NET.Data.DuckDBException or InvalidOperationException)
        {
            log.Warn($"could not record the failure in {candidate}: {ex.Message}");
        }

        Close();
        if (File.Exists(candidate))
        {
            WarehouseFiles.DeleteDatabase(files.FailedPath);
            File.Move(candidate, files.FailedPath);
        }

        string word = status.Name();
        log.Error($"{request.Pipeline} {word}: {message}; live warehouse untouched; this build is kept as {files.FailedPath}", new { status = word, kept = files.FailedPath });
        console.Line($"{request.Pipeline} {runId} {word}: {message}");
        console.Line($"live warehouse untouched; inspect {files.FailedPath} (meta.run_step) and {log.FilePath}");
        return new RunResult(runId, status, outcome, false, message, steps, log.FilePath);
    }

    private string Summary(long observations)
    {
        var parts = new List<string> { $"{observations.ToString(CultureInfo.InvariantCulture)} observations in staging" };
        if (failures.Count > 0)
        {
            parts.Add($"{failures.Count} failed: {string.Join("; ", failures.Take(10))}{(failures.Count > 10 ? "; …" : "")}");
        }

        return string.Join("; ", parts);
    }

    /// <summary>Adds a step to the run (console, run log, meta.run_step); a failed one also to the build's failures.</summary>
    private void Record(StepRecord step)
    {
        if (step.Status == RunStatus.Failed)
        {
            failures.Add($"{step.What}: {step.Error}");
        }

        steps.Add(step);
        console.Step(step);
        var level = step.Status == RunStatus.Failed ? (Action<string, object?>)log.Error : log.Info;
        level($"{step.What}: {step.Status.Name()}{(step.Error is null ? "" : $": {step.Error}")}", new
        {
            step = step.Step.Name(),
            source = step.Source,
            edition = step.Edition,
            table_id = step.TableId,
            status = step.Status.Name(),
            rows_in = step.RowsIn,
            rows_out = step.RowsOut,
            duration_ms = (long)step.Duration.TotalMilliseconds,
            error = step.Error,
        });
        unwritten.Add(step);
        if (!deferSteps)
        {
            Flush();
        }
    }

    private void Flush()
    {
        if (connection is null)
        {
            return;
        }

        if (unwritten.Count == 0)
        {
            return;
        }

        RunRecorder.Steps(connection, runId, request.Pipeline, unwritten);
        unwritten.Clear();
    }

    private long CountObservations()
    {
        using var command = connection!.CreateCommand();
        command.CommandText = "select count(*) from staging.observation";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>DuckDB's <c>checkpoint_threshold</c> for the build's file: above anything a build writes before its own
    /// checkpoint.</summary>
    /// <remarks>At DuckDB's default (16 MB of WAL) the transform's commit checkpoints — compresses and writes every
    /// table — between the transform and the data tests, where nothing else runs (0.19 s of a 0.55 s transform on the
    /// demo corpus). Deferred, the same work is the build's own <see cref="Checkpoint"/>, which runs while the report
    /// writes its figures.</remarks>
    private const string CheckpointThreshold = "16GB";

    private void Open()
    {
        connection = WarehouseConnection.OpenForWriting(candidate);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"set checkpoint_threshold = '{CheckpointThreshold}'";
            command.ExecuteNonQuery();
        }

        Flush();
    }

    private void Checkpoint()
    {
        try
        {
            using var command = connection!.CreateCommand();
            command.CommandText = "checkpoint";
            command.ExecuteNonQuery();
        }
        catch (DuckDB.NET.Data.DuckDBException ex)
        {
            log.Warn($"checkpoint of {candidate} failed: {ex.Message}");
        }
    }

    private void Close()
    {
        if (connection is null)
        {
            return;
        }

        Checkpoint();
        connection.Dispose();
        connection = null;
    }
}
