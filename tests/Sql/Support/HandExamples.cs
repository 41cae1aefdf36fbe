using Warehouse.Bench.Transform;

namespace Warehouse.Tests.Sql.Support;

/// <summary>
/// The two hand examples of docs/architecture.md#formulas as staging rows: provinces A, B, C = Beijing (11), Tianjin (12),
/// Hebei (13) in 2015. Employment (total, manufacturing, producer services) A=(100,40,10), B=(200,40,40),
/// C=(100,20,30), the producer services all in section G (I, J, L, M published as zero); high-tech exports of
/// three products A=(6,3,1), B=(4,4,12), C=(0,5,5) with the other two products zero; GDP per capita (10,20,40).
/// </summary>
public static class HandExamples
{
    public const int Year = 2015;
    public static readonly int[] Provinces = [11, 12, 13];
    public static readonly string[] Products = ["pharma", "aerospace", "electronics_comm"];

    public static IEnumerable<StagingRow> Rows()
    {
        double[][] employment = [[100, 40, 10], [200, 40, 40], [100, 20, 30]];
        double[][] exports = [[6, 3, 1], [4, 4, 12], [0, 5, 5]];
        double[] gdpPerCapita = [10, 20, 40];
        for (int p = 0; p < 3; p++)
        {
            int code = Provinces[p];
            yield return Employment(code, "total", employment[p][0]);
            yield return Employment(code, "C", employment[p][1]);
            yield return Employment(code, "G", employment[p][2]);
            foreach (string section in new[] { "I", "J", "L", "M" })
                yield return Employment(code, section, 0);
            for (int k = 0; k < 3; k++)
                yield return Row("hightech_yearbook", Year + 1, "2-5", code, "hightech_export_delivery", Products[k], exports[p][k], "10k yuan");
            yield return Row("hightech_yearbook", Year + 1, "2-5", code, "hightech_export_delivery", "computers_office", 0, "10k yuan");
            yield return Row("hightech_yearbook", Year + 1, "2-5", code, "hightech_export_delivery", "medical_instruments", 0, "10k yuan");
            yield return Row("nbs_provincial", null, "gdp_per_capita", code, "gdp_per_capita", null, gdpPerCapita[p], "yuan");
        }
    }

    private static StagingRow Employment(int code, string sector, double value) =>
        Row("labour_yearbook", Year + 1, "4-2", code, "urban_employment", sector, value, "10k persons");

    private static StagingRow Row(string source, int? edition, string table, int code, string indicator, string? item, double value, string unit) =>
        new(source, edition, table, code, Year, indicator, item, value, unit, new string('a', 64), $"{indicator}:{code}:{item}");
}
