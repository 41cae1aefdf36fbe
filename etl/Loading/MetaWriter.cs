using Dapper;
using DuckDB.NET.Data;
using Warehouse.Etl.Archive;
using Warehouse.Etl.Extraction;
using Warehouse.Etl.Normalizing;

namespace Warehouse.Etl.Loading;

/// <summary>Lineage rows written beside the observations: archived pages and table-layout fingerprints.</summary>
public static class MetaWriter
{
    /// <summary>Inserts raw pages not yet recorded (the sha256 is the key: the same bytes are recorded once).</summary>
    public static void WriteRawPages(DuckDBConnection connection, DuckDBTransaction? transaction, IEnumerable<RawPageRecord> pages)
    {
        foreach (var page in pages)
        {
            connection.Execute("""
                insert into meta.raw_page (sha256, location, http_status, http_headers, declared_charset, detected_charset, size_bytes, fetched_at, archive_path)
                values ($sha256, $location, $status, $headers, $declared, $detected, $size, $fetched_at, $archive_path)
                on conflict (sha256) do nothing
                """,
                new
                {
                    sha256 = page.Sha256, location = page.Location, status = page.HttpStatus, headers = page.HttpHeadersJson,
                    declared = page.DeclaredCharset, detected = page.DetectedCharset, size = page.SizeBytes, fetched_at = page.FetchedAt,
                    archive_path = page.ArchivePath,
                },
                transaction);
        }
    }

    /// <summary>Records a layout fingerprint unless the same one is already recorded for this (source, edition, table).</summary>
    public static void WriteFingerprint(DuckDBConnection connection, DuckDBTransaction? transaction, TableExtraction table, SchemaFingerprint fingerprint, string? runId)
    {
        connection.Execute("""
            insert into meta.schema_fingerprint (source, edition, table_id, fingerprint, header, unit, row_labels, first_seen_run, recorded_at)
            select $source, $edition, $table_id, $fingerprint, $header, $unit, $row_labels, $run_id, $recorded_at
            where not exists (
                select 1 from meta.schema_fingerprint
                where source = $source and edition is not distinct from $edition and table_id = $table_id and fingerprint = $fingerprint)
            """,
            new
            {
                source = table.Source, edition = table.Edition, table_id = table.TableId, fingerprint = fingerprint.Fingerprint,
                header = fingerprint.HeaderJson, unit = fingerprint.Unit, row_labels = fingerprint.RowLabelsJson, run_id = runId,
                recorded_at = RecordedAt(table),
            },
            transaction);
    }

    /// <summary>The sha256 of every raw page recorded (the key <see cref="WriteRawPages"/> skips on).</summary>
    internal static HashSet<string> RecordedPages(DuckDBConnection connection) =>
        connection.Query<string>("select sha256 from meta.raw_page").ToHashSet(StringComparer.Ordinal);

    /// <summary>Every recorded (source, edition, table, fingerprint) (what <see cref="WriteFingerprint"/> skips on): in a build
    /// file, those carried over from the live warehouse, so a layout change is reported by the build that first sees it.</summary>
    public static HashSet<(string Source, int? Edition, string TableId, string Fingerprint)> RecordedFingerprints(DuckDBConnection connection) =>
        connection.Query<RecordedFingerprint>("select source, edition, table_id, fingerprint from meta.schema_fingerprint")
            .Select(r => (r.Source, r.Edition, r.TableId, r.Fingerprint)).ToHashSet();

    /// <summary>A row of meta.schema_fingerprint, as <see cref="RecordedFingerprints"/> reads it.</summary>
    internal sealed record RecordedFingerprint(string Source, int? Edition, string TableId, string Fingerprint);

    /// <summary>Appends a page not yet recorded as a row of meta.raw_page, in its column order (the row <see cref="WriteRawPages"/> inserts).</summary>
    internal static void AppendRawPage(DuckDBAppender appender, RawPageRecord page) =>
        appender.CreateRow()
            .AppendValue(page.Sha256)
            .AppendValue(page.Location)
            .AppendValue(page.HttpStatus)
            .AppendValue(page.HttpHeadersJson)
            .AppendValue(page.DeclaredCharset)
            .AppendValue(page.DetectedCharset)
            .AppendValue(page.SizeBytes)
            .AppendValue(page.FetchedAt)
            .AppendValue(page.ArchivePath)
            .EndRow();

    /// <summary>Appends a fingerprint not yet recorded as a row of meta.schema_fingerprint (the row <see cref="WriteFingerprint"/> inserts).</summary>
    internal static void AppendFingerprint(DuckDBAppender appender, TableExtraction table, SchemaFingerprint fingerprint, string? runId) =>
        appender.CreateRow()
            .AppendValue(table.Source)
            .AppendValue(table.Edition)
            .AppendValue(table.TableId)
            .AppendValue(fingerprint.Fingerprint)
            .AppendValue(fingerprint.HeaderJson)
            .AppendValue(fingerprint.Unit)
            .AppendValue(fingerprint.RowLabelsJson)
            .AppendValue(runId)
            .AppendValue(RecordedAt(table))
            .EndRow();

    /// <summary>When a fingerprint was seen: when the last of its table's pages was read.</summary>
    private static DateTimeOffset RecordedAt(TableExtraction table) => table.RawPages.Count > 0 ? table.RawPages[^1].FetchedAt : DateTimeOffset.UnixEpoch;
}
