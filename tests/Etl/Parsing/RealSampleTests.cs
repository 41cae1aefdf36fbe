using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using Warehouse.Etl.Config.Profiles;
using Warehouse.Etl.Normalizing;
using Warehouse.Etl.Parsing;
using Warehouse.Etl.Vocabulary;
using Warehouse.Tests.Etl.Normalizing;

namespace Warehouse.Tests.Etl.Parsing;

/// <summary>
/// The real published files in ../shared/real-samples (skipped when absent): every data cell the readers report is
/// checked against an independent reading of the same file (OpenXml SDK for xlsx, a plain split for the CSVs), and
/// every row label maps to a province, the national total or a region.
/// </summary>
[TestFixture]
public sealed class RealSampleTests
{
    [TestCase("sti-yearbook/hightech_rd_by_region_2023.xlsx", 2, 14, 36 * 14)]
    [TestCase("sti-yearbook/hightech_operation_by_region_2010.xlsx", 1, 3, 35 * 3)]
    [TestCase("sti-yearbook/hightech_operation_by_region_2023.xlsx", 1, 3, 36 * 3)]
    public void Every_cell_of_the_sti_workbooks_matches_the_sheet(string sample, int tables, int columns, int cells)
    {
        var path = TestPaths.RealSample(sample);
        var doc = TableReader.Read(File.ReadAllBytes(path), path);
        var sheet = ReadSheetIndependently(path);
        Assert.That(doc.Tables, Has.Count.EqualTo(tables));
        Assert.That(doc.Tables.Sum(t => t.Columns.Count), Is.EqualTo(columns));
        var checkedCells = 0;
        foreach (var table in doc.Tables)
        {
            foreach (var cell in table.Rows.SelectMany(r => r.Cells))
            {
                Assert.That(cell.IsInvalid, Is.False, cell.Location);
                var printed = sheet.GetValueOrDefault(cell.Location, string.Empty).Trim();
                if (printed.Length == 0)
                    Assert.That(cell.IsMissing, Is.True, $"{cell.Location} is blank in the sheet");
                else
                    Assert.That(cell.Value, Is.EqualTo(double.Parse(printed, CultureInfo.InvariantCulture)), cell.Location);
                checkedCells++;
            }
        }

        Assert.That(checkedCells, Is.EqualTo(cells));
    }

    [Test]
    public void Beijing_row_of_the_2023_rd_table_with_its_export_column()
    {
        var path = TestPaths.RealSample("sti-yearbook/hightech_rd_by_region_2023.xlsx");
        var first = TableReader.Read(File.ReadAllBytes(path), path).Tables[0];
        var beijing = first.Rows.Single(r => r.Label == "北京 Beijing");
        var export = first.Columns.Single(c => c.Label == "#出口 Export");
        Assert.Multiple(() =>
        {
            Assert.That(first.TableNumber, Is.EqualTo("5-4"));
            Assert.That(first.Year, Is.EqualTo(2023));
            Assert.That(first.UnitLines, Is.EqualTo(new[] { "单位:万元", "(10000 yuan)" }));
            Assert.That(export.IsOfWhich, Is.True);
            Assert.That(first.Columns[export.ParentIndex!.Value].Label, Does.StartWith("新产品销售收入"));
            Assert.That(beijing.Cells[first.Columns.ToList().IndexOf(export)].Value, Is.EqualTo(7843952));
            Assert.That(beijing.Cells[first.Columns.ToList().IndexOf(export)].Location, Is.EqualTo("I12"));
            Assert.That(beijing.Cells[0].Value, Is.EqualTo(222));
            Assert.That(first.Columns[2].Unit, Is.EqualTo("万元"));
        });
    }

    [Test]
    public void The_continued_part_of_the_rd_table_keeps_its_own_columns_and_of_which()
    {
        var path = TestPaths.RealSample("sti-yearbook/hightech_rd_by_region_2023.xlsx");
        var continued = TableReader.Read(File.ReadAllBytes(path), path).Tables[1];
        Assert.That(continued.IsContinuation, Is.True);
        Assert.That(continued.Title, Does.StartWith("5-4 各地区高技术产业R&D活动"));
        Assert.That(continued.Columns[1].Label, Is.EqualTo("#发明专利 Inventions"));
        Assert.That(continued.Columns[1].ParentIndex, Is.EqualTo(0));
        Assert.That(continued.Rows.Single(r => r.Label == "上海 Shanghai").Cells[1].Value, Is.EqualTo(8239));
    }

    [TestCase("sti-yearbook/hightech_rd_by_region_2023.xlsx", 4)]
    [TestCase("sti-yearbook/hightech_operation_by_region_2010.xlsx", 3)]
    [TestCase("sti-yearbook/hightech_operation_by_region_2023.xlsx", 4)]
    [TestCase("nbs-portal/fsnd_gdp_by_sector_2023.csv", 0)]
    [TestCase("nbs-portal/fsnd_urban_employment_by_sector_2024.csv", 0)]
    [TestCase("nbs-portal/fsnd_urban_employment_total_2016_2024.csv", 0)]
    public void Row_labels_map_to_31_provinces_with_regions_kept_out(string sample, int regions)
    {
        var path = TestPaths.RealSample(sample);
        foreach (var table in TableReader.Read(File.ReadAllBytes(path), path).Tables)
        {
            var places = table.Rows.Select(r => ProvinceCatalog.Resolve(r.Label)).ToList();
            Assert.That(places.Count(p => p.Kind == PlaceKind.Unknown), Is.Zero, string.Join(", ", table.Rows.Select(r => r.Label)));
            Assert.That(places.Where(p => p.Kind == PlaceKind.Province).Select(p => p.Code).Distinct().Order(),
                Is.EqualTo(ProvinceCatalog.AllCodes.Order()));
            Assert.That(places.Count(p => p.Kind == PlaceKind.Region), Is.EqualTo(regions));
            Assert.That(places.Count(p => p.Kind == PlaceKind.National), Is.EqualTo(regions == 0 ? 0 : 1));
        }
    }

