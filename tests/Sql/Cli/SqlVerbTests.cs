using DuckDB.NET.Data;
using Microsoft.Extensions.Time.Testing;
using Warehouse.Bench.Transform;
using Warehouse.Etl.Cli;
using Warehouse.Tests.Sql.Support;

namespace Warehouse.Tests.Sql.Cli;

/// <summary>The SQL verbs on real warehouse files: transform, test, query, export, docs.</summary>
[TestFixture]
public sealed class SqlVerbTests
{
    private string folder = null!;
    private string config = null!;
    private string full = null!;

    [OneTimeSetUp]
    public void BuildFullWarehouse()
    {
        folder = Path.Combine(Path.GetTempPath(), "wh-verbs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        config = Path.Combine(folder, "pipelines.yml");
        File.Copy(RepoPaths.PipelinesYml, config);
        full = Path.Combine(folder, "full.duckdb");
        using var warehouse = new TestWarehouse(full);
        warehouse.Load(SyntheticStaging.Generate());
        warehouse.Transform();
    }

    [OneTimeTearDown]
    public void RemoveFiles() => Directory.Delete(folder, recursive: true);

    private string StagedHandExamples()
    {
        string path = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".duckdb");
        using var warehouse = new TestWarehouse(path);
        warehouse.Load(HandExamples.Rows());
        return path;
    }

    [Test]
    public void Transform_verb_reproduces_the_hand_checks_from_staging()
    {
        string db = StagedHandExamples();
        int exit = RootCommandFactory.Create().Parse(["transform", "--db", db, "--config", config]).Invoke();
        Assert.That(exit, Is.EqualTo(ExitCodes.Ok));
        using var warehouse = new TestWarehouse(db);
        var co = warehouse.Rows("select co from ind_coagglomeration order by province_code").Select(r => (double)r["co"]!);
        var prody = warehouse.Rows("select prody from ind_prody order by item").Select(r => (double)r["prody"]!);
        var expy = warehouse.Rows("select expy from ind_expy order by province_code").Select(r => (double)r["expy"]!);
        Assert.Multiple(() =>
        {
            Assert.That(co, Is.EqualTo(new[] { 2.5761904761904761, 2.6888888888888889, 2.9956521739130435 }).Within(1e-12));
            Assert.That(prody, Is.EqualTo(new[] { 27, 27.5, 12.5 }).Within(1e-12), "aerospace, electronics_comm, pharma");
            Assert.That(expy, Is.EqualTo(new[] { 18.35, 24.4, 27.25 }).Within(1e-12));
        });
    }

