using Warehouse.Etl.Reporting;
using Warehouse.Etl.Runs;

namespace Warehouse.Tests.Analysis;

/// <summary>The report verb and seam on a simulated warehouse, with the real pipelines.yml specs.</summary>
[TestFixture]
public sealed class ReportTests
{
    private static (Warehouse.Etl.Config.AnalysisSettings Analysis, string Db, string Out) Setup(bool isDemo)
    {
        var scratch = TestPaths.Scratch("report");
        var db = SimulatedWarehouse.Create(Path.Combine(scratch, "warehouse.duckdb"), isDemo, runId: "run-42");
        var analysis = Warehouse.Etl.Config.ConfigLoader.Load(RepositoryPaths.PipelinesYml).Analysis;
        // keep the test quick; the size test lives in the Monte-Carlo tests
        analysis = analysis with { Bootstrap = analysis.Bootstrap with { Replications = 999 } };
        return (analysis, db, Path.Combine(scratch, "out"));
    }

    [Test]
    public async Task Report_prints_the_papers_tables_and_writes_every_file()
    {
        var (analysis, db, outDir) = Setup(isDemo: true);
        using var stdout = new StringWriter();
        var outcome = await ReportStep.RunAsync(db, analysis, outDir, stdout, CancellationToken.None);
        var text = stdout.ToString();
        Assert.That(outcome, Is.EqualTo(Outcome.Ok), text);
        Assert.That(text, Does.Contain("Table 1").And.Contain("Table 2").And.Contain("(1)").And.Contain("(4)"));
        Assert.That(text, Does.Contain("Province FE").And.Contain("Year FE").And.Contain("Controls"));
        Assert.That(text, Does.Contain("run-42"), "the run id read is recorded");
        Assert.That(text, Does.Contain("DEMO CORPUS"));
        Assert.That(text, Does.Match(@"N\s+420\s+420\s+420\s+420"), "Table 1 has N = 420 in every column");
        Assert.That(text, Does.Match(@"N\s+168\s+126\s+126"), "Table 2 has East 168, Middle 126, West 126");
        Assert.That(text, Does.Contain("WCR Rademacher").And.Contain("WCR Webb"));
        Assert.That(text, Does.Contain("U-test"));
        Assert.That(text, Does.Contain("(R5)").And.Contain("(R6)").And.Contain("(R7)").And.Contain("(R8)"),
            "robustness: region-by-year FE, province trends, Driscoll–Kraay, IV with lagged co");
        foreach (var f in new[] { "tables.txt", "tables.md", "tables.tex", "report.html" })
            Assert.That(File.Exists(Path.Combine(outDir, f)), f);
        foreach (var plot in new[] { "coefficients", "co_by_region", "ln_expy_by_region", "scatter_quadratic" })
        {
            Assert.That(new FileInfo(Path.Combine(outDir, "plots", plot + ".svg")).Length, Is.GreaterThan(1000), plot);
            Assert.That(new FileInfo(Path.Combine(outDir, "plots", plot + ".png")).Length, Is.GreaterThan(1000), plot);
        }
        var html = await File.ReadAllTextAsync(Path.Combine(outDir, "report.html"));
        Assert.That(html, Does.Contain("run-42").And.Contain("DEMO CORPUS").And.Contain("plots/scatter_quadratic.svg"));
        var tex = await File.ReadAllTextAsync(Path.Combine(outDir, "tables.tex"));
        Assert.That(tex, Does.Contain("\\begin{tabular}").And.Contain("$^{***}$"));
    }

    /// <summary>A build starts the report before its data tests end: the report estimates, then waits for the go-ahead,
    /// and writes and prints only when it comes; told no, it leaves no file and no line behind.</summary>
    [Test]
    public async Task The_report_writes_only_after_the_go_ahead_and_nothing_when_told_no()
    {
        var (analysis, db, outDir) = Setup(isDemo: true);
        using var refused = new StringWriter();
        var outcome = await ReportStep.RunAsync(db, analysis, outDir, refused, Task.FromResult(false), CancellationToken.None);
        Assert.That(outcome, Is.EqualTo(Outcome.Ok));
        Assert.That(refused.ToString(), Is.Empty);
        Assert.That(Directory.Exists(outDir), Is.False, "nothing written without the go-ahead");

        var goAhead = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stdout = new StringWriter();
        var report = ReportStep.RunAsync(db, analysis, outDir, stdout, goAhead.Task, CancellationToken.None);
        // The estimates take a while; whatever the report got to, it must not have written yet.
        await Task.WhenAny(report, Task.Delay(200));
        Assert.That(Directory.Exists(outDir), Is.False, "waiting for the go-ahead");
        goAhead.SetResult(true);
        Assert.That(await report, Is.EqualTo(Outcome.Ok), stdout.ToString());
        Assert.That(File.Exists(Path.Combine(outDir, "report.html")), Is.True);
        Assert.That(stdout.ToString(), Does.Contain("Table 1").And.Contain("Report written to"));
    }

