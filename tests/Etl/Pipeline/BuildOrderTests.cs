using Warehouse.Etl.Config;
using Warehouse.Etl.Pipeline;

namespace Warehouse.Tests.Etl.Pipeline;

[TestFixture]
public sealed class BuildOrderTests
{
    private const string TwoSources = """
        warehouse:
          path: warehouse.duckdb
          raw_archive: raw
          log_dir: logs
        sources:
          first:
            kind: directory
            location: inbox1
            tables:
              - id: gdp
                match: "fsnd_gdp.csv"
                profile: nbs_provincial_indicator
              - id: population
                match: "fsnd_population.csv"
                profile: nbs_provincial_indicator
          second:
            kind: directory
            location: inbox2
            tables:
              - id: area
                match: "fsnd_area.csv"
                profile: nbs_provincial_indicator
        pipelines:
          tiny:
            schedule: "0 3 * * *"
            steps: [load]
        analysis:
          sample:
            years: "2010..2023"
        """;

    [Test]
    public async Task Sources_extracted_at_the_same_time_load_and_record_their_steps_in_configuration_order()
    {
        using var fixture = new PipelineFixture(TwoSources);
        var secondDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // The first source finishes last: it waits for the second (one after another, it would never finish).
        fixture.Parts.BeforeExtractReturns = async (name, ct) =>
        {
            if (name == "first")
                await secondDone.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);
            else
                secondDone.SetResult();
        };

        var result = await fixture.BuildAsync(new BuildRequest("build", [PipelineStep.Extract, PipelineStep.Load]));

        string[] expected =
        [
            "extract first gdp", "load first gdp", "extract first population", "load first population", "extract second area", "load second area",
        ];
        Assert.Multiple(() =>
        {
            Assert.That(result.Steps.Select(s => $"{s.Step.Name()} {s.Source} {s.TableId}"), Is.EqualTo(expected));
            Assert.That(PipelineFixture.Rows(fixture.LivePath, "select step, source, table_id from meta.run_step order by rowid")
                .Select(r => $"{r.step} {r.source} {r.table_id}"), Is.EqualTo(expected));
            Assert.That(PipelineFixture.Rows(fixture.LivePath, "select table_id from staging.observation group by table_id order by min(rowid)")
                .Select(r => (string)r.table_id), Is.EqualTo(new[] { "gdp", "population", "area" }), "staging rows in configuration order");
            Assert.That(fixture.Stdout.ToString().Split('\n').Where(l => l.StartsWith("succeeded", StringComparison.Ordinal)).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]),
                Is.EqualTo(new[] { "extract", "load", "extract", "load", "extract", "load" }));
        });
    }
}
