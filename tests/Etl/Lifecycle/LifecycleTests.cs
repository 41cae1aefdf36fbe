using Warehouse.Etl.Lifecycle;
using Warehouse.Etl.Runs;
using Warehouse.Tests.Etl.Pipeline;

namespace Warehouse.Tests.Etl.Lifecycle;

[TestFixture]
public sealed class LifecycleTests
{
    private PipelineFixture fixture = null!;

    [SetUp]
    public void Create() => fixture = new PipelineFixture();

    [TearDown]
    public void Dispose() => fixture.Dispose();

    [Test]
    public async Task A_second_build_fails_fast_while_the_lock_is_held()
    {
        await fixture.BuildAsync();
        string before = PipelineRunnerTests.Hash(fixture.LivePath);
        var files = new WarehouseFiles(fixture.LivePath);
        using (BuildLock.Acquire(files.LockPath, "20261128T000000Z-0000", fixture.Clock.GetUtcNow()))
        {
            File.WriteAllText(files.Candidate("20261128T000000Z-0000"), "the other build's file");
            var refused = await fixture.BuildAsync();

            Assert.That(refused.Outcome, Is.EqualTo(Outcome.Failed));
            Assert.That(refused.Message, Does.Contain("another build holds").And.Contain("run 20261128T000000Z-0000"));
            Assert.That(BuildLock.IsHeld(files.LockPath), Is.True);
        }

        Assert.That(PipelineRunnerTests.Hash(fixture.LivePath), Is.EqualTo(before));
        Assert.That(File.Exists(files.Candidate("20261128T000000Z-0000")), Is.True, "the refused build touched nothing");
        Assert.That(BuildLock.IsHeld(files.LockPath), Is.False);
        Assert.That((await fixture.BuildAsync()).Outcome, Is.EqualTo(Outcome.Ok), "the lock is released with its holder");
    }

    [Test]
    public async Task A_build_refused_before_the_holder_made_its_build_file_still_names_the_holder()
    {
        var files = new WarehouseFiles(fixture.LivePath);
        Directory.CreateDirectory(files.Folder);
        using (BuildLock.Acquire(files.LockPath, "20261128T000000Z-0001", fixture.Clock.GetUtcNow()))
        {
            // The holder is still hashing its inputs: no build file of it yet.
            Assert.That(files.CandidateFiles(), Is.Empty);
            var refused = await fixture.BuildAsync();

            Assert.That(refused.Outcome, Is.EqualTo(Outcome.Failed));
            Assert.That(refused.Message, Does.Contain($"pid {Environment.ProcessId}, run 20261128T000000Z-0001, since "));
        }

        Assert.That(File.Exists(files.LockPath + ".owner"), Is.False, "the owner line goes with the lock");
    }

    [Test]
    public async Task An_owner_line_older_than_the_lock_is_not_taken_for_the_holder()
    {
        var files = new WarehouseFiles(fixture.LivePath);
        Directory.CreateDirectory(files.Folder);
        using (BuildLock.Acquire(files.LockPath, "20261128T000000Z-0002", fixture.Clock.GetUtcNow()))
        {
            // A line an earlier holder left, which this holder could not overwrite (another user's file).
            string owner = files.LockPath + ".owner";
            File.WriteAllText(owner, "pid 4242, run 20250101T000000Z-dead, since 2025-01-01T00:00:00Z\n");
            File.SetLastWriteTimeUtc(owner, File.GetLastWriteTimeUtc(files.LockPath).AddMinutes(-5));
            File.WriteAllText(files.Candidate("20261128T000000Z-0002"), "the holder's build file");

            var refused = await fixture.BuildAsync();

            Assert.That(refused.Message, Does.Not.Contain("pid 4242").And.Contain("building warehouse.20261128T000000Z-0002.duckdb"));
        }
    }

    [Test]
    public async Task Previous_builds_are_kept_up_to_keep_previous()
    {
        for (int i = 0; i < 4; i++)
        {
            Assert.That((await fixture.BuildAsync()).Outcome, Is.EqualTo(Outcome.Ok));
        }

        Assert.That(fixture.WarehouseFileNames(), Is.EqualTo(new[]
        {
            "warehouse.duckdb", "warehouse.duckdb.build-lock", "warehouse.previous-1.duckdb", "warehouse.previous-2.duckdb",
        }));
        string folder = fixture.Folder;
        Assert.That(PipelineFixture.Scalar<long>(fixture.LivePath, "select count(*) from meta.run"), Is.EqualTo(4));
        Assert.That(PipelineFixture.Scalar<long>(Path.Combine(folder, "warehouse.previous-1.duckdb"), "select count(*) from meta.run"), Is.EqualTo(3));
        Assert.That(PipelineFixture.Scalar<long>(Path.Combine(folder, "warehouse.previous-2.duckdb"), "select count(*) from meta.run"), Is.EqualTo(2));
    }

    [Test]
    public async Task Build_files_of_dead_runs_are_deleted_at_start()
    {
        string stale = Path.Combine(fixture.Folder, "warehouse.20250101T030000Z-dead.duckdb");
        File.WriteAllText(stale, "half written");
        File.WriteAllText(stale + ".wal", "half written");
        string unrelated = Path.Combine(fixture.Folder, "warehouse.copy.duckdb");
        File.WriteAllText(unrelated, "an analyst's copy");

        var result = await fixture.BuildAsync();

        Assert.That(result.Outcome, Is.EqualTo(Outcome.Ok));
        Assert.That(File.Exists(stale), Is.False);
        Assert.That(File.Exists(stale + ".wal"), Is.False);
        Assert.That(File.Exists(unrelated), Is.True, "only files named like a build candidate are touched");
    }

    [Test]
    public void Swap_replaces_the_live_file_and_shifts_previous_ones()
    {
        var files = new WarehouseFiles(Path.Combine(fixture.Folder, "warehouse.duckdb"));
        File.WriteAllText(files.LivePath, "v1");
        File.WriteAllText(files.Previous(1), "v0");
        string candidate = files.Candidate("20261128T030000Z-aaaa");
        File.WriteAllText(candidate, "v2");

        BlueGreenSwap.Promote(files, candidate, keepPrevious: 1);

        Assert.That(File.ReadAllText(files.LivePath), Is.EqualTo("v2"));
        Assert.That(File.ReadAllText(files.Previous(1)), Is.EqualTo("v1"));
        Assert.That(File.Exists(files.Previous(2)), Is.False);
        Assert.That(File.Exists(candidate), Is.False);
    }

    [Test]
    public void Keep_previous_zero_keeps_nothing()
    {
        var files = new WarehouseFiles(Path.Combine(fixture.Folder, "warehouse.duckdb"));
        File.WriteAllText(files.LivePath, "v1");
        File.WriteAllText(files.Previous(1), "v0");
        string candidate = files.Candidate("20261128T030000Z-aaaa");
        File.WriteAllText(candidate, "v2");

        BlueGreenSwap.Promote(files, candidate, keepPrevious: 0);

        Assert.That(fixture.WarehouseFileNames(), Is.EqualTo(new[] { "warehouse.duckdb" }));
    }
}
