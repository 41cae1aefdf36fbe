using System.Globalization;
using System.Text;
using Warehouse.Analysis.Data;

namespace Warehouse.Tests.Analysis;

/// <summary>
/// The Sep reader (<see cref="CsvColumnReader"/>) takes a file only when it reads it as DuckDB's <c>read_csv</c> path
/// does: each file here is read both ways and the estimation frames must agree bit for bit (numbers, kept rows, factor
/// codes, labels, extras, rows dropped). Files it must give back to DuckDB are checked to be given back, and that
/// <see cref="PanelLoader.ReadCsv"/> then answers as DuckDB does, error message included.
/// </summary>
[TestFixture]
public sealed class CsvColumnReaderTests
{
    private string folder = null!;

    [SetUp]
    public void Scratch() => folder = TestPaths.Scratch("csv-column-reader");

    [TearDown]
    public void Remove() => Directory.Delete(folder, recursive: true);

    private static readonly PanelRequest Model = new("y", ["x"], ["firm", "year"], ["firm"]) { Extra = ["w"] };

    private static readonly CsvMissingCells Missing = new(PanelLoader.DefaultMissingTokens);

    private string Write(string text, string name = "data.csv", Encoding? encoding = null)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text, encoding ?? new UTF8Encoding(false));
        return path;
    }

    /// <summary>A panel of <paramref name="rows"/> rows: text or integer firm ids, a year, x, y, an extra w; every
    /// 97th row has a missing y, every 89th a missing firm, every 83rd a missing w.</summary>
    private static string Panel(int rows, bool textIds, string separator = ",", string newline = "\n", bool quoteIds = false)
    {
        var random = new Random(rows);
        var text = new StringBuilder($"y{separator}x{separator}firm{separator}year{separator}w{newline}");
        for (var i = 0; i < rows; i++)
        {
            var firm = random.Next(0, 2000);
            var id = textIds ? $"firm {firm:0000}" : (firm * 7919L).ToString(CultureInfo.InvariantCulture);
            if (quoteIds) id = $"\"{id}\"";
            if (i % 89 == 5) id = "NA";
            var y = i % 97 == 3 ? "" : (random.NextDouble() * 100 - 50).ToString("R", CultureInfo.InvariantCulture);
            var x = (random.NextDouble() * 1e-3).ToString(i % 2 == 0 ? "R" : "E10", CultureInfo.InvariantCulture);
            var w = i % 83 == 7 ? "." : random.Next(-5, 5).ToString(CultureInfo.InvariantCulture);
            text.Append(string.Join(separator, y, x, id, 2000 + (i % 14), w)).Append(newline);
        }

        return text.ToString();
    }

    private static void AssertSameFrame(EstimationData expected, EstimationData actual)
    {
        Assert.That(actual.RowsDroppedMissing, Is.EqualTo(expected.RowsDroppedMissing), "rows dropped");
        Assert.That(actual.Y, Is.EqualTo(expected.Y), "y");
        Assert.That(actual.X.Count, Is.EqualTo(expected.X.Count));
        for (var k = 0; k < expected.X.Count; k++) Assert.That(actual.X[k], Is.EqualTo(expected.X[k]), $"x{k}");
        foreach (var (e, a) in expected.FixedEffects.Concat(expected.Clusters).Zip(actual.FixedEffects.Concat(actual.Clusters)))
        {
            Assert.That(a.Name, Is.EqualTo(e.Name));
            Assert.That(a.Levels, Is.EqualTo(e.Levels), e.Name);
            Assert.That(a.Codes, Is.EqualTo(e.Codes), e.Name);
            Assert.That(a.Labels, Is.EqualTo(e.Labels), e.Name);
        }

        Assert.That(actual.Extra.Keys, Is.EquivalentTo(expected.Extra.Keys));
        foreach (var (name, values) in expected.Extra) Assert.That(actual.Extra[name], Is.EqualTo(values), name);
    }

    /// <summary>Reads <paramref name="path"/> with the Sep reader (which must take it) and through DuckDB.</summary>
    private static (EstimationData Sep, EstimationData DuckDb) BothWays(string path, PanelRequest request)
    {
        var (numeric, ids) = (new List<string> { request.Y }.Concat(request.X).ToList(),
            request.FixedEffects.Concat(request.Clusters).Distinct().ToList());
        var sep = CsvColumnReader.TryRead(path, request, numeric, ids, request.Extra.Except(numeric).Except(ids).ToList(), Missing);
        Assert.That(sep, Is.Not.Null, "the Sep reader gave the file back to DuckDB");
        return (sep!.Index(), PanelLoader.ReadCsvThroughDuckDb(path, request).Index());
    }

    private static RawPanel? SepOnly(string path, PanelRequest request)
    {
        var numeric = new List<string> { request.Y }.Concat(request.X).ToList();
        var ids = request.FixedEffects.Concat(request.Clusters).Distinct().ToList();
        return CsvColumnReader.TryRead(path, request, numeric, ids, request.Extra.Except(numeric).Except(ids).ToList(), Missing);
    }

    [TestCase(false, ",", "\n")]
    [TestCase(true, ",", "\n")]
    [TestCase(true, ";", "\r\n")]
    [TestCase(false, "\t", "\n")]
    [TestCase(false, "|", "\r\n")]
    public void A_small_file_reads_as_DuckDB_reads_it(bool textIds, string separator, string newline)
    {
        var (sep, duck) = BothWays(Write(Panel(5_000, textIds, separator, newline)), Model);
        Assert.That(sep.RowsDroppedMissing, Is.GreaterThan(0), "the panel has missing cells");
        AssertSameFrame(duck, sep);
    }

    [Test]
    public void A_file_cut_into_ranges_on_both_cores_reads_as_DuckDB_reads_it_text_ids_numbered_over_the_whole_file()
    {
        // Over 8 MiB: two ranges whenever the machine has two cores; text ids first seen in the second range must
        // follow those of the first, as in one pass.
        var path = Write(Panel(200_000, textIds: true));
        Assert.That(new FileInfo(path).Length, Is.GreaterThan(8L << 20));
        var (sep, duck) = BothWays(path, Model);
        AssertSameFrame(duck, sep);
    }

    [Test]
    public void Quoted_ids_a_byte_order_mark_and_integer_ids_beyond_32_bits_read_as_DuckDB_reads_them()
    {
        var text = Panel(3_000, textIds: true, quoteIds: true);
        var (sep, duck) = BothWays(Write(text, encoding: new UTF8Encoding(true)), Model);
        AssertSameFrame(duck, sep);

        var wide = Panel(3_000, textIds: false).Replace(",2001,", ",9000000000001,", StringComparison.Ordinal);
        (sep, duck) = BothWays(Write(wide, "wide.csv"), Model);
        Assert.That(sep.FixedEffects[1].Labels, Does.Contain("9000000000001"));
        AssertSameFrame(duck, sep);
    }

    [Test]
    public void A_quoted_line_break_in_a_column_the_model_does_not_use_is_read_on_one_core_and_right()
    {
        // A note with a line break inside quotes near the middle of a file over 8 MiB: a range cut there would begin
        // inside the field. Having seen a quote, the reader parses the file again in one range.
        var lines = Panel(200_000, textIds: false).Split('\n');
        var body = new StringBuilder(lines[0] + ",note\n");
        for (var i = 1; i < lines.Length - 1; i++)
            body.Append(lines[i]).Append(i % 1000 == 0 ? ",\"two\nlines\"\n" : ",plain\n");
        var (sep, duck) = BothWays(Write(body.ToString()), Model);
        Assert.That(sep.Rows + sep.RowsDroppedMissing, Is.EqualTo(200_000));
        AssertSameFrame(duck, sep);
    }

    [TestCase("y,x,firm,year,w\n1.5,oops,a,2001,1\n", TestName = "a number cell that is not a number")]
    [TestCase("y,x,firm,year,w\n1.5,inf,a,2001,1\n", TestName = "inf")]
    [TestCase("y,x,firm,year,w\n1.5, 2,a,2001,1\n", TestName = "a number with a space")]
    [TestCase("y,x,firm,year,w\n1.5,1e999,a,2001,1\n", TestName = "a number beyond double")]
    [TestCase("y,x,firm,year,w\n1.5,2 ,a,2001,1\n", TestName = "a number with a space after it")]
    [TestCase("y,x,firm,year,w\n1.5,nan,a,2001,1\n", TestName = "nan")]
    [TestCase("y,x,firm,year,w\n1.5,2,a,2001,1,9\n", TestName = "a row with an extra field")]
    [TestCase("y,x,firm,year\n1.5,2,a,2001\n", TestName = "a column the model needs is not in the header")]
    [TestCase("y,x,firm,year,w,x\n1.5,2,a,2001,1,3\n", TestName = "a wanted column named twice")]
    [TestCase("y,x,firm,year,w\n1.5,2,7,2001,1\n1.5,2,b,2002,1\n", TestName = "an integer id column with a text cell")]
    [TestCase("y,x,firm,year,w\n1.5,2,NA,2001,1\n1.5,2,b,2002,1\n", TestName = "a first-row id that is missing")]
    [TestCase("y,x,firm,year,w\n", TestName = "no data rows")]
    [TestCase("y,x,firm,year,w\n1.5,2,07,2001,1\n1.5,3,7,2002,1\n", TestName = "a first-row integer id with a leading zero")]
    [TestCase("y,x,firm,year,w\n1.5,2,7,2001,1\n1.5,3,07,2002,1\n1.6,3,7,2003,1\n", TestName = "a later integer id with a leading zero")]
    [TestCase("y,x,firm,year,w\n1.5,2,7,2001,1\n1.5,3,+7,2002,1\n1.6,3,8,2003,1\n", TestName = "an integer id with a plus sign")]
    [TestCase("y,x,firm,year,w\n1.5,2,-0,2001,1\n1.5,3,0,2002,1\n1.6,3,8,2003,1\n", TestName = "an integer id written -0")]
    [TestCase("Table 3. Firms\ny,x,firm,year,w\n1.5,2,a,2001,1\n", TestName = "a title line above the header")]
    [TestCase("y;x,firm;year;w\n1.5;2,a;2001;1\n", TestName = "a header with two separators")]
    [TestCase("y,x,firm,year,w\n1.5,2,a,2001,1\n\n1.5,3,b,2002,1\n", TestName = "a blank line between rows")]
    [TestCase("y,x,firm,year,w\r1.5,2,a,2001,1\r1.5,3,b,2002,1\r", TestName = "lines ended by CR alone")]
    public void A_file_it_does_not_read_exactly_as_DuckDB_goes_to_DuckDB(string text)
    {
        var path = Write(text);
        Assert.That(SepOnly(path, Model), Is.Null);
        AssertSameOutcome(path);
    }

    [Test]
    public void Bytes_that_are_not_UTF8_go_to_DuckDB()
    {
        var path = Path.Combine(folder, "gbk.csv");
        File.WriteAllBytes(path, [.. Encoding.ASCII.GetBytes("y,x,firm,year,w\n1.5,2,"), 0xB1, 0xB1, 0xBE, 0xA9, .. Encoding.ASCII.GetBytes(",2001,1\n")]);
        Assert.That(SepOnly(path, Model), Is.Null);
        AssertSameOutcome(path);
    }

    [Test]
    public void A_bad_cell_deep_in_the_second_range_goes_to_DuckDB_which_names_its_line()
    {
        var lines = Panel(200_000, textIds: false).Split('\n');
        lines[180_000] = "1.5,oops,7,2001,1";
        var path = Write(string.Join('\n', lines));
        Assert.That(SepOnly(path, Model), Is.Null);
        var error = Assert.Throws<InvalidDataException>(() => PanelLoader.ReadCsv(path, Model))!;
        Assert.That(error.Message, Does.Contain("line 180001"));
    }

    [Test]
    public void Integer_cells_are_read_as_the_general_parser_reads_them()
    {
        string[] cells =
        [
            "0", "7", "-7", "+7", "-0", "007", "-", "+", "", "1a", " 1", "1 ", "--1", "+-1", "1.0", "1e3", "١٢", "99999999999999999",
            "999999999999999999", "-999999999999999999", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
            "-9223372036854775809", "12345678901234567890",
        ];
        var random = new Random(12);
        var generated = Enumerable.Range(0, 2000).Select(_ => (random.Next(3) switch { 0 => "-", 1 => "+", _ => "" }) +
            string.Concat(Enumerable.Range(0, random.Next(1, 21)).Select(_ => (char)('0' + random.Next(10)))));
        foreach (var cell in cells.Concat(generated))
        {
            var expected = long.TryParse(cell, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value);
            Assert.That(CsvCells.TryInteger(cell, out var actual), Is.EqualTo(expected), cell);
            if (expected) Assert.That(actual, Is.EqualTo(value), cell);
        }
    }

    /// <summary><see cref="PanelLoader.ReadCsv"/> gives what DuckDB's path gives: the same frame or the same error.</summary>
    private static void AssertSameOutcome(string path)
    {
        string? duckError = null, loaderError = null;
        EstimationData? duck = null, loader = null;
        try
        {
            duck = PanelLoader.ReadCsvThroughDuckDb(path, Model).Index();
        }
        catch (InvalidDataException e)
        {
            duckError = e.Message;
        }

        try
        {
            loader = PanelLoader.ReadCsv(path, Model).Index();
        }
        catch (InvalidDataException e)
        {
            loaderError = e.Message;
        }

        Assert.That(loaderError, Is.EqualTo(duckError));
        if (duck is not null) AssertSameFrame(duck, loader!);
    }
}
