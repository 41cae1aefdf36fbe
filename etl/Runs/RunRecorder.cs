using Dapper;
using DuckDB.NET.Data;

namespace Warehouse.Etl.Runs;

/// <summary>Writes meta.run and meta.run_step of the warehouse file being built (never of the live file).</summary>
public static class RunRecorder
{
    /// <summary>Inserts the run as <c>running</c>.</summary>
    /// <param name="connection">The candidate file.</param>
    /// <param name="runId">The run id.</param>
    /// <param name="pipeline">build, backfill or a pipelines.yml pipeline.</param>
    /// <param name="startedAt">When the run started.</param>
    /// <param name="configSha256">sha256 of pipelines.yml.</param>
    /// <param name="isDemo">True when a source reads the demo mirror.</param>
    /// <param name="inputsSha256">sha256 of everything the build reads and runs with; null when not knowable.</param>
    /// <param name="inputs">The same per part, as a JSON object; null when not knowable.</param>
    public static void Start(
        DuckDBConnection connection, string runId, string pipeline, DateTimeOffset startedAt, string? configSha256, bool isDemo,
        string? inputsSha256 = null, string? inputs = null) =>
        connection.Execute(
            "insert into meta.run (run_id, pipeline, started_at, status, config_sha256, is_demo, inputs_sha256, inputs) " +
            "values ($run_id, $pipeline, $started_at, 'running', $config_sha256, $is_demo, $inputs_sha256, $inputs)",
            new { run_id = runId, pipeline, started_at = startedAt.UtcDateTime, config_sha256 = configSha256, is_demo = isDemo, inputs_sha256 = inputsSha256, inputs });

    /// <summary>Inserts one step row, inside <paramref name="transaction"/> when given.</summary>
    public static void Step(DuckDBConnection connection, string runId, string pipeline, StepRecord step, System.Data.IDbTransaction? transaction = null) =>
        connection.Execute(
            """
            insert into meta.run_step (run_id, step, pipeline, source, edition, table_id, status, attempt, rows_in, rows_out, started_at, duration_ms, error)
            values ($run_id, $step, $pipeline, $source, $edition, $table_id, $status, 1, $rows_in, $rows_out, $started_at, $duration_ms, $error)
            """,
            new
            {
                run_id = runId,
                step = step.Step,
                pipeline,
                source = step.Source,
                edition = step.Edition,
                table_id = step.TableId,
                status = step.Status,
                rows_in = step.RowsIn,
                rows_out = step.RowsOut,
                started_at = step.StartedAt.UtcDateTime,
                duration_ms = (long)step.Duration.TotalMilliseconds,
                error = step.Error,
            },
            transaction);

    public static void Finish(DuckDBConnection connection, string runId, string status, DateTimeOffset finishedAt, string? message) =>
        connection.Execute(
            "update meta.run set status = $status, finished_at = $finished_at, message = $message where run_id = $run_id",
            new { run_id = runId, status, finished_at = finishedAt.UtcDateTime, message });
}
