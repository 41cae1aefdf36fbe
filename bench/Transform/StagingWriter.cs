using DuckDB.NET.Data;

namespace Warehouse.Bench.Transform;

/// <summary>Appends <see cref="StagingRow"/>s to staging.observation through the DuckDB Appender.</summary>
public static class StagingWriter
{
    public static void Append(DuckDBConnection connection, IEnumerable<StagingRow> rows)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(rows);
        using var appender = connection.CreateAppender("staging", "observation");
        foreach (var r in rows)
        {
            appender.CreateRow()
                .AppendValue(r.Source)
                .AppendValue(r.Edition)
                .AppendValue(r.TableId)
                .AppendValue((short)r.ProvinceCode)
                .AppendValue((short)r.Year)
                .AppendValue(r.Indicator)
                .AppendValue(r.Item)
                .AppendValue(r.Value)
                .AppendValue(r.Unit)
                .AppendValue(r.Unit)
                .AppendValue(r.RawSha256)
                .AppendValue(r.Cell)
                .AppendValue(r.Release)
                .AppendValue(r.ReleaseDate)
                .EndRow();
        }
    }
}
