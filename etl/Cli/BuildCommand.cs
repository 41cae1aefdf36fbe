using System.CommandLine;
using Warehouse.Etl.Config;
using Warehouse.Etl.Pipeline;

namespace Warehouse.Etl.Cli;

/// <summary>The <c>build</c> verb: every step, into a new file, swapped live when its data tests pass.</summary>
public static class BuildCommand
{
    public static Command Create()
    {
        var command = new Command("build", "Run the whole pipeline (extract, load, transform, test, analyze, report) into a new warehouse file, then swap it live. The live file is never written, so queries keep working during a build. Exit 0 ok, 1 a step or data test failed, 2 config or unexpected error.\n\nExample:\n  warehouse build\n  warehouse build --offline --years 2015..2023\n  warehouse build --select labour_yearbook.4-2 --dry-run").WithCommonOptions();
        command.SetAction((parseResult, cancellationToken) => PipelineVerb.RunAsync(
            parseResult,
            (_, years) => new BuildRequest("build", PipelineSteps.All, years),
            cancellationToken));
        return command;
    }
}