    [TestCase("nbs-portal/fsnd_gdp_by_sector_2023.csv", 31 * 14)]
    [TestCase("nbs-portal/fsnd_urban_employment_by_sector_2024.csv", 31 * 20)]
    [TestCase("nbs-portal/fsnd_urban_employment_total_2016_2024.csv", 31 * 9)]
    public void Every_cell_of_the_portal_exports_matches_a_plain_split(string sample, int cells)
    {
        var path = TestPaths.RealSample(sample);
        var table = TableReader.Read(File.ReadAllBytes(path), path).Tables.Single();
        var lines = File.ReadAllText(path, Encoding.UTF8).Split('\n');
        var checkedCells = 0;
        foreach (var cell in table.Rows.SelectMany(r => r.Cells))
        {
            var parts = cell.Location.Replace("row ", string.Empty, StringComparison.Ordinal).Replace(" col ", string.Empty, StringComparison.Ordinal).Split(',');
            var fields = lines[int.Parse(parts[0], CultureInfo.InvariantCulture) - 1].Split('\t');
            var printed = fields[int.Parse(parts[1], CultureInfo.InvariantCulture) - 1].TrimStart(',').Trim();
            if (printed.Length == 0)
                Assert.That(cell.IsMissing, Is.True, cell.Location);
            else
                Assert.That(cell.Value, Is.EqualTo(double.Parse(printed, CultureInfo.InvariantCulture)), cell.Location);
            checkedCells++;
        }

        Assert.That(checkedCells, Is.EqualTo(cells));
    }

    [Test]
    public void The_portal_employment_by_sector_export_maps_to_observations()
    {
        var path = TestPaths.RealSample("nbs-portal/fsnd_urban_employment_by_sector_2024.csv");
        var doc = TableReader.Read(File.ReadAllBytes(path), path);
        Assert.That(ProfileLoader.Bundled.Detect(doc), Is.SameAs(TestProfiles.UrbanEmploymentBySector));
        var obs = ProfileApplier.Apply(doc, TestProfiles.UrbanEmploymentBySector, new ProfileContext("nbs", null, "employment", "sha")).Observations;
        Assert.That(obs, Has.Count.EqualTo(31 * 20));
        Assert.That(obs.Select(o => o.Item).Distinct().Order(), Is.EqualTo("ABCDEFGHIJKLMNOPQRS".Select(c => c.ToString()).Append("total").Order()));
        Assert.That(obs.Single(o => o.ProvinceCode == 11 && o.Item == "total").Value, Is.EqualTo(763.6));
        Assert.That(obs.Single(o => o.ProvinceCode == 11 && o.Item == "I").Value, Is.EqualTo(101.1));
        Assert.That(obs.All(o => o.Year == 2024), Is.True);
    }

    [Test]
    public void The_portal_gdp_export_yields_gdp_and_gdp_per_capita()
    {
        var path = TestPaths.RealSample("nbs-portal/fsnd_gdp_by_sector_2023.csv");
        var doc = TableReader.Read(File.ReadAllBytes(path), path);
        var gdp = ProfileApplier.Apply(doc, TestProfiles.NbsProvincialIndicator, new ProfileContext("nbs_provincial", null, "gdp", "sha")).Observations;
        var perCapita = ProfileApplier.Apply(doc, TestProfiles.NbsProvincialIndicator, new ProfileContext("nbs_provincial", null, "gdp_per_capita", "sha")).Observations;
        Assert.That(gdp, Has.Count.EqualTo(31));
        Assert.That(gdp.Single(o => o.ProvinceCode == 11).Value, Is.EqualTo(47353.7));
        Assert.That(perCapita.Single(o => o.ProvinceCode == 11).Value, Is.EqualTo(216722));
        Assert.That(perCapita.All(o => o.Year == 2023 && o.Unit == "yuan"), Is.True);
    }

    /// <summary>A1 reference → text of every cell, read straight from the package XML (not through ExcelDataReader).</summary>
    private static Dictionary<string, string> ReadSheetIndependently(string path)
    {
        XNamespace ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        using var zip = ZipFile.OpenRead(path);
        string[] shared = [];
        if (zip.GetEntry("xl/sharedStrings.xml") is { } sst)
        {
            using var stream = sst.Open();
            shared = XDocument.Load(stream).Root!.Elements(ns + "si").Select(si => string.Concat(si.Descendants(ns + "t").Select(t => t.Value))).ToArray();
        }

        var sheetEntry = zip.Entries.Single(e => e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal));
        using var sheetStream = sheetEntry.Open();
        var cells = new Dictionary<string, string>();
        foreach (var c in XDocument.Load(sheetStream).Descendants(ns + "c"))
        {
            var type = (string?)c.Attribute("t");
            var value = c.Element(ns + "v")?.Value ?? string.Empty;
            cells[(string)c.Attribute("r")!] = type switch
            {
                "s" => shared[int.Parse(value, CultureInfo.InvariantCulture)],
                "inlineStr" => string.Concat(c.Descendants(ns + "t").Select(t => t.Value)),
                _ => value,
            };
        }

        return cells;
    }
}
