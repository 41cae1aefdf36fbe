using DuckDB.NET.Data;
using Warehouse.Etl.Config;
using Warehouse.Etl.Extraction;
using Warehouse.Etl.Loading;
using Warehouse.Etl.Pipeline;
using Warehouse.Etl.Runs;
using Warehouse.Etl.Staging;
using Warehouse.Etl.Transform;

namespace Warehouse.Tests.Etl.Pipeline;

/// <summary>Pipeline parts whose behaviour a test scripts: tables to "extract" (real observations), which
/// fail, what the data tests say. Loading writes real rows into the real DuckDB candidate file.</summary>
internal sealed class ScriptedParts : PipelineParts
{
    /// <summary>Observations per table id; a table listed in <see cref="FailingTables"/> fails instead.</summary>
    public Dictionary<string, int> RowsPerTable { get; } = new(StringComparer.Ordinal);

    public HashSet<string> FailingTables { get; } = new(StringComparer.Ordinal);

    public DataTestSummary? TestSummary { get; set; } = new(3, 0, 0, []);

    public Exception? TransformThrows { get; set; }

    public List<string> Calls { get; } = [];

    public Outcome ReportOutcome { get; set; }

    /// <summary>meta.run as the report step found it in the file it was given.</summary>
    public List<string> RunsSeenByReport { get; private set; } = [];

    public Func<CancellationToken, Task>? DuringExtract { get; set; }

    /// <summary>Awaited with the source's name before its extraction returns (sources are extracted at the same time).</summary>
    public Func<string, CancellationToken, Task>? BeforeExtractReturns { get; set; }

    /// <summary>Scripted steps change between the builds of one test while the inputs stay the same, so no build is
    /// ever "unchanged" here (UnchangedBuildTests use the real parts).</summary>
    public override string? CodeIdentity => null;

    public override void EnsureDemoCorpus(string cacheDir)
    {
        Calls.Add("demo");
    }

    public override async Task<IReadOnlyList<TableExtraction>> ExtractAsync(
        string rawArchiveDir, TimeProvider timeProvider, string sourceName, SourceSettings source, ExtractRequest request, CancellationToken cancellationToken)
    {
        // Sources are extracted at the same time.
        lock (Calls)
        {
            Calls.Add($"extract {sourceName}");
        }

        if (DuringExtract is not null)
        {
            await DuringExtract(cancellationToken);
        }

        if (BeforeExtractReturns is not null)
        {
            await BeforeExtractReturns(sourceName, cancellationToken);
        }

        return source.Tables.Select(t => FailingTables.Contains(t.Id)
                ? new TableExtraction(sourceName, 2020, t.Id, $"inbox/{t.Id}.csv", null, [], "row 3, col 2: '12,3x' is not a number", TimeSpan.FromMilliseconds(5))
                : new TableExtraction(sourceName, 2020, t.Id, $"inbox/{t.Id}.csv", "ab", Observations(sourceName, t.Id), null, TimeSpan.FromMilliseconds(5)))
            .ToList();
    }

    /// <summary>Loads through the product's batch loader, noting each table it is given.</summary>
    public override IReadOnlyList<TableLoad> Load(DuckDBConnection connection, IReadOnlyList<TableExtraction> tables, string runId, TimeProvider timeProvider)
    {
        lock (Calls)
        {
            Calls.AddRange(tables.Where(t => t.Succeeded).Select(t => $"load {t.TableId}"));
        }

        return base.Load(connection, tables, runId, timeProvider);
    }

    public override void Transform(DuckDBConnection connection, TransformSettings settings)
    {
        Calls.Add("transform");

        if (TransformThrows is not null)
        {
            throw TransformThrows;
        }
    }

    public override DataTestSummary Test(DuckDBConnection connection, string runId, TimeProvider timeProvider)
    {
        Calls.Add("test");
        return TestSummary!;
    }

    public override async Task<Outcome> ReportAsync(string databasePath, AnalysisSettings analysis, string outDir, TextWriter stdout, Task<bool> proceed, CancellationToken cancellationToken)
    {
        // As the real report: nothing is written unless the data tests passed.
        if (!await proceed)
        {
            return Outcome.Ok;
        }

        Calls.Add("report");
        RunsSeenByReport = PipelineFixture.Rows(databasePath, "select run_id, status from meta.run order by run_id")
            .Select(r => $"{r.run_id} {r.status}").ToList();
        return ReportOutcome;
    }

    private List<Observation> Observations(string source, string tableId) =>
        Enumerable.Range(0, RowsPerTable.GetValueOrDefault(tableId, 4))
            .Select(i => new Observation(source, 2020, tableId, (short)(11 + i), 2019, "gdp", null, 100.0 + i, "100M yuan", "亿元", "ab", $"row {i + 4}, col 2"))
            .ToList();
}
