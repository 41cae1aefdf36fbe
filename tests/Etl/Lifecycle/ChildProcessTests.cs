using System.Diagnostics;
using Dapper;
using DuckDB.NET.Data;
using Warehouse.Etl.Cli;
using Warehouse.Etl.Lifecycle;
using Warehouse.Etl.Runs;
using Warehouse.Tests.Etl.Pipeline;

namespace Warehouse.Tests.Etl.Lifecycle;

/// <summary>Real <c>warehouse</c> processes killed mid-build: kill -9 and SIGTERM must leave the live warehouse
/// byte-for-byte untouched and the next build must succeed. The child is held just before its swap through
/// <see cref="PipelineVerb.HoldBeforeSwapVariable"/>, so the kill lands while its build file is complete but
/// not yet live — the moment a careless swap would corrupt.</summary>
[TestFixture]
[NonParallelizable]
public sealed class ChildProcessTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private PipelineFixture fixture = null!;

    [SetUp]
    public async Task CreateLiveWarehouse()
    {
        fixture = new PipelineFixture();
        // The first live file is built in this process (same code path, one child process fewer to wait for).
        var first = await fixture.Runner().RunAsync(new Warehouse.Etl.Pipeline.BuildRequest("tiny", [Warehouse.Etl.Config.PipelineStep.Load]), CancellationToken.None);
        Assert.That(first.Outcome, Is.EqualTo(Outcome.Ok), fixture.Stderr.ToString());
        using var connection = new DuckDBConnection($"Data Source={fixture.LivePath}");
        connection.Open();
        connection.Execute("""
            insert into staging.observation (source, edition, table_id, province_code, year, indicator, item, value, unit, raw_unit, raw_sha256, cell)
            select 'nbs', null, 'gdp', 11 + (i % 20), 2010 + (i // 20), 'gdp', null, i * 1.5, '100M yuan', '亿元', 'ab', 'row ' || i
            from range(60) t(i)
            """);
    }

    [TearDown]
    public void Dispose() => fixture.Dispose();

    [Test]
    public async Task Kill_9_mid_build_leaves_the_live_file_untouched_and_the_next_build_succeeds()
    {
        string before = PipelineRunnerTests.Hash(fixture.LivePath);
        using (var child = Start(hold: true))
        {
            await WaitForLineAsync(child, "holding before swap");
            Assert.That(await QueryAsync("select count(*) as n from staging.observation"), Does.Contain("60"),
                "warehouse query reads the live file while a build is running");
            child.Kill(); // SIGKILL: no handler runs, no cleanup happens
            await child.WaitForExitAsync();
        }

        var files = new WarehouseFiles(fixture.LivePath);
        Assert.Multiple(() =>
        {
            Assert.That(PipelineRunnerTests.Hash(fixture.LivePath), Is.EqualTo(before), "live file byte-for-byte untouched");
            Assert.That(PipelineFixture.Scalar<long>(fixture.LivePath, "select count(*) from staging.observation"), Is.EqualTo(60), "opens read-only, same rows");
            Assert.That(files.CandidateFiles().Count(f => f.EndsWith(".duckdb", StringComparison.Ordinal)), Is.EqualTo(1), "the dead build's file is left behind");
            Assert.That(BuildLock.IsHeld(files.LockPath), Is.False, "the kernel released the dead process's lock");
        });

        var (exitCode, output) = await RunToEndAsync();

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Ok), output);
            Assert.That(files.CandidateFiles(), Is.Empty, "the next build removed the dead build's file");
            Assert.That(PipelineFixture.Scalar<long>(fixture.LivePath, "select count(*) from staging.observation"), Is.EqualTo(60), "staging carried over");
            Assert.That(PipelineFixture.Scalar<long>(fixture.LivePath, "select count(*) from meta.run where status = 'succeeded'"), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Sigterm_mid_build_cancels_cleanly()
    {
        string before = PipelineRunnerTests.Hash(fixture.LivePath);
        string output;
        int exitCode;
        using (var child = Start(hold: true))
        {
            string seen = await WaitForLineAsync(child, "holding before swap");
            using (var kill = Process.Start("kill", ["-TERM", child.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(Patience);
            await child.WaitForExitAsync(timeout.Token);
            output = seen + await child.StandardOutput.ReadToEndAsync(timeout.Token) + await child.StandardError.ReadToEndAsync(timeout.Token);
            exitCode = child.ExitCode;
        }

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Not.EqualTo(ExitCodes.Ok), output);
            Assert.That(output, Does.Contain("cancelled"));
            Assert.That(PipelineRunnerTests.Hash(fixture.LivePath), Is.EqualTo(before));
            Assert.That(new WarehouseFiles(fixture.LivePath).CandidateFiles(), Is.Empty, "the cancelled build deleted its file");
        });
    }

    /// <summary>The <c>query</c> verb, in this process, against the live file.</summary>
    private async Task<string> QueryAsync(string sql)
    {
        var original = Console.Out;
        using var captured = new StringWriter();
        Console.SetOut(captured);
        try
        {
            int exitCode = await RootCommandFactory.Create()
                .Parse(["query", sql, "--config", fixture.ConfigPath, "--db", fixture.LivePath, "--format", "csv"]).InvokeAsync();
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Ok));
            return captured.ToString();
        }
        finally
        {
            Console.SetOut(original);
        }
    }

    private Process Start(bool hold)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = fixture.Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { Path.Combine(AppContext.BaseDirectory, "warehouse.dll"), "run", "tiny", "--config", fixture.ConfigPath })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment[PipelineVerb.HoldBeforeSwapVariable] = hold ? "1" : "0";
        return Process.Start(info)!;
    }

    private async Task<(int ExitCode, string Output)> RunToEndAsync()
    {
        using var child = Start(hold: false);
        using var timeout = new CancellationTokenSource(Patience);
        var stdout = child.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = child.StandardError.ReadToEndAsync(timeout.Token);
        await child.WaitForExitAsync(timeout.Token);
        return (child.ExitCode, await stdout + await stderr);
    }

    private static async Task<string> WaitForLineAsync(Process child, string line)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var seen = new System.Text.StringBuilder();
        while (await child.StandardOutput.ReadLineAsync(timeout.Token) is { } text)
        {
            seen.AppendLine(text);
            if (text == line)
            {
                return seen.ToString();
            }
        }

        Assert.Fail($"the child exited before printing '{line}': {seen}{await child.StandardError.ReadToEndAsync(timeout.Token)}");
        return "";
    }
}
