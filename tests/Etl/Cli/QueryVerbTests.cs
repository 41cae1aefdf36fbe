using System.CommandLine;
using System.Globalization;
using DuckDB.NET.Data;
using Warehouse.Etl.Cli;

namespace Warehouse.Tests.Etl.Cli;

/// <summary>
/// <c>query</c> as an attacker and as an analyst would use it (issue 11 items 2 and 3): a real DuckDB file, the
/// verb invoked through the command line, under a non-English culture.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class QueryVerbTests
{
    private string folder = null!;
    private string db = null!;
    private string config = null!;
    private CultureInfo culture = null!;

    [SetUp]
    public void CreateWarehouse()
    {
        folder = TestPaths.TempFolder();
        db = Path.Combine(folder, "warehouse.duckdb");
        config = Path.Combine(folder, "pipelines.yml");
        File.WriteAllText(Path.Combine(folder, "secret.csv"), "a,b\n1,2\n");
        using var connection = new DuckDBConnection($"Data Source={db}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            create table t (id integer, name varchar);
            insert into t values (3, 'c'), (1, 'a'), (2, 'b');
            create table typed as select
                date '2024-02-29' as d,
                timestamp '2024-02-29 13:45:01.5' as ts,
                interval '1 year 2 days' as iv,
                12345678901234567890123456789012345678::decimal(38,0) as wide,
                1.50::decimal(10,2) as dec,
                170141183460469231731687303715884105727::hugeint as huge,
                [1, 2, 3] as list,
                {'a': 1} as struct,
                map {'k': 1} as m,
                '\xAA\x01'::blob as bytes,
                0.5::double as half,
                null::integer as nothing;
            """;
        command.ExecuteNonQuery();
        culture = CultureInfo.CurrentCulture;
    }

    [TearDown]
    public void Remove()
    {
        CultureInfo.CurrentCulture = culture;
        Directory.Delete(folder, recursive: true);
    }

    private static async Task<(int Exit, string Out, string Err)> Query(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int exit = await RootCommandFactory.Create().Parse(["query", .. args])
            .InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [TestCase("copy t to '{0}/out.csv'", "out.csv")]
    [TestCase("export database '{0}/exported'", "exported")]
    [TestCase("attach '{0}/other.duckdb' as other", "other.duckdb")]
    [TestCase("install httpfs", null)]
    [TestCase("load httpfs", null)]
    [TestCase("load json", null)]
    [TestCase("select * from read_csv('{0}/secret.csv')", null)]
    [TestCase("select * from read_text('{0}/secret.csv')", null)]
    [TestCase("select * from glob('{0}/*')", null)]
    [TestCase("set enable_external_access = true", null)]
    [TestCase("pragma enable_profiling", null)]
    [TestCase("create temp table scratch as select 1", null)]
    public async Task Each_escape_from_the_sandbox_is_refused_in_one_line(string template, string? wouldCreate)
    {
        string sql = string.Format(CultureInfo.InvariantCulture, template, folder);
        var (exit, stdout, stderr) = await Query(sql, "--db", db);
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(ExitCodes.Failed).Or.EqualTo(ExitCodes.Usage));
            Assert.That(stderr, Does.StartWith("warehouse query: refused"));
            Assert.That(stderr.TrimEnd().Split('\n'), Has.Length.EqualTo(1), "one line");
            Assert.That(stdout, Is.Empty);
            if (wouldCreate is not null)
                Assert.That(Path.Combine(folder, wouldCreate), Does.Not.Exist);
            Assert.That(stdout + stderr, Does.Not.Contain("a,b").And.Not.Contain("at Warehouse"), "no file contents, no stack trace");
        });
    }

    [Test]
    public async Task A_second_statement_is_refused_not_dropped()
    {
        var (exit, stdout, stderr) = await Query("select 1 as one; select 2 as two", "--db", db, "--format", "csv");
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(ExitCodes.Usage));
            Assert.That(stdout, Is.Empty, "not even the first statement runs");
            Assert.That(stderr, Does.Contain("2 statements given"));
        });
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("-- only a comment")]
    [TestCase(";")]
    public async Task No_statement_is_a_usage_error(string sql)
    {
        var (exit, _, stderr) = await Query(sql, "--db", db);
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(ExitCodes.Usage));
            Assert.That(stderr, Does.Contain("warehouse query \"select * from panel limit 5\""));
            Assert.That(stderr.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        });
    }

    [Test]
    public async Task A_syntax_error_is_one_line_without_a_stack_trace()
    {
        var (exit, _, stderr) = await Query("selec 1", "--db", db);
        Assert.That(exit, Is.EqualTo(ExitCodes.Failed));
        Assert.That(stderr.TrimEnd(), Is.EqualTo("warehouse query: Parser Error: syntax error at or near \"selec\""));
    }

    [TestCase("select id, name from t order by id desc;", "id,name\n3,c\n2,b\n1,a\n")]
    [TestCase("-- leading comment\nfrom t where id = 2 -- trailing comment", "id,name\n2,b\n")]
    [TestCase("with q as (select 42 as v) select * from q", "v\n42\n")]
    [TestCase("values (1, 'x')", "col0,col1\n1,x\n")]
    [TestCase("show tables", "name\nt\ntyped\n")]
    [TestCase("select column_name, column_type from (describe t)", "column_name,column_type\nid,INTEGER\nname,VARCHAR\n")]
    [TestCase("select 'a;b' as s", "s\na;b\n")]
    public async Task Plain_reads_run_unchanged(string sql, string expected)
    {
        var (exit, stdout, stderr) = await Query(sql, "--db", db, "--format", "csv");
        Assert.That(stderr, Is.Empty);
        Assert.That(exit, Is.EqualTo(ExitCodes.Ok));
        Assert.That(stdout.ReplaceLineEndings("\n"), Is.EqualTo(expected));
    }

    [TestCase("de-DE")]
    [TestCase("tr-TR")]
    public async Task Every_type_prints_as_the_duckdb_cli_prints_it_in_csv_and_table(string cultureName)
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(cultureName);
        var (exit, csv, stderr) = await Query("from typed", "--db", db, "--format", "csv");
        Assert.That(stderr, Is.Empty);
        Assert.That(exit, Is.EqualTo(ExitCodes.Ok));
        var lines = csv.ReplaceLineEndings("\n").Split('\n');
        Assert.That(lines[0], Is.EqualTo("d,ts,iv,wide,dec,huge,list,struct,m,bytes,half,nothing"));
        Assert.That(lines[1], Is.EqualTo(
            "2024-02-29,2024-02-29 13:45:01.5,1 year 2 days,12345678901234567890123456789012345678,1.50," +
            "170141183460469231731687303715884105727,\"[1, 2, 3]\",{'a': 1},{k=1},\\xAA\\x01,0.5,"));

        var (_, table, _) = await Query("select d, list, nothing from typed", "--db", db);
        Assert.That(table.ReplaceLineEndings("\n"), Does.Contain("│ 2024-02-29 │ [1, 2, 3] │    NULL │").And.Contain("│ 1 row"));
    }

    [Test]
    public async Task Json_keeps_json_types_at_full_precision()
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        var (exit, json, stderr) = await Query("select *, 'nan'::double as nan from typed", "--db", db, "--format", "json");
        Assert.That(stderr, Is.Empty);
        Assert.That(exit, Is.EqualTo(ExitCodes.Ok));
        var row = System.Text.Json.JsonDocument.Parse(json).RootElement[0];
        Assert.Multiple(() =>
        {
            Assert.That(row.GetProperty("d").GetString(), Is.EqualTo("2024-02-29"));
            Assert.That(row.GetProperty("ts").GetString(), Is.EqualTo("2024-02-29 13:45:01.5"));
            Assert.That(row.GetProperty("iv").GetString(), Is.EqualTo("1 year 2 days"));
            Assert.That(row.GetProperty("wide").GetRawText(), Is.EqualTo("12345678901234567890123456789012345678"));
            Assert.That(row.GetProperty("huge").GetRawText(), Is.EqualTo("170141183460469231731687303715884105727"));
            Assert.That(row.GetProperty("dec").GetDecimal(), Is.EqualTo(1.5m));
            Assert.That(row.GetProperty("list").GetRawText(), Is.EqualTo("[1,2,3]"));
            Assert.That(row.GetProperty("struct").GetProperty("a").GetInt32(), Is.EqualTo(1));
            Assert.That(row.GetProperty("m").GetProperty("k").GetInt32(), Is.EqualTo(1));
            Assert.That(row.GetProperty("bytes").GetString(), Is.EqualTo("\\xAA\\x01"));
            Assert.That(row.GetProperty("half").GetDouble(), Is.EqualTo(0.5));
            Assert.That(row.GetProperty("nothing").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
            Assert.That(row.GetProperty("nan").GetString(), Is.EqualTo("NaN"), "JSON has no NaN number");
        });
    }

    [Test]
    public async Task Dry_run_prints_the_sql_and_runs_nothing()
    {
        var (exit, stdout, stderr) = await Query("select error('this must not run')", "--db", db, "--dry-run");
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(ExitCodes.Ok));
            Assert.That(stderr, Is.Empty);
            Assert.That(stdout, Does.Contain("from query($sql)").And.Contain("select error('this must not run')"));
        });
    }

    [TestCase("--select", "panel")]
    [TestCase("--years", "2020..2021")]
    [TestCase("--full-refresh", null)]
    [TestCase("--offline", null)]
    public async Task Options_query_would_ignore_are_refused(string option, string? value)
    {
        var args = new List<string> { "select 1", "--db", db, option };
        if (value is not null) args.Add(value);
        var (exit, stdout, stderr) = await Query([.. args]);
        Assert.That(exit, Is.EqualTo(ExitCodes.Usage).Or.EqualTo(1));
        Assert.That(stdout, Does.Not.Contain("1"));
        Assert.That(stderr, Does.Contain(option));
    }
}
