using Warehouse.Etl.Config;
using Warehouse.Etl.Extraction;

namespace Warehouse.Etl.Pipeline;

/// <summary>What extracting one source came to: its tables, or the error that stopped the whole source.</summary>
/// <param name="Name">The source's name in pipelines.yml.</param>
/// <param name="StartedAt">When its extraction started.</param>
/// <param name="Elapsed">How long it took, on its own clock (sources overlap).</param>
/// <param name="Tables">One result per (edition, table), in the source's order; empty when <paramref name="Error"/> is set.</param>
/// <param name="Error">Why the source could not be read at all; null when it was.</param>
internal sealed record SourceExtraction(string Name, DateTimeOffset StartedAt, TimeSpan Elapsed, IReadOnlyList<TableExtraction> Tables, string? Error);

/// <summary>Extracts the selected sources at the same time and hands them back in configuration order, so a build uses
/// every core for parsing while what it loads, and the order it records steps in, stay those of one source after
/// another.</summary>
/// <remarks>Files (demo mirrors, directories, the archive under <c>--offline</c>) are read concurrently, one task per
/// source. HTTP sources stay one after another in a single task: each source's politeness (its request rate) is its
/// own, and two sources on one host at once would double the rate that host sees.</remarks>
internal static class ConcurrentExtraction
{
    /// <summary>Runs every source's extraction and waits for all of them, also when one is cancelled.</summary>
    /// <exception cref="OperationCanceledException">The build was cancelled (after every extraction stopped).</exception>
    public static async Task<IReadOnlyList<SourceExtraction>> RunAsync(
        IReadOnlyList<(string Name, SourceSettings Source)> sources, bool offline,
        Func<string, SourceSettings, CancellationToken, Task<IReadOnlyList<TableExtraction>>> extract,
        TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var results = new SourceExtraction?[sources.Count];
        var online = Enumerable.Range(0, sources.Count).Where(i => sources[i].Source.Kind == SourceKind.Http && !offline).ToList();
        var work = Enumerable.Range(0, sources.Count).Except(online)
            .Select(i => Task.Run(async () => { results[i] = await ExtractOneAsync(sources[i], extract, timeProvider, cancellationToken); }, cancellationToken))
            .ToList<Task>();
        if (online.Count > 0)
        {
            work.Add(Task.Run(async () =>
            {
                foreach (int i in online)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    results[i] = await ExtractOneAsync(sources[i], extract, timeProvider, cancellationToken);
                }
            }, cancellationToken));
        }

        // Task.WhenAll waits for every task, also after one is cancelled: nothing reads or archives once the build has stopped.
        await Task.WhenAll(work);
        return results.Select(r => r!).ToList();
    }

    private static async Task<SourceExtraction> ExtractOneAsync(
        (string Name, SourceSettings Source) source, Func<string, SourceSettings, CancellationToken, Task<IReadOnlyList<TableExtraction>>> extract,
        TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetUtcNow();
        long clock = timeProvider.GetTimestamp();
        try
        {
            var tables = await extract(source.Name, source.Source, cancellationToken);
            return new SourceExtraction(source.Name, started, timeProvider.GetElapsedTime(clock), tables, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new SourceExtraction(source.Name, started, timeProvider.GetElapsedTime(clock), [], ex.Message);
        }
    }
}
