using Warehouse.Etl.Config;
using Warehouse.Etl.Pipeline;

namespace Warehouse.Tests.Etl.Pipeline;

[TestFixture]
public sealed class WorkListTests
{
    [Test]
    public void Progress_units_are_edition_tables_for_extract_and_load()
    {
        var config = ConfigLoader.Load(RepositoryPaths.PipelinesYml);
        var sources = SelectFilter.Apply(config, null);

        var all = WorkList.Expected(new BuildRequest("build", PipelineSteps.All), sources);
        var twoYears = WorkList.Expected(new BuildRequest("build", PipelineSteps.All, YearRange.Parse("2021..2022")), sources);

        // labour: 14 editions x 1 table; hightech: 14 x 2; nbs: no editions, 11 tables.
        Assert.That(all, Is.EqualTo(new[] { (PipelineStep.Extract, 53), (PipelineStep.Load, 53), (PipelineStep.Transform, 1), (PipelineStep.Test, 1), (PipelineStep.Report, 1) }));
        Assert.That(twoYears[0], Is.EqualTo((PipelineStep.Extract, 2 + 4 + 11)));
    }

    [Test]
    public void Select_narrows_to_a_table()
    {
        var config = ConfigLoader.Load(RepositoryPaths.PipelinesYml);

        var sources = SelectFilter.Apply(config, ["hightech_yearbook.2-5,nbs_provincial"]);

        Assert.That(sources.Select(s => $"{s.Name}:{s.Source.Tables.Count}"), Is.EqualTo(new[] { "hightech_yearbook:1", "nbs_provincial:11" }));
    }
}
