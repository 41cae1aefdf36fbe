using Warehouse.Etl.Config;
using Warehouse.Etl.Extraction;
using Warehouse.Etl.Lifecycle;
using Warehouse.Etl.Transform;

namespace Warehouse.Etl.Pipeline;

/// <summary>What <c>--dry-run</c> prints: the steps, the sources and tables with their editions, the files a
/// real run would write, and the SQL files it would apply. Writes nothing.</summary>
public static class WorkList
{
    public static void Print(TextWriter output, PipelinesFile config, BuildRequest request, WarehouseFiles files, IReadOnlyList<(string Name, SourceSettings Source)> sources)
    {
        output.WriteLine($"dry run of {request.Pipeline}: nothing will be written");
        output.WriteLine($"  steps:     {string.Join(" → ", PipelineSteps.All.Where(request.Has).Select(s => s.Name()))}");
        output.WriteLine($"  live:      {files.LivePath}");
        output.WriteLine($"  build to:  {files.Candidate("<run-id>")} (then swapped live, keeping {config.Warehouse.KeepPrevious} previous)");
        output.WriteLine($"  staging:   {(request.FullRefresh ? "starts empty (--full-refresh)" : "starts from the live warehouse's staging.observation")}");
        output.WriteLine($"  network:   {(request.Offline ? "off (--offline: archived bytes only)" : "allowed for http sources")}");
        if (request.Has(PipelineStep.Extract))
        {
            foreach (var (name, source) in sources)
            {
                string editions = source.Editions is not { } range ? "no editions" : $"editions {Editions(range, request.Years)}";
                output.WriteLine($"  extract {name} ({source.Kind.Name()} {source.Location}, {editions})");
                foreach (var table in source.Tables)
                {
                    output.WriteLine($"    table {table.Id}: {(table.Title is null ? $"files matching {table.Match}" : TableMatcher.Describe(table))}, profile {table.Profile ?? "detected from the title"}");
                    foreach (string line in DryRunFiles.Describe(source, table, request.Years?.Years.ToArray()))
                    {
                        output.WriteLine($"      {line}");
                    }
                }
            }
        }

        if (request.Has(PipelineStep.Transform))
        {
            // The same plan SqlModel.Apply runs; `warehouse transform --dry-run` prints the statements themselves.
            var plan = SqlModel.Plan(TransformSettings.From(config.Analysis));
            var relations = plan.Select(step => step.Label).Where(l => !l.EndsWith(" comments", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
            output.WriteLine($"  transform: migrations {string.Join(", ", SqlModel.MigrationScripts().Select(m => Path.GetFileName(m.Path)))}");
            output.WriteLine($"             then {plan.Count} statements, in this order:");
            foreach (string relation in relations)
            {
                output.WriteLine($"    {relation}");
            }
        }

        if (request.Has(PipelineStep.Test))
        {
            output.WriteLine("  test:      the data tests of sql/ (error severity blocks the swap)");
        }

        if (request.Has(PipelineStep.Analyze) || request.Has(PipelineStep.Report))
        {
            output.WriteLine($"  report:    {config.Analysis.Specs.Count} specs into {config.Analysis.ReportDir}");
        }

        if (request.Has(PipelineStep.Transform))
        {
            output.WriteLine();
            output.WriteLine("-- the SQL the transform step would run on the build file, in order");
            foreach (var (file, sql) in SqlModel.MigrationScripts())
            {
                output.WriteLine($"-- migration {Path.GetFileName(file)}\n{sql.TrimEnd()}\n");
            }

            foreach (var step in SqlModel.Plan(TransformSettings.From(config.Analysis)))
            {
                output.WriteLine($"-- {step.Label}\n{step.Sql};\n");
            }
        }
    }

    /// <summary>Units of work per step, for progress bars: one per (edition, table) for extract and load.</summary>
    public static IReadOnlyList<(PipelineStep Step, int Units)> Expected(BuildRequest request, IReadOnlyList<(string Name, SourceSettings Source)> sources)
    {
        int tables = sources.Sum(s => s.Source.Tables.Count * EditionCount(s.Source.Editions, request.Years));
        return PipelineSteps.All.Where(request.Has)
            .Where(step => step != PipelineStep.Analyze || !request.Has(PipelineStep.Report)) // one report step does both
            .Select(step => (step, step is PipelineStep.Extract or PipelineStep.Load ? tables : 1))
            .ToList();
    }

    private static int EditionCount(YearRange? configured, YearRange? years) =>
        configured is not { } range ? 1 : range.Years.Count(e => years is not { } wanted || wanted.Contains(e - 1));

    private static string Editions(YearRange range, YearRange? years)
    {
        if (years is not { } wanted)
        {
            return range.ToString();
        }

        // Edition E carries data year E - 1.
        var kept = range.Years.Where(e => wanted.Contains(e - 1)).ToList();
        return kept.Count == 0 ? $"none of {range} (no data years in {wanted})" : new YearRange(kept[0], kept[^1]).ToString();
    }
}
