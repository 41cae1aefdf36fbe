using Warehouse.Tests.Etl;
using Warehouse.Tests.Support;

namespace Warehouse.Tests.Bench;

/// <summary><c>bench fe --end-to-end</c> as a user runs it (a child <c>warehouse</c> process): our warm and cold figures,
/// and the fread + feols reference run beside them when <c>Rscript</c> is on the PATH.</summary>
[TestFixture]
[NonParallelizable]
public sealed class EndToEndBenchTests
{
    private string folder = null!;

    [SetUp]
    public void Scratch() => folder = TestPaths.TempFolder();

    [TearDown]
    public void Remove() => Directory.Delete(folder, recursive: true);

    [Test]
    public async Task Without_Rscript_it_prints_its_own_figures_and_says_why_there_is_no_reference()
    {
        var empty = Directory.CreateDirectory(Path.Combine(folder, "no-r")).FullName;
        var (exit, stdout, stderr) = await RunAsync(empty);
        Assert.That(exit, Is.EqualTo(0), stdout + stderr);
        Assert.That(stdout, Does.Match(@"(?m)^  load\s+\d+\.\d{3} s \[\d+\.\d{3}–\d+\.\d{3}\]"), stdout);
        Assert.That(stdout, Does.Match(@"(?m)^cold: a fresh `warehouse estimate --csv .*e2e\.csv"), stdout);
        Assert.That(stdout, Does.Match(@"(?m)^  peak RSS\s+\d+ MiB"), stdout);
        Assert.That(stdout, Does.Contain("reference: Rscript is not on the PATH"), stdout);
    }

    [Test]
    public async Task With_Rscript_it_times_the_reference_between_its_own_runs_and_puts_the_two_side_by_side()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("the stand-in Rscript is a shell script");
            return;
        }

        // A stand-in for R that answers as the bench's R one-liner does; real R may not be on the machine.
        var bin = Directory.CreateDirectory(Path.Combine(folder, "bin")).FullName;
        var rscript = Path.Combine(bin, "Rscript");
        File.WriteAllText(rscript, "#!/bin/sh\necho \"$2\" > \"${0%/*}/script.R\"\necho 'warehouse-bench load=0.25 fit=1.5'\n");
        File.SetUnixFileMode(rscript, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var (exit, stdout, stderr) = await RunAsync(bin);
        Assert.That(exit, Is.EqualTo(0), stdout + stderr);
        Assert.That(stdout, Does.Contain("reference: a fresh `Rscript` per run, taking turns with ours"), stdout);
        Assert.That(stdout, Does.Match(@"(?m)^  load\s+0\.250 s \[0\.250–0\.250\]\s+\(fread\)"), stdout);
        Assert.That(stdout, Does.Match(@"(?m)^  fit\s+1\.500 s \[1\.500–1\.500\]\s+\(feols"), stdout);
        Assert.That(stdout, Does.Match(@"(?m)^  ours / R   load \d+\.\d\d, load \+ fit \d+\.\d\d, peak RSS (\d+\.\d\d|n/a) \(cold medians\)"), stdout);
        var script = File.ReadAllText(Path.Combine(bin, "script.R"));
        Assert.That(script, Does.Contain($"fread(\"{Path.Combine(folder, "e2e.csv")}\")"));
        Assert.That(script, Does.Contain("fixest::feols(y ~ x1 + x2 | id + year + firm, d, cluster = ~id)"));
    }

    private Task<(int Exit, string Stdout, string Stderr)> RunAsync(string path) =>
        WarehouseChild.RunAsync(TimeSpan.FromMinutes(3),
            ["bench", "fe", "--end-to-end", "--rows", "20000", "--repeat", "1", "--csv-out", Path.Combine(folder, "e2e.csv")],
            new Dictionary<string, string> { ["PATH"] = path });
}
