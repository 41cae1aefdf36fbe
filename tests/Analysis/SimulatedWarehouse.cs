using DuckDB.NET.Data;
using Warehouse.Demo.Economy;

namespace Warehouse.Tests.Analysis;

/// <summary>A DuckDB file with a 420-row <c>panel</c> table of the SQL model's columns (30 provinces × 2010–2023,
/// simulated with known coefficients) and a <c>meta.run</c> row, so the report can be tested before the SQL
/// model lands.</summary>
internal static class SimulatedWarehouse
{
    /// <summary>The default sample (Tibet out) from the demo economy's province list, belt by belt as the paper lists them.</summary>
    public static readonly (int Code, string Name, string Region)[] Provinces = DemoProvinces.All
        .Where(p => p.InDefaultSample)
        .OrderBy(p => p.Belt)
        .ThenBy(p => p.Code)
        .Select(p => ((int)p.Code, p.Short, p.Belt.ToString().ToLowerInvariant()))
        .ToArray();

    /// <summary>True coefficients of the simulated model (two-way FE): ln_etc = 2.0 co − 0.4 co² + 0.3 rd + … .</summary>
    public const double CoLinear = 2.0;
    public const double CoSquared = -0.4;

    public static string Create(string path, bool isDemo, string runId = "20260101T000000Z-test", int seed = 7)
    {
        if (File.Exists(path)) File.Delete(path);
        using var connection = new DuckDBConnection($"Data Source={path}");
        connection.Open();
        Exec(connection, File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "sql", "schema", "000_schemas.sql")));
        Exec(connection, File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "sql", "schema", "010_meta.sql")));
        Exec(connection, $"""
            insert into meta.run (run_id, pipeline, started_at, finished_at, status, is_demo)
            values ('older-run', 'nightly', timestamptz '2025-12-01 00:00:00+00', timestamptz '2025-12-01 00:10:00+00', 'succeeded', false),
                   ('{runId}', 'nightly', timestamptz '2026-01-01 00:00:00+00', timestamptz '2026-01-01 00:10:00+00', 'succeeded', {(isDemo ? "true" : "false")}),
                   ('failed-run', 'nightly', timestamptz '2026-01-02 00:00:00+00', timestamptz '2026-01-02 00:01:00+00', 'failed', false)
            """);
        Exec(connection, """
            create table panel (province_code smallint, province varchar, region varchar, year smallint, ln_etc double,
              co double, co_sq double, rd double, fin double, fdi double, ti double, open double, ln_gdp_pc double)
            """);
        var rng = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var yearEffect = Enumerable.Range(0, 14).Select(t => 0.05 * t + 0.1 * Normal()).ToArray();
        using (var appender = connection.CreateAppender("panel"))
        {
            foreach (var (code, name, region) in Provinces)
            {
                var alpha = Normal();
                var coLevel = 2.2 + 0.4 * Normal();
                for (var t = 0; t < 14; t++)
                {
                    var co = coLevel + 0.02 * t + 0.35 * Normal();
                    var rd = 0.02 + 0.005 * Normal();
                    var fin = 1.2 + 0.2 * Normal();
                    var fdi = 0.03 + 0.01 * Normal();
                    var ti = 0.8 + 0.1 * Normal();
                    var open = 0.3 + 0.1 * Normal();
                    var lnGdp = 10 + 0.05 * t + 0.3 * alpha + 0.1 * Normal();
                    var y = 8 + alpha + yearEffect[t] + CoLinear * co + CoSquared * co * co + 3 * rd + 0.1 * fin + 0.5 * fdi + 0.2 * ti + 0.3 * open + 0.15 * Normal();
                    appender.CreateRow()
                        .AppendValue((short)code).AppendValue(name).AppendValue(region).AppendValue((short)(2010 + t))
                        .AppendValue(y).AppendValue(co).AppendValue(co * co).AppendValue(rd).AppendValue(fin)
                        .AppendValue(fdi).AppendValue(ti).AppendValue(open).AppendValue(lnGdp)
                        .EndRow();
                }
            }
        }
        return path;
    }

    private static void Exec(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
