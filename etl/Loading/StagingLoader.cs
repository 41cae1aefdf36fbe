using Dapper;
using DuckDB.NET.Data;
using Warehouse.Etl.Extraction;
using Warehouse.Etl.Staging;

namespace Warehouse.Etl.Loading;

/// <summary>Writes extracted tables into staging.observation, idempotently per (source, edition, table_id).</summary>
public static class StagingLoader
{
    /// <summary>Deletes then inserts the table's observations in one transaction; returns rows written.</summary>
    /// <remarks>A failed extraction writes nothing and deletes nothing: the last good load stays.</remarks>
    public static int Load(DuckDBConnection connection, TableExtraction table) => Load(connection, table, null);

    /// <summary>
    /// As <see cref="Load(DuckDBConnection, TableExtraction)"/>, and records the raw pages (<c>meta.raw_page</c>) and the
    /// layout fingerprint (<c>meta.schema_fingerprint</c>, first seen in <paramref name="runId"/>) in the same transaction.
    /// </summary>
    public static int Load(DuckDBConnection connection, TableExtraction table, string? runId)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(table);
        if (!table.Succeeded)
            return 0;

        using var transaction = connection.BeginTransaction();
        Delete(connection, table, transaction);
        using (var appender = connection.CreateAppender("staging", "observation"))
        {
            Append(appender, table.Observations);
        }

        MetaWriter.WriteRawPages(connection, transaction, table.RawPages);
        if (table.Fingerprint is { } fingerprint)
            MetaWriter.WriteFingerprint(connection, transaction, table, fingerprint, runId);
        transaction.Commit();
        return table.Observations.Count;
    }

    /// <summary>Deletes the rows an earlier load of this (source, edition, table_id) wrote.</summary>
    internal static void Delete(DuckDBConnection connection, TableExtraction table, DuckDBTransaction transaction) =>
        connection.Execute(
            "delete from staging.observation where source = $source and edition is not distinct from $edition and table_id = $table_id",
            new { source = table.Source, edition = table.Edition, table_id = table.TableId },
            transaction);

    /// <summary>Appends observations as rows of staging.observation, in its column order.</summary>
    internal static void Append(DuckDBAppender appender, IReadOnlyList<Observation> observations)
    {
        foreach (var o in observations)
        {
            appender.CreateRow()
                .AppendValue(o.Source)
                .AppendValue(o.Edition)
                .AppendValue(o.TableId)
                .AppendValue(o.ProvinceCode)
                .AppendValue(o.Year)
                .AppendValue(o.Indicator)
                .AppendValue(o.Item)
                .AppendValue(o.Value)
                .AppendValue(o.Unit)
                .AppendValue(o.RawUnit)
                .AppendValue(o.RawSha256)
                .AppendValue(o.Cell)
                .AppendValue(o.Release)
                .AppendValue(o.ReleaseDate)
                .EndRow();
        }
    }
}
