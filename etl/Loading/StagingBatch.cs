using Dapper;
using System.Diagnostics;
using DuckDB.NET.Data;
using Warehouse.Etl.Extraction;

namespace Warehouse.Etl.Loading;

/// <summary>What loading one table came to: the rows written, or why nothing was.</summary>
/// <param name="Table">The table as extracted.</param>
/// <param name="Rows">Observations written; 0 when <paramref name="Error"/> is set.</param>
/// <param name="StartedAt">When its own rows began to be written.</param>
/// <param name="Duration">The time spent on its own rows (delete, observations, lineage); a shared commit is not in it.</param>
/// <param name="Error">Why the table was not loaded (its last good load stays); null when it was.</param>
public sealed record TableLoad(TableExtraction Table, int Rows, DateTimeOffset StartedAt, TimeSpan Duration, string? Error = null)
{
    public bool Succeeded => Error is null;
}

/// <summary>Writes many extracted tables into <c>staging.observation</c> and their lineage into <c>meta.*</c> with the
/// same rows, in the same order, as <see cref="StagingLoader"/> one table after another — in one transaction through
/// one appender per table, because a transaction per table costs a disk sync each and a statement per raw page a
/// parse and plan each.</summary>
/// <remarks>All or nothing inside, one at a time outside: when the batch fails (a row the table rejects), it is rolled
/// back and every table is loaded on its own with <see cref="StagingLoader.Load(DuckDBConnection, TableExtraction, string?)"/>,
/// so a bad table fails alone and the others still load.</remarks>
public static class StagingBatch
{
    /// <summary>Loads <paramref name="tables"/> (failed extractions are skipped: they write and delete nothing).</summary>
    /// <param name="connection">The warehouse being built.</param>
    /// <param name="tables">Extracted tables, in load order.</param>
    /// <param name="runId">The run that first sees a layout fingerprint.</param>
    /// <param name="timeProvider">Clock of the per-table timings.</param>
    /// <returns>One result per succeeded extraction, in order.</returns>
    public static IReadOnlyList<TableLoad> Load(DuckDBConnection connection, IReadOnlyList<TableExtraction> tables, string? runId, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var loadable = tables.Where(t => t.Succeeded).ToList();
        if (loadable.Count == 0)
        {
            return [];
        }

        try
        {
            return LoadTogether(connection, loadable, runId, timeProvider);
        }
        catch (Exception ex) when (IsRejected(ex))
        {
            // The rolled-back batch wrote nothing; one table at a time finds the one that fails.
            return loadable.Select(t => LoadAlone(connection, t, runId, timeProvider)).ToList();
        }
    }

    private static List<TableLoad> LoadTogether(DuckDBConnection connection, List<TableExtraction> tables, string? runId, TimeProvider timeProvider)
    {
        var results = new List<TableLoad>(tables.Count);
        using var transaction = connection.BeginTransaction();
        var loaded = LoadedTables(connection);
        var pages = MetaWriter.RecordedPages(connection);
        var fingerprints = MetaWriter.RecordedFingerprints(connection);
        using (var observations = connection.CreateAppender("staging", "observation"))
        using (var rawPages = connection.CreateAppender("meta", "raw_page"))
        using (var layouts = connection.CreateAppender("meta", "schema_fingerprint"))
        {
            foreach (var table in tables)
            {
                var started = timeProvider.GetUtcNow();
                long clock = Stopwatch.GetTimestamp();
                if (loaded.Contains((table.Source, table.Edition, table.TableId)))
                {
                    StagingLoader.Delete(connection, table, transaction);
                }

                StagingLoader.Append(observations, table.Observations);
                foreach (var page in table.RawPages)
                {
                    if (pages.Add(page.Sha256))
                    {
                        MetaWriter.AppendRawPage(rawPages, page);
                    }
                }

                if (table.Fingerprint is { } fingerprint && fingerprints.Add((table.Source, table.Edition, table.TableId, fingerprint.Fingerprint)))
                {
                    MetaWriter.AppendFingerprint(layouts, table, fingerprint, runId);
                }

                results.Add(new TableLoad(table, table.Observations.Count, started, Stopwatch.GetElapsedTime(clock)));
            }
        }

        transaction.Commit();
        return results;
    }

    private static TableLoad LoadAlone(DuckDBConnection connection, TableExtraction table, string? runId, TimeProvider timeProvider)
    {
        var started = timeProvider.GetUtcNow();
        long clock = Stopwatch.GetTimestamp();
        try
        {
            int rows = StagingLoader.Load(connection, table, runId);
            return new TableLoad(table, rows, started, Stopwatch.GetElapsedTime(clock));
        }
        catch (Exception ex) when (IsRejected(ex))
        {
            return new TableLoad(table, 0, started, Stopwatch.GetElapsedTime(clock), ex.Message);
        }
    }

    /// <summary>What DuckDB or its appender throws for rows a table does not take.</summary>
    private static bool IsRejected(Exception ex) => ex is DuckDBException or InvalidOperationException or ArgumentException or FormatException or OverflowException;

    /// <summary>The (source, edition, table) keys staging holds: a fresh build file holds none, so it deletes nothing.</summary>
    private static HashSet<(string Source, int? Edition, string TableId)> LoadedTables(DuckDBConnection connection) =>
        connection.Query<LoadedTable>("select distinct source, edition, table_id from staging.observation")
            .Select(r => (r.Source, r.Edition, r.TableId)).ToHashSet();

    /// <summary>A (source, edition, table) key of staging, as <see cref="LoadedTables"/> reads it.</summary>
    internal sealed record LoadedTable(string Source, int? Edition, string TableId);
}
