using DuckDB.NET.Data;
using Warehouse.Etl.Config;
using Warehouse.Etl.Demo;
using Warehouse.Etl.Extraction;
using Warehouse.Etl.Lifecycle;
using Warehouse.Etl.Loading;
using Warehouse.Etl.Reporting;
using Warehouse.Etl.Transform;

namespace Warehouse.Etl.Pipeline;

/// <summary>The seams the orchestrator drives, one virtual method each, so tests can make a step fail, hang or
/// succeed on a real DuckDB file. The defaults call the real implementations; a seam that throws
/// <see cref="NotImplementedException"/> is reported as step status <c>not_built</c>.</summary>
public class PipelineParts
{
    public virtual void EnsureDemoCorpus(string cacheDir) => DemoCorpus.EnsureGenerated(cacheDir);

    public virtual Task<IReadOnlyList<TableExtraction>> ExtractAsync(
        string rawArchiveDir, TimeProvider timeProvider, string sourceName, SourceSettings source, ExtractRequest request, CancellationToken cancellationToken) =>
        new SourceExtractor(rawArchiveDir, timeProvider).ExtractAsync(sourceName, source, request, cancellationToken);

    public virtual int Load(DuckDBConnection connection, TableExtraction table) => StagingLoader.Load(connection, table);

    /// <summary>Schema DDL. Falls back to applying sql/schema itself while <c>SqlModel.Migrate</c> is not built,
    /// because run bookkeeping needs meta.* from the first commit on.</summary>
    public virtual void Migrate(DuckDBConnection connection)
    {
        try
        {
            SqlModel.Migrate(connection);
        }
        catch (NotImplementedException)
        {
            SchemaMigrator.Apply(connection);
        }
    }

    public virtual void Transform(DuckDBConnection connection, TransformSettings settings) => SqlModel.Apply(connection, settings);

    public virtual DataTestSummary Test(DuckDBConnection connection, string runId, TimeProvider timeProvider) =>
        DataTestRunner.Run(connection, runId, timeProvider);

    public virtual Task<int> ReportAsync(string databasePath, AnalysisSettings analysis, string outDir, TextWriter stdout, CancellationToken cancellationToken) =>
        ReportStep.RunAsync(databasePath, analysis, outDir, stdout, cancellationToken);
}
