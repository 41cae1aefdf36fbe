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
                recorded_at = table.RawPages.Count > 0 ? table.RawPages[^1].FetchedAt : DateTimeOffset.UnixEpoch,
            },
            transaction);
    }
}
