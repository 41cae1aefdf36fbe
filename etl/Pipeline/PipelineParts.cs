using DuckDB.NET.Data;
using Warehouse.Demo;
using Warehouse.Etl.Config;
using Warehouse.Etl.Extraction;
using Warehouse.Etl.Loading;
using Warehouse.Etl.Reporting;
using Warehouse.Etl.Runs;
using Warehouse.Etl.Sources;
using Warehouse.Etl.Transform;

namespace Warehouse.Etl.Pipeline;

/// <summary>The seams the orchestrator drives, one virtual method each, so tests can make a step fail, hang or
/// succeed on a real DuckDB file. The defaults call the real implementations.</summary>
public class PipelineParts
{
    /// <summary>What identifies the code that runs the steps: the module version ids of the product's assemblies (a
    /// deterministic compile of the same sources gives the same ids) and the package list beside the binary. A build
    /// whose inputs and code identity equal the live warehouse's is skipped; null means "not knowable", and every
    /// build then runs.</summary>
    public virtual string? CodeIdentity => BinaryIdentity.Value;

    private static readonly Lazy<string> BinaryIdentity = new(() =>
    {
        Type[] products = [typeof(PipelineParts), typeof(Warehouse.Analysis.Data.WarehouseConnection), typeof(DemoCorpus)];
        string deps = Path.Combine(AppContext.BaseDirectory, "warehouse.deps.json");
        string packages = File.Exists(deps) ? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(deps))) : NativeFiles();
        return string.Join(' ', products.Select(t => t.Assembly.ManifestModule.ModuleVersionId.ToString("N"))) + " " + packages;
    });

    /// <summary>The native executable (every package is compiled into it, and it has no deps.json) and the native
    /// libraries beside it (DuckDB, Skia), by name, size and write time: hashing their 100 MB would cost a skipped
    /// build its budget, and a copy that changes the time only costs one full build.</summary>
    private static string NativeFiles() =>
        string.Join(' ', new[] { Environment.ProcessPath }
            .Concat(Directory.EnumerateFiles(AppContext.BaseDirectory).Where(p => Path.GetExtension(p) is ".so" or ".dylib" or ".dll").Order(StringComparer.Ordinal))
            .OfType<string>()
            .Where(File.Exists)
            .Select(p => new FileInfo(p))
            .Select(f => $"{f.Name}:{f.Length}:{f.LastWriteTimeUtc.Ticks}"));

    public virtual void EnsureDemoCorpus(string cacheDir) => DemoCorpus.EnsureGenerated(cacheDir);

    public virtual Task<IReadOnlyList<TableExtraction>> ExtractAsync(
        string rawArchiveDir, TimeProvider timeProvider, string sourceName, SourceSettings source, ExtractRequest request, CancellationToken cancellationToken) =>
        new SourceExtractor(rawArchiveDir, timeProvider, null, new HttpFetchOptions { Progress = Console.Error }).ExtractAsync(sourceName, source, request, cancellationToken);

    /// <summary>Loads the extracted tables and their lineage (raw pages, layout fingerprints first seen in <paramref name="runId"/>);
    /// one result per succeeded extraction, in order. A table that cannot be loaded fails alone.</summary>
    public virtual IReadOnlyList<TableLoad> Load(DuckDBConnection connection, IReadOnlyList<TableExtraction> tables, string runId, TimeProvider timeProvider) =>
        StagingBatch.Load(connection, tables, runId, timeProvider);

    /// <summary>Reads the sql/ model (its SQL files and docs YAML) into <see cref="ModelCatalog"/>'s cache, so that the
    /// transform and the data tests find it parsed. Errors are left for those steps to report.</summary>
    public virtual void ReadModel()
    {
        try
        {
            ModelCatalog.Load();
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            // The transform reads it again and fails with its own message.
        }
    }

    /// <summary>Schema DDL (meta, staging, cfg); run bookkeeping needs meta.* before any step runs.</summary>
    public virtual void Migrate(DuckDBConnection connection) => SqlModel.Migrate(connection);

    /// <summary>The model layers on the build's own file, a relation per connection at once (no one reads the file yet).</summary>
    public virtual void Transform(DuckDBConnection connection, TransformSettings settings) =>
        ConcurrentTransform.Apply(connection, settings, ConcurrentTransform.DefaultConnections);

    public virtual DataTestSummary Test(DuckDBConnection connection, string runId, TimeProvider timeProvider) =>
        DataTestRunner.Run(connection, runId, timeProvider);

    /// <summary>Changes of the facts against the live warehouse at <paramref name="livePath"/> (null: none yet).</summary>
    public virtual string DescribeChanges(DuckDBConnection connection, string? livePath) => RevisionSummary.Compare(connection, livePath);

    /// <summary>The report on <paramref name="databasePath"/>: estimated at once, printed and written only when
    /// <paramref name="proceed"/> says true (the build's data tests passed).</summary>
    public virtual Task<Outcome> ReportAsync(string databasePath, AnalysisSettings analysis, string outDir, TextWriter stdout, Task<bool> proceed, CancellationToken cancellationToken) =>
        ReportStep.RunAsync(databasePath, analysis, outDir, stdout, proceed, cancellationToken);
}