    [Test]
    public void Transform_dry_run_prints_the_sql_and_writes_nothing()
    {
        string db = StagedHandExamples();
        var output = new StringWriter();
        int exit = TransformCommand.Run(config, db, dryRun: true, output, new StringWriter());
        using var warehouse = new TestWarehouse(db);
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(ExitCodes.Ok));
            Assert.That(output.ToString(), Does.Contain("create or replace table main.panel as"));
            Assert.That(output.ToString(), Does.Contain("insert into cfg.excluded_province values (54)"));
            Assert.That(warehouse.Scalar("select count(*) from duckdb_tables() where table_name = 'panel'"), Is.Zero);
        });
    }

    [Test]
    public void Transform_on_a_missing_file_exits_2_like_every_verb()
    {
        var errors = new StringWriter();
        int exit = TransformCommand.Run(config, Path.Combine(folder, "absent.duckdb"), false, new StringWriter(), errors);
        Assert.That(exit, Is.EqualTo(ExitCodes.Usage));
        Assert.That(errors.ToString(), Does.Contain("absent.duckdb"));
    }

    [Test]
    public void Test_verb_exits_1_on_error_failures_and_0_on_a_good_warehouse()
    {
        string bad = StagedHandExamples();
        Assert.That(TransformCommand.Run(config, bad, false, new StringWriter(), new StringWriter()), Is.EqualTo(ExitCodes.Ok));
        var badOutput = new StringWriter();
        int badExit = TestCommand.Run(config, bad, new FakeTimeProvider(), badOutput, new StringWriter());
        string good = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".duckdb");
        File.Copy(full, good);
        var goodOutput = new StringWriter();
        int goodExit = TestCommand.Run(config, good, new FakeTimeProvider(), goodOutput, new StringWriter());
        Assert.Multiple(() =>
        {
            Assert.That(badExit, Is.EqualTo(ExitCodes.Failed));
            Assert.That(badOutput.ToString(), Does.Contain("FAIL assert_no_unexplained_gaps"));
            Assert.That(goodExit, Is.EqualTo(ExitCodes.Ok), goodOutput.ToString());
            Assert.That(goodOutput.ToString(), Does.Contain("0 warned, 0 failed"));
        });
    }

    [Test]
    public void Test_verb_select_runs_only_the_tests_of_the_named_relations()
    {
        string bad = StagedHandExamples();
        Assert.That(TransformCommand.Run(config, bad, false, new StringWriter(), new StringWriter()), Is.EqualTo(ExitCodes.Ok));
        var output = new StringWriter();
        int exit = TestCommand.Run(config, bad, ["ind_prody,ind_expy"], new FakeTimeProvider(), output, new StringWriter());
        Assert.That(exit, Is.EqualTo(ExitCodes.Ok), "the panel's gaps are not selected");
        using var warehouse = new TestWarehouse(bad);
        var relations = warehouse.Rows("select distinct relation from meta.test_result").Select(r => (string)r["relation"]!);
        Assert.That(relations, Is.EquivalentTo(new[] { "ind_prody", "ind_expy" }));
    }

    [Test]
    public void Query_writes_csv_json_and_table()
    {
        const string sql = "select province_code, province, co from panel where year = 2015 order by province_code limit 2";
        var csv = new StringWriter();
        var json = new StringWriter();
        var table = new StringWriter();
        Assert.Multiple(() =>
        {
            Assert.That(QueryCommand.Run(config, full, sql, "csv", csv, new StringWriter()), Is.EqualTo(ExitCodes.Ok));
            Assert.That(QueryCommand.Run(config, full, sql, "json", json, new StringWriter()), Is.EqualTo(ExitCodes.Ok));
            Assert.That(QueryCommand.Run(config, full, sql, "table", table, new StringWriter()), Is.EqualTo(ExitCodes.Ok));
        });
        var lines = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var parsed = System.Text.Json.JsonDocument.Parse(json.ToString()).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Is.EqualTo("province_code,province,co"));
            Assert.That(lines[1], Does.StartWith("11,Beijing,"));
            Assert.That(lines, Has.Length.EqualTo(3));
            Assert.That(parsed.GetArrayLength(), Is.EqualTo(2));
            Assert.That(parsed[1].GetProperty("province").GetString(), Is.EqualTo("Tianjin"));
            Assert.That(parsed[0].GetProperty("co").GetDouble(), Is.GreaterThan(0));
            Assert.That(table.ToString(), Does.Match(@"│ province_code │ province │ +co +│").And.Contain("│ 2 rows"));
        });
    }

    [TestCase("delete from panel")]
    [TestCase("create table main.scratch (a integer)")]
    [TestCase("update fct_provincial set value = 0")]
    public void Query_opens_read_only_and_refuses_writes_clearly(string sql)
    {
        var errors = new StringWriter();
        int exit = QueryCommand.Run(config, full, sql, "table", new StringWriter(), errors);
        using var connection = new DuckDBConnection($"Data Source={full};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = "select count(*) from panel";
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(ExitCodes.Failed));
            Assert.That(errors.ToString(), Does.Contain("refused").And.Contain("read-only"));
            Assert.That(count.ExecuteScalar(), Is.EqualTo(420));
        });
    }

    [Test]
    public void Query_without_db_uses_the_configured_live_path()
    {
        string liveFolder = Path.Combine(folder, "live");
        Directory.CreateDirectory(liveFolder);
        File.Copy(full, Path.Combine(liveFolder, "warehouse.duckdb"));
        string liveConfig = Path.Combine(liveFolder, "pipelines.yml");
        File.Copy(config, liveConfig);
        var output = new StringWriter();
        int exit = QueryCommand.Run(liveConfig, null, "select count(*) as n from panel", "csv", output, new StringWriter());
        Assert.That(exit, Is.EqualTo(ExitCodes.Ok));
        Assert.That(output.ToString(), Is.EqualTo("n\n420\n").Or.EqualTo("n" + Environment.NewLine + "420" + Environment.NewLine));
    }

    [Test]
    public void Export_parquet_is_hive_partitioned_by_year_and_reads_back_whole()
    {
        string outDir = Path.Combine(folder, "export-parquet");
        Assert.That(ExportCommand.Run(config, full, "parquet", outDir, new StringWriter()), Is.EqualTo(ExitCodes.Ok));
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"select count(*), count(distinct year), sum(co) from read_parquet('{outDir}/panel/*/*.parquet', hive_partitioning = true)";
        using var reader = command.ExecuteReader();
        reader.Read();
        using var original = new DuckDBConnection($"Data Source={full};ACCESS_MODE=READ_ONLY");
        original.Open();
        using var sum = original.CreateCommand();
        sum.CommandText = "select sum(co) from panel";
        Assert.Multiple(() =>
        {
            Assert.That(Directory.Exists(Path.Combine(outDir, "panel", "year=2015")), Is.True);
            Assert.That(File.Exists(Path.Combine(outDir, "dim_province", "data_0.parquet")), Is.True);
            Assert.That(reader.GetInt64(0), Is.EqualTo(420));
            Assert.That(reader.GetInt64(1), Is.EqualTo(14));
            Assert.That(reader.GetDouble(2), Is.EqualTo((double)sum.ExecuteScalar()!).Within(1e-9));
            Assert.That(Directory.Exists(Path.Combine(outDir, "int_sample_grid")), Is.False, "internals are not exported");
        });
    }

    [Test]
    public void Export_csv_writes_one_file_per_relation_with_a_header()
    {
        string outDir = Path.Combine(folder, "export-csv");
        Assert.That(ExportCommand.Run(config, full, "csv", outDir, new StringWriter()), Is.EqualTo(ExitCodes.Ok));
        var panel = File.ReadAllLines(Path.Combine(outDir, "panel.csv"));
        Assert.Multiple(() =>
        {
            Assert.That(panel[0], Is.EqualTo("province_code,province,region,year,ln_etc,co,co_sq,rd,fin,fdi,ti,open,ln_gdp_pc"));
            Assert.That(panel, Has.Length.EqualTo(421));
            Assert.That(File.Exists(Path.Combine(outDir, "ind_revisions.csv")), Is.True);
        });
    }

    [Test]
    public void Docs_write_a_dictionary_with_comments_and_a_lineage_graph_back_to_source_tables()
    {
        string outDir = Path.Combine(folder, "docs");
        Assert.That(DocsCommand.Run(config, full, outDir, new StringWriter()), Is.EqualTo(ExitCodes.Ok));
        string dictionary = File.ReadAllText(Path.Combine(outDir, "data-dictionary.md"));
        string lineage = File.ReadAllText(Path.Combine(outDir, "lineage.md"));
        Assert.Multiple(() =>
        {
            Assert.That(dictionary, Does.Contain("### `main.ind_controls` (table)"));
            Assert.That(dictionary, Does.Contain("| `fdi` | DOUBLE | FDI intensity: fdi_actual (10k USD) x usd_cny"));
            Assert.That(dictionary, Does.Contain("`assert_no_unexplained_gaps` | error"));
            Assert.That(lineage, Does.Contain("```mermaid"));
            Assert.That(lineage, Does.Contain("src_labour_yearbook_4_2[\"labour_yearbook 4-2\"] --> staging_observation"));
            Assert.That(lineage, Does.Contain("staging_observation --> stg_observation"));
            Assert.That(lineage, Does.Contain("ind_coagglomeration --> panel"));
            Assert.That(lineage, Does.Contain("fct_hightech --> ind_export_basket"));
        });
    }
}
