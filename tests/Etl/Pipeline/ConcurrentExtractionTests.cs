using Warehouse.Etl.Config;
using Warehouse.Etl.Extraction;
using Warehouse.Etl.Pipeline;

namespace Warehouse.Tests.Etl.Pipeline;

[TestFixture]
public sealed class ConcurrentExtractionTests
{
    /// <summary>Only a guard against a hang if the code under test ran the sources one after another.</summary>
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(60);

    [Test]
    public async Task File_sources_run_at_the_same_time_and_come_back_in_configuration_order()
    {
        var secondStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        (string, SourceSettings)[] sources = [("first", Source(SourceKind.Directory)), ("second", Source(SourceKind.Demo)), ("third", Source(SourceKind.Directory))];

        var results = await ConcurrentExtraction.RunAsync(sources, offline: false, async (name, _, ct) =>
        {
            switch (name)
            {
                case "first":
                    // Finishes only once the second has started: run one after another, the first would never finish.
                    await secondStarted.Task.WaitAsync(Hang, ct);
                    firstDone.SetResult();
                    break;
                case "second":
                    secondStarted.SetResult();
                    break;
                default:
                    await firstDone.Task.WaitAsync(Hang, ct);
                    throw new IOException("third: the folder is gone");
            }

            return [Extracted(name)];
        }, TimeProvider.System, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(results.Select(r => r.Name), Is.EqualTo(new[] { "first", "second", "third" }));
            Assert.That(results.Select(r => r.Tables.Count), Is.EqualTo(new[] { 1, 1, 0 }));
            Assert.That(results.Select(r => r.Error), Is.EqualTo(new[] { null, null, "third: the folder is gone" }),
                "a source that throws fails alone");
        });
    }

    [Test]
    public async Task Http_sources_run_one_after_another_and_files_beside_them()
    {
        int running = 0, most = 0;
        var log = new List<string>();
        (string, SourceSettings)[] sources = [("web1", Source(SourceKind.Http)), ("files", Source(SourceKind.Directory)), ("web2", Source(SourceKind.Http))];

        var results = await ConcurrentExtraction.RunAsync(sources, offline: false, async (name, source, ct) =>
        {
            if (source.Kind == SourceKind.Http)
            {
                int now = Interlocked.Increment(ref running);
                InterlockedMax(ref most, now);
                await Task.Yield();
                lock (log)
                {
                    log.Add(name);
                }

                Interlocked.Decrement(ref running);
            }

            return [Extracted(name)];
        }, TimeProvider.System, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(most, Is.EqualTo(1), "never two HTTP sources at once: each source's request rate is its own");
            Assert.That(log, Is.EqualTo(new[] { "web1", "web2" }));
            Assert.That(results.Select(r => r.Name), Is.EqualTo(new[] { "web1", "files", "web2" }));
        });
    }

    [Test]
    public void Cancelling_waits_for_every_source_then_throws()
    {
        using var cancel = new CancellationTokenSource();
        int started = 0, finished = 0;
        (string, SourceSettings)[] sources = [("a", Source(SourceKind.Directory)), ("b", Source(SourceKind.Directory))];

        Assert.That(async () => await ConcurrentExtraction.RunAsync(sources, offline: false, async (name, _, ct) =>
        {
            Interlocked.Increment(ref started);
            if (name == "a")
            {
                await cancel.CancelAsync();
            }

            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            finally
            {
                Interlocked.Increment(ref finished);
            }

            return [];
        }, TimeProvider.System, cancel.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(finished, Is.EqualTo(started), "every source that started had stopped when the cancellation came back");
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private static SourceSettings Source(SourceKind kind) => new() { Kind = kind, Location = "inbox", Tables = [new TableSettings { Id = "t" }] };

    private static TableExtraction Extracted(string source) => new(source, null, "t", "inbox/t.csv", "ab", [], null, TimeSpan.Zero);
}
