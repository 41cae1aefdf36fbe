using Dapper;
using DuckDB.NET.Data;
using Warehouse.Etl.Config;

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
            "values ($run_id, $pipeline, $started_at, $status, $config_sha256, $is_demo, $inputs_sha256, $inputs)",
            new
            {
                run_id = runId, pipeline, started_at = startedAt.UtcDateTime, status = RunStatus.Running.Name(), config_sha256 = configSha256,
                is_demo = isDemo, inputs_sha256 = inputsSha256, inputs,
            });

    /// <summary>Appends step rows in one transaction (one commit, no statement per row: a build has two per table).</summary>
    public static void Steps(DuckDBConnection connection, string runId, string pipeline, IEnumerable<StepRecord> steps)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(steps);
        using var transaction = connection.BeginTransaction();
        using (var appender = connection.CreateAppender("meta", "run_step"))
        {
            foreach (var step in steps)
            {
                appender.CreateRow()
                    .AppendValue(runId)
                    .AppendValue(step.Step.Name())
                    .AppendValue(pipeline)
                    .AppendValue(step.Source)
                    .AppendValue(step.Edition)
                    .AppendValue(step.TableId)
                    .AppendValue(step.Status.Name())
                    .AppendValue((int?)1)
                    .AppendValue(step.RowsIn)
                    .AppendValue(step.RowsOut)
                    .AppendValue(step.StartedAt)
                    .AppendValue((long)step.Duration.TotalMilliseconds)
                    .AppendValue(step.Error)
                    .EndRow();
            }
        }

        transaction.Commit();
    }

    public static void Finish(DuckDBConnection connection, string runId, RunStatus status, DateTimeOffset finishedAt, string? message) =>
        connection.Execute(
            "update meta.run set status = $status, finished_at = $finished_at, message = $message where run_id = $run_id",
            new { run_id = runId, status = status.Name(), finished_at = finishedAt.UtcDateTime, message });
}
