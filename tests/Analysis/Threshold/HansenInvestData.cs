using DuckDB.NET.Data;

namespace Warehouse.Tests.Analysis.Threshold;

/// <summary>Hansen's (1999) investment panel from <c>../shared/reference/hansen1999_invest.csv</c>, turned into the
/// variables of his model by DuckDB: i_t and, lagged one year within firm, q, q², q³, d, q·d and c (the first year
/// drops out, leaving 565 firms × 14 years = 7910 rows).</summary>
internal static class HansenInvestData
{
    public static string Source => Path.Combine(RepositoryPaths.Root, "..", "shared", "reference", "hansen1999_invest.csv");

    /// <summary>Writes the model's CSV into <paramref name="dir"/> and returns its path; ignores the test when the
    /// shared reference file is absent.</summary>
    public static string WriteModelCsv(string dir)
    {
        if (!File.Exists(Source)) Assert.Ignore($"{Source} absent");
        var path = Path.Combine(dir, "hansen_model.csv");
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            copy (
              with lagged as (
                select firm, year, i,
                       lag(q) over w as q1, lag(c) over w as c1, lag(d) over w as d1
                from read_csv_auto('{Source.Replace("'", "''", StringComparison.Ordinal)}', header = true)
                window w as (partition by firm order by year)
              )
              select firm, year, i, q1, q1 * q1 as q2, q1 * q1 * q1 as q3, d1, q1 * d1 as qd1, c1
              from lagged where q1 is not null order by firm, year
            ) to '{path.Replace("'", "''", StringComparison.Ordinal)}' (header, delimiter ',')
            """;
        command.ExecuteNonQuery();
        return path;
    }
}
