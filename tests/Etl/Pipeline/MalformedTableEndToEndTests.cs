using Warehouse.Etl.Config;
using Warehouse.Etl.Pipeline;
using Warehouse.Etl.Runs;

namespace Warehouse.Tests.Etl.Pipeline;

/// <summary>
/// Issue 3's acceptance through the real parts (directory source, NBS-CSV reader, profile, loader, real DuckDB
/// file): one malformed table fails alone, the other loads, and the run's status and meta.run_step say which
/// table failed and why — naming the file, the row and the cell.
/// </summary>
[TestFixture]
public sealed class MalformedTableEndToEndTests
{
    private PipelineFixture fixture = null!;

    [SetUp]
    public void SetUp() => fixture = new PipelineFixture();

    [TearDown]
    public void TearDown() => fixture.Dispose();


    [Test]
    public async Task A_malformed_table_fails_alone_and_the_run_names_file_row_and_cell()
    {
        fixture.WriteNbsExport("fsnd_gdp.csv", "指标：地区生产总值(亿元)",
            "北京市\t,43760.7\t,41610.9\t,", "天津市\t,16737.3\t,16311.3\t,");
        fixture.WriteNbsExport("fsnd_population.csv", "指标：年末常住人口(万人)",
            "北京市\t,2185.8\t,2184.3\t,", "天津市\t,13x6\t,1363.0\t,");

        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var runner = new PipelineRunner(fixture.Config, new PipelineParts(), fixture.Clock,
            new StepConsole(fixture.Stdout, interactive: false), fixture.Stdout, fixture.Stderr);
        var result = await runner.RunAsync(new BuildRequest("build", [PipelineStep.Extract, PipelineStep.Load]), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(Outcome.Failed));
            Assert.That(result.Status, Is.EqualTo(RunStatus.Failed));
            Assert.That(result.Message, Does.Contain("population"));
        });

        string live = fixture.LivePath;
        var failed = PipelineFixture.Rows(live,
            "select step, table_id, status, error from meta.run_step where status = 'failed'");
        Assert.That(failed, Has.Count.EqualTo(1));
        string error = (string)failed[0].error;
        Assert.Multiple(() =>
        {
            Assert.That((string)failed[0].table_id, Is.EqualTo("population"));
            Assert.That(error, Does.Contain("fsnd_population.csv"));
            Assert.That(error, Does.Contain("天津"));
            Assert.That(error, Does.Contain("13x6"));
        });

        Assert.Multiple(() =>
        {
            Assert.That(PipelineFixture.Scalar<long>(live, "select count(*) from staging.observation where table_id = 'gdp'"), Is.EqualTo(4));
            Assert.That(PipelineFixture.Scalar<long>(live, "select count(*) from staging.observation where table_id = 'population'"), Is.Zero);
            Assert.That(PipelineFixture.Scalar<string>(live, "select status from meta.run"), Is.EqualTo(RunStatus.Failed.Name()));
        });
    }

    [Test]
    public async Task A_failed_table_and_the_failed_run_are_logged_as_errors()
    {
        fixture.WriteNbsExport("fsnd_gdp.csv", "指标：地区生产总值(亿元)", "北京市\t,43760.7\t,41610.9\t,");
        fixture.WriteNbsExport("fsnd_population.csv", "指标：年末常住人口(万人)", "北京市\t,21x5.8\t,2184.3\t,");
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var runner = new PipelineRunner(fixture.Config, new PipelineParts(), fixture.Clock,
            new StepConsole(fixture.Stdout, interactive: false), fixture.Stdout, fixture.Stderr);
        var result = await runner.RunAsync(new BuildRequest("build", [PipelineStep.Extract, PipelineStep.Load]), CancellationToken.None);

        var errors = File.ReadAllLines(result.LogFile!)
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
            .Where(e => e.GetProperty("level").GetString() == "error")
            .Select(e => e.GetProperty("msg").GetString()!)
            .ToList();
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(Outcome.Failed));
            Assert.That(errors, Has.Some.Contains("population").And.Some.Contains("21x5.8"), "the failed table");
            Assert.That(errors, Has.Some.StartsWith("build failed"), "the run's final line");
            Assert.That(errors, Has.None.Contains("fsnd_gdp.csv"), "the table that loaded is not an error");
        });
    }
}
