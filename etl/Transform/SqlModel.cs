using DuckDB.NET.Data;

namespace Warehouse.Etl.Transform;

/// <summary>Applies sql/ to a DuckDB database: schema DDL (migrations), then the model layers in order.</summary>
/// <remarks>Seam: the SQL model issue implements this; the pipeline calls it.</remarks>
public static class SqlModel
{
    /// <summary>Applies sql/schema/*.sql in file-name order (idempotent DDL: meta, staging, cfg schemas).</summary>
    public static void Migrate(DuckDBConnection connection) =>
        throw new NotImplementedException("migrations are not built yet");

    /// <summary>Writes the cfg tables from the settings and (re)creates every relation of the model layers.</summary>
    public static void Apply(DuckDBConnection connection, TransformSettings settings) =>
        throw new NotImplementedException("the SQL model is not built yet");
}
