using Dapper;
using DuckDB.NET.Data;
using Warehouse.Etl.Config;

namespace Warehouse.Etl.Runs;

/// <summary>Writes meta.run and meta.run_step of the warehouse file being built (never of the live file).</summary>
public static class RunRecorder
{
    public static void Start(DuckDBConnection connection, string runId, string pipeline, DateTimeOffset startedAt, string? configSha256, bool isDemo) =>
        connection.Execute(
            "insert into meta.run (run_id, pipeline, started_at, status, config_sha256, is_demo) values ($run_id, $pipeline, $started_at, $status, $config_sha256, $is_demo)",
            new { run_id = runId, pipeline, started_at = startedAt.UtcDateTime, status = RunStatus.Running.Name(), config_sha256 = configSha256, is_demo = isDemo });

    public static void Step(DuckDBConnection connection, string runId, string pipeline, StepRecord step) =>
        connection.Execute(
            """
            insert into meta.run_step (run_id, step, pipeline, source, edition, table_id, status, attempt, rows_in, rows_out, started_at, duration_ms, error)
            values ($run_id, $step, $pipeline, $source, $edition, $table_id, $status, 1, $rows_in, $rows_out, $started_at, $duration_ms, $error)
            """,
            new
            {
                run_id = runId,
                step = step.Step.Name(),
                pipeline,
                source = step.Source,
                edition = step.Edition,
                table_id = step.TableId,
                status = step.Status.Name(),
                rows_in = step.RowsIn,
                rows_out = step.RowsOut,
                started_at = step.StartedAt.UtcDateTime,
                duration_ms = (long)step.Duration.TotalMilliseconds,
                error = step.Error,
            });

    public static void Finish(DuckDBConnection connection, string runId, RunStatus status, DateTimeOffset finishedAt, string? message) =>
        connection.Execute(
            "update meta.run set status = $status, finished_at = $finished_at, message = $message where run_id = $run_id",
            new { run_id = runId, status = status.Name(), finished_at = finishedAt.UtcDateTime, message });
}
