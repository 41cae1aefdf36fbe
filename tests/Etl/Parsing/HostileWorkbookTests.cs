using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Warehouse.Demo;
using Warehouse.Demo.Economy;
using Warehouse.Tests.Support;

namespace Warehouse.Tests.Etl.Parsing;

/// <summary>
/// Hostile workbooks built from the demo 4-2 workbook, read by a real <c>warehouse extract</c> child process whose heap
/// is capped at 1 GB: a regression that materialises the sheet fails this test (out of memory, exit code not 1) instead
/// of taking the machine down. Each file must be answered: read, or refused with the broken limit and where.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed partial class HostileWorkbookTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private string folder = null!;
    private byte[] demo = null!;

    [OneTimeSetUp]
    public void WriteDemoWorkbook()
    {
        folder = TestPaths.TempFolder();
        demo = DemoMirror.Files(DemoEconomy.Create(DemoCorpus.DefaultSeed))
            .First(f => f.Path.EndsWith("/2024/urban_employment_by_sector.xlsx", StringComparison.Ordinal)).Content;
    }

    [OneTimeTearDown]
    public void RemoveFolder() => Directory.Delete(folder, recursive: true);

    [Test]
    public async Task One_numeric_cell_at_XFD1048576_is_refused_naming_the_limit_sheet_and_cell()
    {
        var path = Write("xfd.xlsx", WithCell(demo, "XFD1048576"));
        var (exit, stdout, stderr) = await ExtractInChildAsync(path);
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(1), stderr);
            Assert.That(stderr, Does.Contain("MaxSheetExtent").And.Contain("xfd.xlsx").And.Contain("cell XFD1048576").And.Contain("16384 columns"));
            Assert.That(stderr, Does.Not.Contain("   at "), "no stack trace");
            Assert.That(stdout, Is.Empty);
        });
    }

    [Test]
    public async Task One_cell_at_A1048576_costs_one_row_and_the_table_still_reads()
    {
        var path = Write("a1m.xlsx", WithCell(demo, "A1048576"));
        var (exit, stdout, stderr) = await ExtractInChildAsync(path);
        var (_, expected, _) = await ExtractInChildAsync(Write("demo.xlsx", demo));
        Assert.That(exit, Is.EqualTo(0), stderr);
        Assert.That(stdout, Is.EqualTo(expected), "the stray cell adds nothing to the table");
    }

    [Test]
    public async Task SharedStrings_inflating_to_gigabytes_are_refused_from_the_zip_directory()
    {
        var path = Write("bomb.xlsx", WithSharedStringsBomb(demo, 3L << 30));
        Assert.That(new FileInfo(path).Length, Is.LessThan(16 << 20), "the bomb is small on disk");
        var (exit, _, stderr) = await ExtractInChildAsync(path);
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(1), stderr);
            Assert.That(stderr, Does.Contain("MaxZipPartBytes").And.Contain("part 'xl/sharedStrings.xml'").And.Contain("bomb.xlsx"));
        });
    }

    [Test]
    public async Task A_part_far_more_compressed_than_a_workbook_is_refused_by_its_ratio()
    {
        var path = Write("ratio.xlsx", WithSharedStringsBomb(demo, 64L << 20));
        var (exit, _, stderr) = await ExtractInChildAsync(path);
        Assert.That(exit, Is.EqualTo(1), stderr);
        Assert.That(stderr, Does.Contain("MaxZipCompressionRatio").And.Contain("part 'xl/sharedStrings.xml'"));
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>The workbook with one more numeric cell (and its dimension stretched to it).</summary>
    private static byte[] WithCell(byte[] workbook, string reference) => Rewrite(workbook, (name, data, archive) =>
    {
        if (!name.StartsWith("xl/worksheets/", StringComparison.Ordinal))
            return false;
        var row = int.Parse(RowOf().Match(reference).Value, System.Globalization.CultureInfo.InvariantCulture);
        var xml = Encoding.UTF8.GetString(data)
            .Replace("</sheetData>", $"<row r=\"{row}\"><c r=\"{reference}\"><v>1</v></c></row></sheetData>", StringComparison.Ordinal);
        xml = Dimension().Replace(xml, $"<dimension ref=\"A1:{reference}\"/>");
        using var stream = archive.CreateEntry(name).Open();
        stream.Write(Encoding.UTF8.GetBytes(xml));
        return true;
    });

    /// <summary>The workbook whose shared strings go on with tiny strings until they inflate to <paramref name="inflated"/> bytes.</summary>
    private static byte[] WithSharedStringsBomb(byte[] workbook, long inflated) => Rewrite(workbook, (name, data, archive) =>
    {
        if (name != "xl/sharedStrings.xml")
            return false;
        var xml = Encoding.UTF8.GetString(data);
        var cut = xml.LastIndexOf("</sst>", StringComparison.Ordinal);
        using var stream = archive.CreateEntry(name, CompressionLevel.SmallestSize).Open();
        stream.Write(Encoding.UTF8.GetBytes(xml[..cut]));
        var chunk = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("<si><t>x</t></si>", 1 << 16)));
        for (long written = 0; written < inflated; written += chunk.Length)
            stream.Write(chunk);
        stream.Write("</sst>"u8);
        return true;
    });

    private static byte[] Rewrite(byte[] workbook, Func<string, byte[], ZipArchive, bool> replace)
    {
        using var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(workbook), ZipArchiveMode.Read))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var buffer = new MemoryStream();
                using (var input = entry.Open())
                    input.CopyTo(buffer);
                if (replace(entry.FullName, buffer.ToArray(), target))
                    continue;
                using var copy = target.CreateEntry(entry.FullName).Open();
                copy.Write(buffer.ToArray());
            }
        }

        return output.ToArray();
    }

    /// <summary>Runs <c>warehouse extract --raw</c> on the file in a child process with a 1 GB hard heap limit.</summary>
    internal static Task<(int Exit, string Stdout, string Stderr)> ExtractInChildAsync(string path) =>
        WarehouseChild.RunAsync(Patience, ["extract", "--input", path, "--raw", "--format", "csv"],
            new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "0x40000000" });

    [GeneratedRegex(@"\d+$")]
    private static partial Regex RowOf();

    [GeneratedRegex("<dimension ref=\"[^\"]*\"/>")]
    private static partial Regex Dimension();
}