    /// <summary>The specs' fits and bootstraps run on every core; on one thread the report is the same, to the last
    /// printed digit and in the same order, and every number within 1e-12 (bootstrap p-values, thresholds, mediation).</summary>
    [Test]
    public void Report_on_one_thread_equals_the_report_on_all_cores()
    {
        var (analysis, db, outDir) = Setup(isDemo: true);
        var settings = ReportStep.ToSettings(analysis);
        var serial = Warehouse.Analysis.Reporting.ReportWriter.Write(db, analysis.Specs,
            settings with { Fit = settings.Fit with { Threads = 1 } }, outDir + "-serial");
        var parallel = Warehouse.Analysis.Reporting.ReportWriter.Write(db, analysis.Specs, settings, outDir + "-parallel");
        Assert.That(serial.Failures, Is.Empty);
        Assert.That(parallel.Text, Is.EqualTo(serial.Text));
        Assert.That(parallel.Outcomes.Select(o => o.Spec.Name), Is.EqualTo(analysis.Specs.Select(s => s.Name)));
        var estimates = (IEnumerable<Warehouse.Analysis.Specs.SpecOutcome> o) => o.SelectMany(x => x.Fit.Coefficients.Select(c => c.Estimate)
            .Concat(x.Bootstrap.Select(b => b.P)).Append(x.Mediation?.Bootstrap?.StdError ?? 0)
            .Concat(x.Threshold?.Models.Select(m => m.Bootstrap?.P ?? -1) ?? [])).ToArray();
        // Threads = 1 also runs the demeaning in one chunk instead of one per core, which reorders a few sums: the
        // numbers then agree to rounding (1e-12 relative), not to the bit.
        var (p, q) = (estimates(parallel.Outcomes), estimates(serial.Outcomes));
        Assert.That(p, Has.Length.EqualTo(q.Length));
        for (var i = 0; i < p.Length; i++) Assert.That(p[i], Is.EqualTo(q[i]).Within(1e-12 * Math.Max(1, Math.Abs(q[i]))), $"number {i}");
    }

    [Test]
    public async Task Report_on_real_data_does_not_claim_demo_and_finds_the_simulated_turning_point()
    {
        var (analysis, db, outDir) = Setup(isDemo: false);
        analysis = analysis with { Specs = analysis.Specs.Where(s => s.Table == "nonlinear").ToList() };
        using var stdout = new StringWriter();
        var outcome = await ReportStep.RunAsync(db, analysis, outDir, stdout, CancellationToken.None);
        Assert.That(outcome, Is.EqualTo(Outcome.Ok), stdout.ToString());
        Assert.That(stdout.ToString(), Does.Not.Contain("DEMO"));
        // True turning point −2.0 / (2 · −0.4) = 2.5 of an inverted U.
        Assert.That(stdout.ToString(), Does.Contain("shape inverted U").And.Match(@"turning point co = 2\.[45]\d*"));
    }

    [Test]
    public async Task Spec_on_a_missing_column_fails_that_spec_only_and_names_it()
    {
        var (analysis, db, outDir) = Setup(isDemo: false);
        analysis = analysis with
        {
            Specs = [.. analysis.Specs.Where(s => s.Name == "t1_c1"), new Warehouse.Analysis.Specs.ModelSpec { Name = "broken", Table = "robustness", Column = "(X)", Y = "ln_etc", X = ["no_such_column"] }],
        };
        using var stdout = new StringWriter();
        var outcome = await ReportStep.RunAsync(db, analysis, outDir, stdout, CancellationToken.None);
        Assert.That(outcome, Is.EqualTo(Outcome.Failed));
        Assert.That(stdout.ToString(), Does.Contain("FAILED: spec broken").And.Contain("no_such_column"));
        Assert.That(stdout.ToString(), Does.Contain("Table 1"));
    }

    [Test]
    public async Task Estimate_on_a_warehouse_names_the_run_it_read()
    {
        var (_, db, _) = Setup(isDemo: true);
        var (code, stdout, stderr) = await CliRunner.RunAsync("estimate", "--db", db, "--view", "panel", "--y", "ln_etc", "--x", "co,co_sq",
            "--fe", "province,year", "--cluster", "province", "--where", "region = 'west'");
        Assert.That(code, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain("Warehouse run: run-42 (demo corpus").And.Match(@"Observations\s+126"));
    }

    [Test]
    public async Task Report_verb_reads_config_and_db()
    {
        var (_, db, outDir) = Setup(isDemo: true);
        var (code, stdout, stderr) = await CliRunner.RunAsync("report", "--config", RepositoryPaths.PipelinesYml, "--db", db, "--out", outDir);
        Assert.That(code, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain("Table 2").And.Contain("run-42"));
    }
}
