using Dapper;
using DuckDB.NET.Data;
using Microsoft.Extensions.Time.Testing;
using Warehouse.Etl.Config;
using Warehouse.Etl.Pipeline;
using Warehouse.Etl.Runs;

namespace Warehouse.Tests.Etl.Pipeline;

/// <summary>A temporary warehouse folder with a two-table config, a fake clock and captured console output.</summary>
internal sealed class PipelineFixture : IDisposable
{
    public const string Yaml = """
        warehouse:
          path: warehouse.duckdb
          keep_previous: 2
          raw_archive: raw
          log_dir: logs
        sources:
          nbs:
            kind: directory
            location: inbox
            tables:
              - id: gdp
                match: "fsnd_gdp.csv"
                profile: nbs_provincial_indicator
              - id: population
                match: "fsnd_population.csv"
                profile: nbs_provincial_indicator
        pipelines:
          tiny:
            schedule: "0 3 * * *"
            steps: [load]
        analysis:
          sample:
            years: "2010..2023"
        """;

    public PipelineFixture(string yaml = Yaml)
    {
        Folder = Directory.CreateTempSubdirectory("warehouse-pipeline-").FullName;
        ConfigPath = Path.Combine(Folder, "pipelines.yml");
        File.WriteAllText(ConfigPath, yaml);
        Config = ConfigLoader.Load(ConfigPath);
    }

    public string Folder { get; }

    public string ConfigPath { get; }

    public PipelinesFile Config { get; }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 28, 3, 0, 0, TimeSpan.Zero));

    public ScriptedParts Parts { get; } = new();

    public StringWriter Stdout { get; } = new();

    public StringWriter Stderr { get; } = new();

    public string LivePath => Config.Warehouse.Path;

    public PipelineRunner Runner(Func<CancellationToken, Task>? beforeSwap = null) =>
        new(Config, Parts, Clock, new StepConsole(Stdout, interactive: false), Stdout, Stderr) { BeforeSwap = beforeSwap };

    public async Task<RunResult> BuildAsync(BuildRequest? request = null, CancellationToken cancellationToken = default, Func<CancellationToken, Task>? beforeSwap = null)
    {
        Clock.Advance(TimeSpan.FromMinutes(1)); // distinct, ordered run ids
        return await Runner(beforeSwap).RunAsync(request ?? new BuildRequest("build", PipelineSteps.All), cancellationToken);
    }

    public static T Scalar<T>(string databasePath, string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={databasePath};access_mode=READ_ONLY");
        connection.Open();
        return connection.ExecuteScalar<T>(sql)!;
    }

    public static List<dynamic> Rows(string databasePath, string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={databasePath};access_mode=READ_ONLY");
        connection.Open();
        return connection.Query(sql).ToList();
    }

    public string[] WarehouseFileNames() =>
        Directory.EnumerateFiles(Folder, "warehouse*").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    /// <summary>Writes an NBS portal export (UTF-8 with BOM, as the portal writes it) into the fixture's <c>inbox</c>
    /// folder: the database line, <paramref name="indicatorLine"/>, a 2023/2022 header, <paramref name="rows"/> and the
    /// source line.</summary>
    public void WriteNbsExport(string fileName, string indicatorLine, params string[] rows)
    {
        string inbox = Path.Combine(Folder, "inbox");
        Directory.CreateDirectory(inbox);
        var text = new System.Text.StringBuilder()
            .Append("数据库：分省年度数据 \n")
            .Append(indicatorLine).Append('\n')
            .Append("地区\t,2023年\t,2022年\t,\n");
        foreach (string row in rows)
        {
            text.Append(row).Append('\n');
        }

        text.Append("数据来源：国家统计局");
        File.WriteAllBytes(Path.Combine(inbox, fileName), [.. System.Text.Encoding.UTF8.GetPreamble(), .. System.Text.Encoding.UTF8.GetBytes(text.ToString())]);
    }
}
