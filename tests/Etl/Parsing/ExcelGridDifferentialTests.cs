using System.Globalization;
using System.Text;
using ExcelDataReader;
using Warehouse.Demo;
using Warehouse.Demo.Economy;
using Warehouse.Etl.Parsing;

namespace Warehouse.Tests.Etl.Parsing;

/// <summary>
/// <see cref="ExcelGridReader"/> against a plain reading of the same workbooks written here for comparison: every sheet,
/// every cell through ExcelDataReader one value at a time, each cell's text formatted the obvious way, every merged range
/// copied cell by cell into new rows. The reader's economies (one value read per cell, rows completed in place, formats
/// parsed once) must give exactly the same grids on every workbook we have: the demo corpus, the fixtures and the real
/// samples (skipped when absent).
/// </summary>
[TestFixture]
public sealed class ExcelGridDifferentialTests
{
    [Test]
    public void Every_demo_workbook_gives_the_plain_reading()
    {
        var books = DemoMirror.Files(DemoEconomy.Create(DemoCorpus.DefaultSeed))
            .Where(f => TableReader.DetectFormat(f.Content, f.Path) is TableFormat.Xlsx or TableFormat.Xls)
            .Select(f => (f.Path, f.Content)).ToList();
        Assert.That(books, Is.Not.Empty);
        CompareAll(books);
    }

    [Test]
    public void Every_fixture_workbook_gives_the_plain_reading()
    {
        var books = Directory.EnumerateFiles(TestPaths.Fixture(string.Empty), "*", SearchOption.AllDirectories)
            .Where(p => !p.Contains("fuzz", StringComparison.Ordinal))
            .Select(p => (Path: p, Content: File.ReadAllBytes(p)))
            .Where(f => f.Content.Length > 0 && TableReader.DetectFormat(f.Content, f.Path) is TableFormat.Xlsx or TableFormat.Xls)
            .ToList();
        Assert.That(books, Has.Count.GreaterThanOrEqualTo(5));
        CompareAll(books);
    }

    [Test]
    public void Every_real_sample_workbook_gives_the_plain_reading()
    {
        var root = RepositoryPaths.RealSamples;
        if (!Directory.Exists(root))
            Assert.Ignore($"real samples folder {root} is absent");
        var books = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(p => (Path: p, Content: File.ReadAllBytes(p)))
            .Where(f => TableReader.DetectFormat(f.Content, f.Path) is TableFormat.Xlsx or TableFormat.Xls)
            .ToList();
        Assert.That(books, Is.Not.Empty);
        CompareAll(books);
    }

    private static void CompareAll(IEnumerable<(string Path, byte[] Content)> books)
    {
        Assert.Multiple(() =>
        {
            foreach (var (path, content) in books)
            {
                string expected;
                try
                {
                    expected = Dump(PlainReading(content, path));
                }
                catch (Exception ex) when (ex is not AssertionException)
                {
                    // The plain reading cannot open it (an encrypted workbook): the reader must refuse it too or read it.
                    TestContext.Out.WriteLine($"{path}: the plain reading fails ({ex.GetType().Name})");
                    continue;
                }

                Assert.That(Dump(ExcelGridReader.Read(content, path)), Is.EqualTo(expected), path);
            }
        });
    }

    private static List<Grid> PlainReading(byte[] content, string source)
    {
        using var stream = new MemoryStream(content, writable: false);
        using var reader = ExcelReaderFactory.CreateReader(stream, new ExcelReaderConfiguration { FallbackEncoding = Encoding.GetEncoding("gb18030") });
        var sheets = new List<(string Name, List<(int Index, GridCell[] Cells)> Rows, CellRange[] Merges)>();
        do
        {
            var rows = new List<(int, GridCell[])>();
            for (var r = 0; reader.Read(); r++)
            {
                var values = Enumerable.Range(0, reader.FieldCount).Select(reader.GetValue).ToArray();
                var last = Array.FindLastIndex(values, v => v is not null and not "");
                if (last < 0)
                    continue;
                rows.Add((r, Enumerable.Range(0, last + 1).Select(c => PlainCell(values[c], reader.GetNumberFormatString(c), c)).ToArray()));
            }

            sheets.Add((reader.Name, rows, reader.MergeCells ?? []));
        }
        while (reader.NextResult());

        var grids = new List<Grid>();
        foreach (var (name, rows, merges) in sheets)
        {
            var prefix = sheets.Count > 1 ? name + "!" : string.Empty;
            var width = rows.Count == 0 ? 0 : rows.Max(r => r.Cells.Length);
            var grid = rows.Select(row => Enumerable.Range(0, width).Select(c => c < row.Cells.Length
                ? row.Cells[c] with { Location = prefix + ExcelGridReader.A1(row.Index, c) }
                : new GridCell(string.Empty, prefix + ExcelGridReader.A1(row.Index, c), c, 1)).ToArray()).ToList();
            foreach (var m in merges)
            {
                var origin = rows.FindIndex(r => r.Index == m.FromRow);
                if (m.FromColumn >= width || origin < 0)
                    continue;
                var to = Math.Min(m.ToColumn, width - 1);
                var cell = grid[origin][m.FromColumn] with { SpanStart = m.FromColumn, SpanWidth = to - m.FromColumn + 1 };
                for (var i = origin; i < rows.Count && rows[i].Index <= m.ToRow; i++)
                {
                    for (var c = m.FromColumn; c <= to; c++)
                        grid[i][c] = cell;
                }
            }

            grids.Add(new Grid(sheets.Count > 1 ? $"{source} [{name}]" : source, grid));
        }

        return grids;
    }

    private static GridCell PlainCell(object? value, string? format, int column)
    {
        if (value is not (double or int))
        {
            var text = value switch
            {
                null => string.Empty,
                string s => s,
                DateTime dt => dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                bool b => b ? "TRUE" : "FALSE",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString() ?? string.Empty,
            };
            return new GridCell(text, string.Empty, column, 1);
        }

        var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
        var plain = value is double d ? d.ToString("R", CultureInfo.InvariantCulture) : ((int)value).ToString(CultureInfo.InvariantCulture);
        if (string.IsNullOrEmpty(format) || format == "General" || new ExcelNumberFormat.NumberFormat(format) is not { IsValid: true } parsed)
            return new GridCell(plain, string.Empty, column, 1, number, false);
        return new GridCell(parsed.Format(number, CultureInfo.InvariantCulture), string.Empty, column, 1, number, ExcelGridReader.IsPercentFormat(format));
    }

    private static string Dump(IReadOnlyList<Grid> grids)
    {
        var sb = new StringBuilder();
        foreach (var grid in grids)
        {
            sb.Append("grid ").Append(grid.Source).Append('\n');
            foreach (var row in grid.Rows)
                sb.AppendJoin(" | ", row.Select(c => $"{c.Text}@{c.Location}[{c.SpanStart}+{c.SpanWidth}]{c.Stored?.ToString("R", CultureInfo.InvariantCulture)}{(c.IsPercent ? "%" : string.Empty)}")).Append('\n');
        }

        return sb.ToString();
    }
}
