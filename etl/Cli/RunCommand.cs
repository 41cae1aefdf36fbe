using System.CommandLine;
using Warehouse.Etl.Config;
using Warehouse.Etl.Pipeline;

namespace Warehouse.Etl.Cli;

/// <summary>The <c>run</c> verb: one named pipeline of pipelines.yml, with its steps and full_refresh setting.</summary>
public static class RunCommand
{
    private static readonly Argument<string> PipelineName = new("pipeline") { Description = "Name of a pipeline in pipelines.yml, e.g. nightly" };

    public static Command Create()
    {
        var command = new Command("run", "Run one named pipeline from pipelines.yml (its steps; full_refresh if it says so), blue/green like build.\n\nExample:\n  warehouse run nightly\n  warehouse run yearly --dry-run").WithCommonOptions();
        command.Arguments.Add(PipelineName);
        command.SetAction((parseResult, cancellationToken) => PipelineVerb.RunAsync(
            parseResult,
            (config, years) =>
            {
                string name = parseResult.GetValue(PipelineName)!;
                if (!config.Pipelines.TryGetValue(name, out var pipeline))
                {
                    throw new ConfigException($"no pipeline '{name}' in {config.SourcePath}; pipelines: {string.Join(", ", config.Pipelines.Keys)}");
                }

                return new BuildRequest(name, pipeline.Steps, years, FullRefresh: pipeline.FullRefresh);
            },
            cancellationToken));
        return command;
    }
}
