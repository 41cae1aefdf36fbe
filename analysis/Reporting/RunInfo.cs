using System.Data.Common;
using Dapper;

namespace Warehouse.Analysis.Reporting;

/// <summary>The warehouse run a report read: the latest succeeded <c>meta.run</c> row.</summary>
public sealed record RunInfo(string RunId, bool IsDemo, string? Pipeline)
{
    /// <summary>Used when the file has no run log (e.g. a hand-made panel): said plainly in the report.</summary>
    public static RunInfo Unknown { get; } = new("unknown (no succeeded run in meta.run)", false, null);

    public static RunInfo Read(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var hasTable = connection.ExecuteScalar<long>(
            "select count(*) from information_schema.tables where table_schema = 'meta' and table_name = 'run'") > 0;
        if (!hasTable) return Unknown;
        var row = connection.QueryFirstOrDefault<RunRow>(
            "select run_id as RunId, is_demo as IsDemo, pipeline as Pipeline from meta.run where status = 'succeeded' " +
            "order by coalesce(finished_at, started_at) desc, started_at desc limit 1");
        return row is null ? Unknown : new RunInfo(row.RunId, row.IsDemo, row.Pipeline);
    }

    private sealed class RunRow
    {
        public string RunId { get; set; } = "";
        public bool IsDemo { get; set; }
        public string? Pipeline { get; set; }
    }
}
