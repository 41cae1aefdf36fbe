using System.Globalization;
using System.Text;
using Warehouse.Analysis.Data;
using Warehouse.Analysis.Estimation;

namespace Warehouse.Tests.Analysis;

/// <summary>
/// The bulk loader (DuckDB data chunks, ids factorised without strings crossing) gives the frame the row-by-row loader
/// gave: the same rows kept, the same columns, and factor codes in order of first appearance with the values as
/// labels, i.e. <see cref="Factor.FromKeys{T}"/> over each id column's text, which is what the loader did before. The
/// expected frame is built here from the rows the test writes, never from the loader.
/// </summary>
[TestFixture]
public sealed class BulkPanelLoaderTests
{
    private string folder = null!;

    [SetUp]
    public void Scratch() => folder = TestPaths.Scratch("bulk-loader");

    [TearDown]
    public void Remove() => Directory.Delete(folder, recursive: true);

    /// <summary>One row of the test panel: a text id (with commas and quotes in some names), an integer id, a
    /// year, two numbers; null marks a missing cell.</summary>
    private sealed record Row(string? Name, long? Code, int Year, double? X, double? Y);

    /// <summary>40 units × 5 years in a shuffled order, with four missing cells (two y, one x, one name) and unit
    /// names that need CSV quoting; integer codes are sparse and beyond 32 bits for some units.</summary>
    private static List<Row> Panel()
    {
        var random = new Random(20261201);
        var rows = new List<Row>();
        for (var u = 0; u < 40; u++)
        {
            var name = u % 7 == 3 ? $"Firm {u}, Ltd." : u % 11 == 5 ? $"The \"{u}\" Co" : $"u{u:00}";
            long code = u % 5 == 0 ? 5_000_000_000L + (u * 7919L) : 100 + (u * 37L);
            for (var t = 0; t < 5; t++)
            {
                var x = Math.Round(random.NextDouble() * 10, 6);
                var y = Math.Round((0.8 * x) + (0.1 * u) - (0.3 * t) + random.NextDouble(), 6);
                rows.Add(new Row(name, code, 2001 + t, x, y));
            }
        }
        rows = rows.OrderBy(_ => random.Next()).ToList();
        rows[3] = rows[3] with { Y = null };
        rows[50] = rows[50] with { Y = null };
        rows[77] = rows[77] with { X = null };
        rows[120] = rows[120] with { Name = null };
        return rows;
    }

    private static string Cell(string? text) =>
        text is null ? "NA" : text.Contains(',') || text.Contains('"') ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;

    private static string Number(double? v) => v is { } d ? d.ToString("R", CultureInfo.InvariantCulture) : "NA";

