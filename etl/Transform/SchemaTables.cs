using System.Text.RegularExpressions;

namespace Warehouse.Etl.Transform;

/// <summary>A table the migrations create (<c>sql/schema/*.sql</c>): run history (meta), the staging contract, cfg and
/// seeds. <c>Description</c> is the comment block just above its <c>create table</c>; <c>Columns</c> the name, type and
/// trailing <c>--</c> comment of each column line.</summary>
public sealed record SchemaTable(string Schema, string Name, string Description, IReadOnlyList<(string Name, string Type, string Description)> Columns,
    string Ddl, string FilePath)
{
    public string QualifiedName => $"{Schema}.{Name}";
}

/// <summary>Reads the <c>create table if not exists</c> statements of the migration files.</summary>
public static partial class SchemaTables
{
    public static IReadOnlyList<SchemaTable> Read(string? sqlFolder = null)
    {
        var tables = new List<SchemaTable>();
        foreach (var (path, sql) in SqlModel.MigrationScripts(sqlFolder))
        {
            foreach (Match m in CreateTable().Matches(sql))
            {
                var columns = new List<(string, string, string)>();
                foreach (var line in m.Groups["body"].Value.Split('\n'))
                {
                    var c = ColumnLine().Match(line);
                    if (!c.Success || c.Groups["name"].Value is "primary" or "unique" or "foreign" or "check" or "constraint") continue;
                    columns.Add((c.Groups["name"].Value, c.Groups["type"].Value.ToUpperInvariant(), c.Groups["comment"].Value.Trim()));
                }
                tables.Add(new SchemaTable(m.Groups["schema"].Value, m.Groups["name"].Value, Comment(sql, m.Index), columns, m.Value.Trim(), path));
            }
        }
        return tables;
    }

    /// <summary>The run of <c>--</c> lines right above <paramref name="at"/> (no blank line between), joined.</summary>
    private static string Comment(string sql, int at)
    {
        var lines = sql[..at].TrimEnd('\n', '\r').Split('\n');
        var block = new List<string>();
        for (var i = lines.Length - 1; i >= 0 && lines[i].TrimStart().StartsWith("--", StringComparison.Ordinal); i--)
            block.Insert(0, lines[i].TrimStart()[2..].Trim());
        return string.Join(" ", block);
    }

    [GeneratedRegex(@"create table if not exists (?<schema>\w+)\.(?<name>\w+)\s*\((?<body>.*?)\n\);", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex CreateTable();

    [GeneratedRegex(@"^\s*(?<name>[a-z_][a-z0-9_]*)\s+(?<type>[a-z]+(?:\(\d+(?:,\s*\d+)?\))?)[^-]*?(?:--\s*(?<comment>.*))?$", RegexOptions.IgnoreCase)]
    private static partial Regex ColumnLine();
}
