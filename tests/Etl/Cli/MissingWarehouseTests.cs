using System.Diagnostics;
using Warehouse.Etl.Cli;

namespace Warehouse.Tests.Etl.Cli;

/// <summary>Every verb that reads the warehouse, run where there is none, exits 2 and says to run
/// <c>warehouse build</c> (issue 13 item 5) — as a real process, so what reaches the terminal is what is checked.</summary>
[TestFixture]
public sealed class MissingWarehouseTests
{
    private string folder = null!;

    [OneTimeSetUp]
    public void CreateProjectWithoutWarehouse()
    {
        folder = TestPaths.TempFolder();
        File.Copy(RepositoryPaths.PipelinesYml, Path.Combine(folder, "pipelines.yml"));
    }

    [OneTimeTearDown]
    public void Remove() => Directory.Delete(folder, recursive: true);

    [TestCase("query", "select 1")]
    [TestCase("test")]
    [TestCase("transform")]
    [TestCase("export", "--out", "out/export")]
    [TestCase("report", "--out", "out/report")]
    [TestCase("estimate", "--y", "ln_etc", "--x", "co")]
    public async Task A_missing_warehouse_exits_2_and_suggests_warehouse_build(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "warehouse.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        using var child = Process.Start(info)!;
        var stderr = child.StandardError.ReadToEndAsync();
        var stdout = child.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await child.WaitForExitAsync(timeout.Token);
        var message = await stderr;
        Assert.Multiple(() =>
        {
            Assert.That(child.ExitCode, Is.EqualTo(ExitCodes.Usage), message + stdout.Result);
            Assert.That(message, Does.StartWith($"warehouse {args[0]}: no warehouse at " + Path.Combine(folder, "warehouse.duckdb")), "one prefix for every verb");
            Assert.That(message, Does.Contain("`warehouse build`"));
            Assert.That(message, Does.Not.Contain("   at "), "no stack trace");
            Assert.That(Directory.Exists(Path.Combine(folder, "out")), Is.False, "nothing written");
        });
    }
}
