namespace Warehouse.Etl.Transform;

/// <summary>Reloads the seed tables (reference data shipped as CSV in sql/seeds) on every transform.</summary>
internal static class SeedLoader
{
    public static IReadOnlyList<string> Statements(string sqlFolder)
    {
        string folder = Path.Combine(sqlFolder, "seeds");
        if (!Directory.Exists(folder))
            return [];
        var statements = new List<string>();
        foreach (string path in Directory.GetFiles(folder, "*.csv").Order(StringComparer.Ordinal))
        {
            string table = "seeds." + Path.GetFileNameWithoutExtension(path);
            statements.Add($"delete from {table}");
            // all_varchar: the seed table's declared types do the casting, so a bad seed cell fails loudly.
            statements.Add(
                $"insert into {table} by name select * from read_csv({SqlText.Literal(path)}, header = true, all_varchar = true, quote = '\"')");
        }

        return statements;
    }
}
