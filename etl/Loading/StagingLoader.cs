using DuckDB.NET.Data;
using Warehouse.Etl.Extraction;

namespace Warehouse.Etl.Loading;

/// <summary>Writes extracted tables into staging.observation, idempotently per (source, edition, table_id).</summary>
/// <remarks>Seam: the extraction issue implements this; the pipeline calls it.</remarks>
public static class StagingLoader
{
    /// <summary>Deletes then inserts the table's observations in one transaction; returns rows written.</summary>
    public static int Load(DuckDBConnection connection, TableExtraction table) =>
        throw new NotImplementedException("loading is not built yet");
}
