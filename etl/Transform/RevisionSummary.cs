using System.Globalization;
using System.Text;
using Dapper;
using DuckDB.NET.Data;

namespace Warehouse.Etl.Transform;

/// <summary>
/// What a build changed against the previous live warehouse: rows added, removed and revised per fact, and the
/// largest revisions. The pipeline prints it and stores it in the run log.
/// </summary>
public static class RevisionSummary
{
    private const string Alias = "previous_live";
    private const int LargestShown = 5;

    /// <summary>A fact, the columns that identify its rows and the measures compared.</summary>
    private sealed record Fact(string Name, string[] Key, string[] Measures);

    private static readonly Fact[] Facts =
    [
        new("fct_employment", ["province_code", "year", "sector_code"], ["persons_10k"]),
        new("fct_hightech", ["province_code", "year", "group_code"], ["export_delivery", "employment"]),
        new("fct_provincial", ["province_code", "year", "indicator"], ["value"]),
    ];

    /// <summary>Compares the facts of <paramref name="newDb"/> with those of the file at <paramref name="previousLivePath"/>.</summary>
    /// <returns>A short multi-line summary; says so when there is no previous warehouse to compare with.</returns>
    public static string Compare(DuckDBConnection newDb, string? previousLivePath)
    {
        ArgumentNullException.ThrowIfNull(newDb);
        var text = new StringBuilder();
        if (previousLivePath is null || !File.Exists(previousLivePath))
        {
            text.AppendLine("changes: no previous live warehouse; every row is new");
            foreach (var fact in Facts)
                text.AppendLine(CultureInfo.InvariantCulture, $"  {fact.Name}: {Count(newDb, $"main.{fact.Name}")} rows added");
            return text.ToString().TrimEnd();
        }

        Execute(newDb, $"attach {SqlText.Literal(Path.GetFullPath(previousLivePath))} as {Alias} (read_only)");
        try
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"changes against {previousLivePath}:");
            var largest = new List<(double Magnitude, string Line)>();
            foreach (var fact in Facts)
            {
                if (!Exists(newDb, Alias, fact.Name))
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"  {fact.Name}: not in the previous warehouse; {Count(newDb, $"main.{fact.Name}")} rows added");
                    continue;
                }

                var (added, removed, revised) = Counts(newDb, fact);
                text.AppendLine(CultureInfo.InvariantCulture, $"  {fact.Name}: {added} added, {removed} removed, {revised} revised");
                largest.AddRange(Largest(newDb, fact));
            }

            var top = largest.OrderByDescending(l => l.Magnitude).Take(LargestShown).ToList();
            if (top.Count > 0)
            {
                text.AppendLine("  largest revisions:");
                foreach (var (_, line) in top)
                    text.AppendLine("    " + line);
            }

            return text.ToString().TrimEnd();
        }
        finally
        {
            Execute(newDb, $"detach {Alias}");
        }
    }

    private static string Join(Fact fact) =>
        string.Join(" and ", fact.Key.Select(k => $"n.{k} = o.{k}"));

    private static string Differs(Fact fact) =>
        string.Join(" or ", fact.Measures.Select(m => $"n.{m} is distinct from o.{m}"));

    private static (long Added, long Removed, long Revised) Counts(DuckDBConnection db, Fact fact)
    {
        using var command = db.CreateCommand();
        command.CommandText =
            $"select count(*) filter (where o.{fact.Key[0]} is null), count(*) filter (where n.{fact.Key[0]} is null), " +
            $"count(*) filter (where n.{fact.Key[0]} is not null and o.{fact.Key[0]} is not null and ({Differs(fact)})) " +
            $"from main.{fact.Name} as n full outer join {Alias}.main.{fact.Name} as o on {Join(fact)}";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private static IEnumerable<(double, string)> Largest(DuckDBConnection db, Fact fact)
    {
        var rows = new List<(double, string)>();
        foreach (string measure in fact.Measures)
        {
            using var command = db.CreateCommand();
            command.CommandText =
                $"select concat_ws(' ', {string.Join(", ", fact.Key.Select(k => $"cast(n.{k} as varchar)"))}), o.{measure}, n.{measure}, " +
                $"abs(n.{measure} - o.{measure}) / nullif(abs(o.{measure}), 0) as rel " +
                $"from main.{fact.Name} as n inner join {Alias}.main.{fact.Name} as o on {Join(fact)} " +
                $"where n.{measure} is distinct from o.{measure} order by rel desc nulls first limit {LargestShown}";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                string key = reader.GetString(0);
                string old = reader.IsDBNull(1) ? "missing" : reader.GetDouble(1).ToString("G6", CultureInfo.InvariantCulture);
                string now = reader.IsDBNull(2) ? "missing" : reader.GetDouble(2).ToString("G6", CultureInfo.InvariantCulture);
                double rel = reader.IsDBNull(3) ? double.PositiveInfinity : reader.GetDouble(3);
                string change = double.IsPositiveInfinity(rel) ? "" : string.Create(CultureInfo.InvariantCulture, $" ({rel * 100:F1}%)");
                rows.Add((rel, string.Create(CultureInfo.InvariantCulture, $"{fact.Name}.{measure} [{key}]: {old} → {now}{change}")));
            }
        }

        return rows;
    }

    private static bool Exists(DuckDBConnection db, string database, string table)
    {
        return db.ExecuteScalar<long>(
            "select count(*) from duckdb_tables() where database_name = $db and schema_name = 'main' and table_name = $table",
            new { db = database, table }) > 0;
    }

    private static long Count(DuckDBConnection db, string table)
    {
        using var command = db.CreateCommand();
        command.CommandText = $"select count(*) from {table}";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(DuckDBConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
