using System.CommandLine;
using DuckDB.NET.Data;
using Warehouse.Analysis.Data;
using Warehouse.Etl.Transform;

namespace Warehouse.Etl.Cli;

/// <summary>The <c>docs</c> verb: markdown data dictionary and mermaid lineage graph.</summary>
public static class DocsCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out")
        {
            Description = "Output folder",
            DefaultValueFactory = _ => ".warehouse/docs",
        };
        var command = new Command("docs", "Write the data dictionary and lineage graph.\n\nExample:\n  warehouse docs --out out/docs") { output };
        command.WithCommonOptions(CommonOptions.Config, CommonOptions.Db, CommonOptions.DryRun);
        command.SetAction(parseResult => Run(
            parseResult.GetValue(CommonOptions.Config)!,
            parseResult.GetValue(CommonOptions.Db),
            parseResult.GetValue(output)!,
            parseResult.GetValue(CommonOptions.DryRun),
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    internal static int Run(string configPath, string? db, string outDir, TextWriter log) => Run(configPath, db, outDir, dryRun: false, log);

    /// <summary>Writes the two files (or, with <paramref name="dryRun"/>, names them and writes nothing).</summary>
    internal static int Run(string configPath, string? db, string outDir, bool dryRun, TextWriter log)
    {
        var verb = new VerbOutput("docs", log, log);
        if (dryRun)
        {
            foreach (string file in new[] { "data-dictionary.md", "lineage.md" })
                verb.Note($"dry run, would write {Path.GetFullPath(Path.Combine(outDir, file))}");
            return ExitCodes.Ok;
        }

        try
        {
            var catalog = ModelCatalog.Load();
            IReadOnlyDictionary<string, IReadOnlyList<string>> sources = new Dictionary<string, IReadOnlyList<string>>();
            var config = File.Exists(configPath) ? WarehouseConfigReader.Load(configPath) : null;
            if (config is not null)
            {
                sources = config.Sources
                    .ToDictionary(s => s.Key, s => (IReadOnlyList<string>)s.Value.Tables.Select(t => t.Id).ToList());
            }

            string? path = db is not null ? Path.GetFullPath(db) : config?.Warehouse.Path;
            DuckDBConnection? warehouse = null;
            if (path is not null && File.Exists(path))
            {
                warehouse = WarehouseConnection.OpenReadOnly(path);
            }
            else
            {
                verb.Note("no warehouse file; column types and COMMENT ON text come from the YAML docs only");
            }

            using (warehouse)
            {
                foreach (string file in DataDictionaryWriter.Write(catalog, outDir, warehouse, sources))
                    verb.Note($"wrote {file}");
            }

            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or DuckDBException or UnauthorizedAccessException)
        {
            verb.Error(e.Message.Split('\n', 2)[0].Trim());
            return ExitCodes.Usage;
        }
    }
}
