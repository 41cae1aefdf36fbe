using System.CommandLine;

namespace Warehouse.Etl.Cli;

/// <summary>Options every verb understands (docs/architecture.md#conventions). Shared instances, added per command.</summary>
public static class CommonOptions
{
    public static readonly Option<string> Config = new("--config")
    {
        Description = "Path of pipelines.yml",
        DefaultValueFactory = _ => "./pipelines.yml",
    };

    public static readonly Option<string?> Db = new("--db")
    {
        Description = "DuckDB file to use instead of the configured live warehouse",
        // An empty value (an unset shell variable) would silently mean the configured warehouse to some verbs.
        Validators = { result => { if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string?>())) result.AddError("--db needs a file path; got an empty value"); } },
    };

    public static readonly Option<string[]> Select = new("--select")
    {
        Description = "Only these sources / tables / relations (repeatable, comma-separated)",
        AllowMultipleArgumentsPerToken = true,
    };

    public static readonly Option<string?> Years = new("--years")
    {
        Description = "Data years as A..B, e.g. 2010..2023",
    };

    public static readonly Option<bool> DryRun = new("--dry-run")
    {
        Description = "Print the work list and the SQL; write nothing",
    };

    public static readonly Option<bool> FullRefresh = new("--full-refresh")
    {
        Description = "Build even when nothing changed since the live warehouse's last run (otherwise skipped), re-read every edition and start staging empty",
    };

    public static readonly Option<bool> Offline = new("--offline")
    {
        Description = "Re-parse from the raw archive; never touch the network",
    };

    /// <summary>Adds every common option to a command: for the pipeline verbs, which honour all of them.</summary>
    public static Command WithCommonOptions(this Command command) =>
        command.WithCommonOptions(Config, Db, Select, Years, DryRun, FullRefresh, Offline);

    /// <summary>
    /// Adds only the common options a verb honours, so one it would ignore is refused by the parser
    /// ("Unrecognized command or argument") instead of being accepted and silently doing nothing.
    /// </summary>
    public static Command WithCommonOptions(this Command command, params Option[] honoured)
    {
        foreach (var option in honoured)
            command.Options.Add(option);
        return command;
    }
}
