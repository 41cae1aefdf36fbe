using System.CommandLine;

namespace Warehouse.Etl.Cli;

/// <summary>Assembles the <c>warehouse</c> command line: one verb per file in this folder.</summary>
public static class RootCommandFactory
{
    public static RootCommand Create()
    {
        var root = new RootCommand("warehouse — Chinese statistical yearbooks into a DuckDB warehouse, and the co-agglomeration regressions on top.")
        {
            BuildCommand.Create(),
            RunCommand.Create(),
            BackfillCommand.Create(),
            ExtractCommand.Create(),
            TransformCommand.Create(),
            TestCommand.Create(),
            EstimateCommand.Create(),
            ReportCommand.Create(),
            QueryCommand.Create(),
            ExportCommand.Create(),
            ScheduleCommand.Create(),
            DemoCommand.Create(),
            DocsCommand.Create(),
            ValidateCommand.Create(),
            BenchCommand.Create(),
        };
        return root;
    }
}