    private string WriteCsv(IEnumerable<Row> rows)
    {
        var text = new StringBuilder("name,code,year,x,y\n");
        foreach (var r in rows)
            text.Append(CultureInfo.InvariantCulture, $"{Cell(r.Name)},{r.Code},{r.Year},{Number(r.X)},{Number(r.Y)}\n");
        var path = Path.Combine(folder, "panel.csv");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    /// <summary>The frame as the row-by-row loader built it: complete rows in file order, ids factorised from text.</summary>
    private static (double[] Y, double[] X, Factor Name, Factor Code, Factor Year) Expected(IEnumerable<Row> rows, bool nameIsModelId)
    {
        var kept = rows.Where(r => r.X is not null && r.Y is not null && (!nameIsModelId || r.Name is not null)).ToList();
        return (kept.Select(r => r.Y!.Value).ToArray(), kept.Select(r => r.X!.Value).ToArray(),
            Factor.FromKeys("name", kept.Select(r => r.Name ?? "").ToList()),
            Factor.FromKeys("code", kept.Select(r => r.Code!.Value.ToString(CultureInfo.InvariantCulture)).ToList()),
            Factor.FromKeys("year", kept.Select(r => r.Year.ToString(CultureInfo.InvariantCulture)).ToList()));
    }

    private static void AssertSameFactor(Factor actual, Factor expected)
    {
        Assert.Multiple(() =>
        {
            Assert.That(actual.Levels, Is.EqualTo(expected.Levels), actual.Name);
            Assert.That(actual.Codes, Is.EqualTo(expected.Codes), actual.Name);
            Assert.That(actual.Labels!.ToArray(), Is.EqualTo(expected.Labels!.ToArray()), actual.Name);
        });
    }

    [Test]
    public void A_csv_with_text_ids_quoted_fields_and_missing_cells_loads_the_same_frame()
    {
        var rows = Panel();
        var data = PanelLoader.FromCsv(WriteCsv(rows), new PanelRequest("y", ["x"], ["name", "year"], ["code"]));
        var expected = Expected(rows, nameIsModelId: true);
        Assert.Multiple(() =>
        {
            Assert.That(data.RowsDroppedMissing, Is.EqualTo(4));
            Assert.That(data.Y, Is.EqualTo(expected.Y));
            Assert.That(data.X[0], Is.EqualTo(expected.X));
        });
        AssertSameFactor(data.FixedEffects[0], expected.Name);
        AssertSameFactor(data.FixedEffects[1], expected.Year);
        AssertSameFactor(data.Clusters[0], expected.Code);
        Assert.That(data.FixedEffects[0].Labels, Does.Contain("Firm 3, Ltd.").And.Contain("The \"5\" Co"));
    }

    [Test]
    public void Text_ids_and_integer_ids_of_the_same_units_give_the_same_estimates()
    {
        var path = WriteCsv(Panel());
        var byName = Feols.Fit(PanelLoader.FromCsv(path, new PanelRequest("y", ["x"], ["name", "year"], ["name"])));
        // The unit whose name is missing is dropped by the name model only; drop it from the code model the same way.
        var byCode = Feols.Fit(PanelLoader.FromCsv(path, new PanelRequest("y", ["x"], ["code", "year"], ["code"], "name is not null")));
        Assert.Multiple(() =>
        {
            Assert.That(byCode.N, Is.EqualTo(byName.N));
            Assert.That(byCode.Coefficients[0].Estimate, Is.EqualTo(byName.Coefficients[0].Estimate).Within(1e-10).Percent);
            Assert.That(byCode.Coefficients[0].StdError, Is.EqualTo(byName.Coefficients[0].StdError).Within(1e-10).Percent);
        });
    }

    [Test]
    public void A_warehouse_table_loads_the_same_frame_as_its_csv()
    {
        var rows = Panel();
        var db = Path.Combine(folder, "panel.duckdb");
        using (var connection = WarehouseConnection.OpenForWriting(db))
        {
            using var create = connection.CreateCommand();
            create.CommandText = "create table panel (name varchar, code bigint, year smallint, x double, y double)";
            create.ExecuteNonQuery();
            using var appender = connection.CreateAppender("panel");
            foreach (var r in rows)
            {
                var row = appender.CreateRow();
                (r.Name is null ? row.AppendNullValue() : row.AppendValue(r.Name)).AppendValue(r.Code).AppendValue((short)r.Year);
                (r.X is null ? row.AppendNullValue() : row.AppendValue(r.X)).AppendValue(r.Y).EndRow();
            }
        }
        var request = new PanelRequest("y", ["x"], ["name", "year"], ["code"]);
        var fromDb = PanelLoader.FromDuckDbFile(db, "panel", request);
        var expected = Expected(rows, nameIsModelId: true);
        Assert.Multiple(() =>
        {
            Assert.That(fromDb.RowsDroppedMissing, Is.EqualTo(4));
            Assert.That(fromDb.Y, Is.EqualTo(expected.Y));
            Assert.That(fromDb.X[0], Is.EqualTo(expected.X));
        });
        AssertSameFactor(fromDb.FixedEffects[0], expected.Name);
        AssertSameFactor(fromDb.FixedEffects[1], expected.Year);
        AssertSameFactor(fromDb.Clusters[0], expected.Code);
        var fromCsv = Feols.Fit(PanelLoader.FromCsv(WriteCsv(rows), request));
        Assert.That(Feols.Fit(fromDb).Coefficients[0].Estimate, Is.EqualTo(fromCsv.Coefficients[0].Estimate));
    }

    [Test]
    public void A_view_that_draws_its_rows_at_random_loads_the_rows_it_streamed()
    {
        // The loader counts the rows before it streams them; a random draw counts one number and streams another.
        var db = Path.Combine(folder, "random.duckdb");
        using (var connection = WarehouseConnection.OpenForWriting(db))
        {
            using var create = connection.CreateCommand();
            create.CommandText = """
                create table panel as select i % 200 as code, i // 200 as year, cast(i % 37 as double) as x,
                    3.0 * (i % 37) + (i % 200) as y from range(20000) t(i);
                create view half as select * from panel where random() < 0.5;
                create view sampled as select * from panel using sample 30% (bernoulli);
                create view shuffled_names as select *, 'p' || code as name from panel order by random() limit 300;
                """;
            create.ExecuteNonQuery();
        }

        foreach (var view in new[] { "half", "sampled" })
        {
            var data = PanelLoader.FromDuckDbFile(db, view, new PanelRequest("y", ["x"], ["code"], ["code"]));
            var fit = Feols.Fit(data);
            Assert.Multiple(() =>
            {
                Assert.That(data.Rows, Is.InRange(1000, 19000), view);
                Assert.That(data.X[0].Length, Is.EqualTo(data.Rows), view);
                Assert.That(fit.Coefficients[0].Estimate, Is.EqualTo(3.0).Within(1e-9), view);
            });
        }

        // Text ids are labelled by a second read, which a random draw cannot match: one clear error, not a crash.
        var error = Assert.Throws<InvalidDataException>(() =>
            PanelLoader.FromDuckDbFile(db, "shuffled_names", new PanelRequest("y", ["x"], ["name"], ["name"])));
        Assert.That(error!.Message, Does.StartWith("name: ").And.Contain("make it a table first"));
    }

    [Test]
    public void An_interacted_effect_is_one_level_per_observed_combination_named_by_both_values()
    {
        var rows = Panel();
        var data = PanelLoader.FromCsv(WriteCsv(rows), new PanelRequest("y", ["x"], ["name^year"], []));
        var kept = rows.Where(r => r.X is not null && r.Y is not null && r.Name is not null).ToList();
        var expected = Factor.FromKeys("name^year", kept.Select(r => $"{r.Name}^{r.Year}").ToList());
        AssertSameFactor(data.FixedEffects[0], expected);
    }

    [Test]
    public void A_cell_that_is_not_a_number_is_one_line_naming_file_line_and_column()
    {
        var path = Path.Combine(folder, "bad.csv");
        File.WriteAllText(path, "id,year,x,y\na,1,1.5,2\na,2,2.5,3\nb,1,oops,4\nb,2,3.5,5\n");
        var error = Assert.Throws<InvalidDataException>(() => PanelLoader.ReadCsv(path, new PanelRequest("y", ["x"], ["id"], [])));
        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.StartWith($"{path}: line 4, column x: "));
            Assert.That(error.Message, Does.Contain("oops"));
            Assert.That(error.Message, Does.Not.Contain('\n'));
        });
    }

    [Test]
    public async Task A_ragged_csv_is_a_one_line_error_from_estimate_with_exit_code_2()
    {
        // The bad row comes after DuckDB's sniffing sample (20 480 rows), as it would in a big file.
        var path = Path.Combine(folder, "ragged.csv");
        var text = new StringBuilder("id,x,y\n");
        for (var i = 0; i < 30_000; i++) text.Append(CultureInfo.InvariantCulture, $"u{i % 100},{i * 0.5},{i % 7}\n");
        text.Append("b,1,4,9\nb,2,5\n");
        File.WriteAllText(path, text.ToString());
        var (code, _, stderr) = await CliRunner.RunAsync("estimate", "--csv", path, "--y", "y", "--x", "x", "--fe", "id");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(stderr, Does.StartWith($"warehouse estimate: {path}: line 30002: "));
            Assert.That(stderr, Does.Contain("Expected Number of Columns: 3 Found: 4"));
            Assert.That(stderr.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1));
        });
    }
}
