using System.Globalization;
using DuckDB.NET.Data;
using Warehouse.Etl.Lifecycle;
using Warehouse.Etl.Runs;

namespace Warehouse.Etl.Pipeline;

/// <summary>
/// Decides whether a build can be skipped because it would reproduce the live warehouse: the live file opens, its
/// latest run succeeded with the same <see cref="BuildInputs"/>, and no build since then failed (a newer
/// <c>warehouse.failed.duckdb</c>) or died (a build file swept at this start). Anything else — a first build, a failed or
/// partial last run, an input, config, profile, sql or binary change, inputs that cannot be known before reading them
/// (HTTP, offline) — builds, and the reason says which.
/// </summary>
public static class UnchangedBuild
{
    /// <summary>The decision.</summary>
    /// <param name="Skip">True: the live warehouse already is this build's result.</param>
    /// <param name="Reason">One line: why it is skipped, or why it builds.</param>
    /// <param name="LiveRunId">The live warehouse's latest run, or null.</param>
    public sealed record Decision(bool Skip, string Reason, string? LiveRunId);

    /// <summary>The latest run recorded in a warehouse file, or why the file did not read.</summary>
    /// <param name="Run">The run, or null when the file does not read or records none.</param>
    /// <param name="Unreadable">Why the file did not read, or null.</param>
    public sealed record LatestRunRead(LastRun? Run, string? Unreadable);

    /// <summary>A run as the unchanged check needs it.</summary>
    /// <param name="RunId">The run id.</param>
    /// <param name="Status">Its status name (<see cref="RunStatus"/>).</param>
    /// <param name="InputsSha256">The sha256 of its <see cref="BuildInputs"/>, or null when it did not record them.</param>
    /// <param name="Inputs">Its inputs by part (JSON), or null.</param>
    public sealed record LastRun(string RunId, string Status, string? InputsSha256, string? Inputs);

    /// <param name="files">The live warehouse and its neighbours.</param>
    /// <param name="inputs">This build's inputs; null when they are not knowable (<paramref name="whyUnknown"/> says why).</param>
    /// <param name="whyUnknown">Why <paramref name="inputs"/> is null.</param>
    /// <param name="sweptDeadBuild">True when this start deleted a build file left by a build that died.</param>
    /// <param name="reportFolder">Where the report step writes, or null when the build has no report step; a missing
    /// folder is rebuilt.</param>
    /// <param name="liveRead">The <see cref="ReadLatestRun"/> of the live file, started earlier; null reads it here. It
    /// is waited for in any case, so nothing of it still reads the live file when this returns.</param>
    public static Decision Decide(WarehouseFiles files, BuildInputs? inputs, string? whyUnknown, bool sweptDeadBuild, string? reportFolder,
        Task<LatestRunRead>? liveRead = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        var read = liveRead?.GetAwaiter().GetResult();
        if (inputs is null)
            return Build(whyUnknown ?? "the inputs are not knowable before the build reads them");
        if (!File.Exists(files.LivePath))
            return Build("there is no live warehouse yet");
        if (sweptDeadBuild)
            return Build("the previous build died before it finished");

        var (live, unreadable) = read ?? ReadLatestRun(files.LivePath);
        if (live is null)
            return Build(unreadable ?? "the live warehouse records no run");
        if (live.Status != RunStatus.Succeeded.Name())
            return Build($"the live warehouse's last run {live.RunId} {live.Status}", live.RunId);
        if (File.Exists(files.FailedPath) && ReadLatestRun(files.FailedPath).Run is { } failed &&
            string.CompareOrdinal(failed.RunId, live.RunId) > 0)
        {
            return Build($"the last build {failed.RunId} failed (kept as {Path.GetFileName(files.FailedPath)})", live.RunId);
        }

        if (live.InputsSha256 is null)
            return Build($"the live warehouse's run {live.RunId} did not record its inputs", live.RunId);
        if (live.InputsSha256 != inputs.Sha256)
            return Build($"changed since run {live.RunId}: {Changed(inputs, BuildInputs.PartsFromJson(live.Inputs))}", live.RunId);
        if (reportFolder is not null && !Directory.Exists(reportFolder))
            return Build($"the report folder {reportFolder} is missing", live.RunId);
        return new Decision(true,
            $"nothing changed since run {live.RunId} (the same input files, pipelines.yml, profiles, sql and binary)",
            live.RunId);
    }

    private static Decision Build(string reason, string? liveRunId = null) => new(false, reason, liveRunId);

    /// <summary>The parts that differ, by name, e.g. <c>sql, source labour_yearbook 2016</c>.</summary>
    private static string Changed(BuildInputs now, IReadOnlyDictionary<string, string> before)
    {
        var names = now.Parts.Keys.Union(before.Keys)
            .Where(k => !now.Parts.TryGetValue(k, out var a) || !before.TryGetValue(k, out var b) || a != b)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (names.Count == 0)
            return "the inputs";
        return string.Join(", ", names.Take(8)) + (names.Count > 8 ? $" and {names.Count - 8} more" : "");
    }

    /// <summary>Reads the latest run of the warehouse file at <paramref name="path"/> (by start time), read-only; no run,
    /// with a reason, when it does not read.</summary>
    /// <remarks>Loading DuckDB and opening the file take a tenth of a second: a build starts this read while it hashes its
    /// inputs and hands the task to <see cref="Decide"/>.</remarks>
    public static LatestRunRead ReadLatestRun(string path)
    {
        try
        {
            // Plain ADO.NET: Dapper's first query emits and compiles a row reader, a twentieth of a second of a skipped build.
            using var connection = new DuckDBConnection(new DuckDBConnectionStringBuilder { DataSource = path, AccessMode = DuckDBAccessMode.ReadOnly }.ConnectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "select count(*) from duckdb_columns() where schema_name = 'meta' and table_name = 'run' and column_name = 'inputs_sha256'";
            bool hasInputs = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
            string columns = hasInputs ? "inputs_sha256, inputs" : "cast(null as varchar), cast(null as varchar)";
            command.CommandText = $"select run_id, status, {columns} from meta.run order by started_at desc, run_id desc limit 1";
            using var reader = command.ExecuteReader();
            if (!reader.Read())
                return new LatestRunRead(null, null);
            if (reader.IsDBNull(0) || reader.IsDBNull(1))
                return new LatestRunRead(null, "the live warehouse's last run has no run id or no status");
            return new LatestRunRead(
                new LastRun(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)),
                null);
        }
        catch (Exception ex) when (ex is DuckDBException or InvalidCastException)
        {
            // InvalidCastException: a meta.run whose run_id or status is not text (a file written by something else).
            return new LatestRunRead(null, $"the live warehouse cannot be read ({ex.Message.Split('\n', 2)[0].Trim()})");
        }
    }
}
