using DuckDB.NET.Data;

namespace Warehouse.Etl.Lifecycle;

/// <summary>Applies <c>sql/schema/*.sql</c> in file-name order. A stand-in used only while
/// <c>SqlModel.Migrate</c> is not built; the SQL model issue owns migrations.</summary>
internal static class SchemaMigrator
{
    public static string SqlFolder => Path.Combine(AppContext.BaseDirectory, "sql");

    public static IReadOnlyList<string> SchemaFiles() =>
        Directory.EnumerateFiles(Path.Combine(SqlFolder, "schema"), "*.sql").Order(StringComparer.Ordinal).ToArray();

    public static void Apply(DuckDBConnection connection)
    {
        foreach (string file in SchemaFiles())
        {
            using var command = connection.CreateCommand();
            command.CommandText = File.ReadAllText(file);
            command.ExecuteNonQuery();
        }
    }
}
