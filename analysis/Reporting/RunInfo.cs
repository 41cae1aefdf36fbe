using System.Data.Common;
using Dapper;

namespace Warehouse.Analysis.Reporting;

/// <summary>The warehouse run a report read: the run that wrote the file, i.e. the latest <c>meta.run</c> row in it
/// (a build records itself in its own file before the report step and before the swap; a run whose transform or
/// tests failed never goes live, and one whose table failed goes live as <c>failed</c>).</summary>
public sealed record RunInfo(string RunId, bool IsDemo, string? Pipeline)
{
    /// <summary>Used when the file has no run log (e.g. a hand-made panel): said plainly in the report.</summary>
    public static RunInfo Unknown { get; } = new("unknown (no run in meta.run)", false, null);

    /// <summary>The file name people know: a build file <c>stem.&lt;run-id&gt;.duckdb</c> is swapped live as <c>stem.duckdb</c>.</summary>
    public string LiveFileName(string databasePath)
    {
        var name = Path.GetFileName(databasePath);
        var suffix = "." + RunId + ".duckdb";
        return name.EndsWith(suffix, StringComparison.Ordinal) ? name[..^suffix.Length] + ".duckdb" : name;
    }

    public static RunInfo Read(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var hasTable = connection.ExecuteScalar<long>(
            "select count(*) from information_schema.tables where table_schema = 'meta' and table_name = 'run'") > 0;
        if (!hasTable) return Unknown;
        var row = connection.QueryFirstOrDefault<RunRow>(
            "select run_id as RunId, is_demo as IsDemo, pipeline as Pipeline from meta.run order by started_at desc limit 1");
        return row is null ? Unknown : new RunInfo(row.RunId, row.IsDemo, row.Pipeline);
    }

    internal sealed class RunRow
    {
        public string RunId { get; set; } = "";
        public bool IsDemo { get; set; }
        public string? Pipeline { get; set; }
    }
}
