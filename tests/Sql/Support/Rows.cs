using Warehouse.Bench.Transform;

namespace Warehouse.Tests.Sql.Support;

/// <summary>Terse staging rows for hand-built cases.</summary>
public static class Rows
{
    private static int cell;

    public static StagingRow Provincial(int province, int year, string indicator, double? value, string unit, string source = "nbs_provincial", int? edition = null) =>
        new(source, edition, indicator, province, year, indicator, null, value, unit, "c".PadRight(64, 'c'), $"row {++cell}, col 2");

    public static StagingRow Employment(int province, int year, string sector, double? value, int edition = 2016) =>
        new("labour_yearbook", edition, "4-2", province, year, "urban_employment", sector, value, "10k persons", "e".PadRight(64, 'e'), $"row {++cell}, col 4");

    public static StagingRow Export(int province, int year, string group, double? value, int edition = 2016) =>
        new("hightech_yearbook", edition, "2-5", province, year, "hightech_export_delivery", group, value, "10k yuan", "h".PadRight(64, 'h'), $"row {++cell}, col 5");

    /// <summary>Employment of a province as the hand examples give it: total, manufacturing (C), producer services (all in G).</summary>
    public static IEnumerable<StagingRow> EmploymentTriple(int province, int year, double? total, double? manufacturing, double? services)
    {
        yield return Employment(province, year, "total", total);
        yield return Employment(province, year, "C", manufacturing);
        yield return Employment(province, year, "G", services);
        foreach (string s in new[] { "I", "J", "L", "M" })
            yield return Employment(province, year, s, 0);
    }
}
