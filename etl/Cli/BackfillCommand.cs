using System.CommandLine;
using Warehouse.Etl.Config;
using Warehouse.Etl.Pipeline;

namespace Warehouse.Etl.Cli;

/// <summary>The <c>backfill</c> verb: re-extract the given data years and rebuild; other years carry over.</summary>
public static class BackfillCommand
{
    public static Command Create()
    {
        var command = new Command("backfill", "Re-extract the given data years (editions year+1) and rebuild the warehouse; the other years carry over from the live file. --years is required.\n\nExample:\n  warehouse backfill --years 2010..2023\n  warehouse backfill --years 2022 --select hightech_yearbook").WithCommonOptions();
        command.SetAction((parseResult, cancellationToken) => PipelineVerb.RunAsync(
            parseResult,
            (_, years) => years is null
                ? throw new ConfigException("backfill needs --years A..B, e.g. --years 2010..2023 (a full rebuild is 'warehouse build')")
                : new BuildRequest("backfill", PipelineSteps.All, years),
            cancellationToken));
        return command;
    }
}
