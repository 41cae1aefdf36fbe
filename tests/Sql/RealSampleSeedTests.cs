using System.Text;
using Warehouse.Tests.Sql.Support;

namespace Warehouse.Tests.Sql;

/// <summary>
/// The seed dimensions against a real NBS portal export (../shared/real-samples): every province it prints
/// is in dim_province under its full official name, and every sector column is a GB/T 4754-2017 section of
/// dim_sector (compared without the portal's "城镇单位就业人员 (万人)" suffix and its punctuation variants).
/// </summary>
[TestFixture]
public sealed class RealSampleSeedTests
{
    private static string Sample(string file)
    {
        string path = Path.Combine(RepositoryPaths.RealSamples, "nbs-portal", file);
        if (!File.Exists(path))
            Assert.Ignore($"real sample {file} absent (../shared/real-samples is not here)");
        return path;
    }

    /// <summary>Cells of the export: tab-comma delimited, padded, trailing comma; data rows end at the 注/数据来源 footer.</summary>
    private static List<string[]> Rows(string path) =>
        File.ReadAllLines(path, Encoding.UTF8)
            .Skip(2)
            .TakeWhile(l => !l.StartsWith("注", StringComparison.Ordinal) && !l.StartsWith("数据来源", StringComparison.Ordinal))
            .Where(l => l.Length > 0)
            .Select(l => l.Split("\t,").Select(c => c.Trim().TrimEnd(',').Trim()).ToArray())
            .ToList();

    /// <summary>The name without punctuation and a trailing 业, so 农林牧渔业 = 农、林、牧、渔业 and 教育业 = 教育.</summary>
    private static string Comparable(string name) =>
        new string(name.Where(c => c is not ('、' or '，' or ',')).ToArray()).TrimEnd('业');

    [Test]
    public void Every_province_of_the_real_export_is_in_dim_province_by_its_full_name()
    {
        var rows = Rows(Sample("fsnd_urban_employment_by_sector_2024.csv"));
        using var warehouse = new TestWarehouse();
        warehouse.Transform();
        var fullNames = warehouse.Rows("select name_zh_full from dim_province").Select(r => (string)r["name_zh_full"]!).ToHashSet();
        var printed = rows.Skip(1).Select(r => r[0]).ToList();
        Assert.That(printed, Has.Count.EqualTo(31));
        Assert.That(printed.Where(p => !fullNames.Contains(p)), Is.Empty);
    }

    [Test]
    public void Every_sector_column_of_the_real_export_is_a_section_of_dim_sector()
    {
        var header = Rows(Sample("fsnd_urban_employment_by_sector_2024.csv"))[0];
        var sectors = header.Skip(2).Where(h => h.Length > 0)
            .Select(h => h[..h.IndexOf("城镇单位就业人员", StringComparison.Ordinal)])
            .ToList();
        using var warehouse = new TestWarehouse();
        warehouse.Transform();
        var names = warehouse.Rows("select sector_code, name_zh from dim_sector where not is_total")
            .ToDictionary(r => Comparable((string)r["name_zh"]!), r => (string)r["sector_code"]!);
        Assert.That(sectors, Has.Count.EqualTo(19));
        Assert.That(sectors.Where(s => !names.ContainsKey(Comparable(s))), Is.Empty);
        Assert.That(sectors.Select(s => names[Comparable(s)]), Is.Unique);
    }
}
