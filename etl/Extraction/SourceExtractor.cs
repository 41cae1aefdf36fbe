using Warehouse.Etl.Config;

namespace Warehouse.Etl.Extraction;

/// <summary>Reads every configured table of a source (HTTP, directory or demo mirror) through the raw archive.</summary>
/// <remarks>Seam: the extraction issue implements this; the pipeline calls it.</remarks>
public sealed class SourceExtractor(string rawArchiveDir, TimeProvider timeProvider)
{
    public string RawArchiveDir { get; } = rawArchiveDir;

    public TimeProvider TimeProvider { get; } = timeProvider;

    /// <summary>One result per (edition, table); a broken table yields a failed result, never an exception.</summary>
    public Task<IReadOnlyList<TableExtraction>> ExtractAsync(
        string sourceName, SourceSettings source, ExtractRequest request, CancellationToken cancellationToken) =>
        throw new NotImplementedException("extraction is not built yet");
}
