using System.CommandLine;
using System.Globalization;
using DuckDB.NET.Data;
using Warehouse.Analysis.Data;
using Warehouse.Demo.Serving;
using Warehouse.Etl.Transform;

namespace Warehouse.Etl.Cli;

/// <summary>The <c>docs</c> verb: a static HTML docs site (a page per relation, lineage SVG, search) beside the markdown
/// data dictionary and mermaid lineage graph; <c>docs serve</c> writes it and serves it on 127.0.0.1.</summary>
public static class DocsCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out")
        {
            Description = "Output folder",
            DefaultValueFactory = _ => ".warehouse/docs",
        };
        var command = new Command("docs", "Write the docs site (index.html: search, relations, lineage graph; a page per relation with columns, " +
                                          "tests and their last results), the data dictionary and the lineage graph.\n\nExample:\n  warehouse docs --out out/docs\n  warehouse docs serve --port 8000")
        {
            output,
            CreateServe(),
        };
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
            foreach (string file in new[] { "index.html", "lineage.svg", "relations/<schema>.<relation>.html (one per relation)", "data-dictionary.md", "lineage.md" })
            {
                verb.Note($"dry run, would write {Path.GetFullPath(Path.Combine(outDir, file))}");
            }
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
                {
                    verb.Note($"wrote {file}");
                }

                var relations = DocsCatalog.Build(catalog, warehouse);
                var note = warehouse is null
                    ? "Types and test results need a built warehouse (run warehouse build); shown here: the sql/ docs."
                    : $"Column types and last test results read from {path}.";
                var site = DocsSiteWriter.Write(relations, outDir, note);
                verb.Note($"wrote {Path.GetFullPath(Path.Combine(outDir, "index.html"))} and {site.Count - 1} more site files ({relations.Count} relations)");
            }

            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or DuckDBException or UnauthorizedAccessException)
        {
            verb.Error(e.Message.Split('\n', 2)[0].Trim());
            return ExitCodes.Usage;
        }
    }

    private static Command CreateServe()
    {
        var port = new Option<int>("--port")
        {
            Description = "Port on 127.0.0.1 (0 = any free port)",
            DefaultValueFactory = _ => 8000,
        };
        var output = new Option<string>("--out")
        {
            Description = "Folder the site is written into before serving",
            DefaultValueFactory = _ => ".warehouse/docs",
        };
        port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > 65535)
                result.AddError($"--port must be 0..65535 (0 = any free port); got {result.GetValueOrDefault<int>().ToString(CultureInfo.InvariantCulture)}");
        });
        var serve = new Command("serve", "Write the docs site and serve it read-only on 127.0.0.1 until Ctrl+C.\n\nExample:\n  warehouse docs serve --port 8000")
        {
            port,
            output,
        };
        serve.WithCommonOptions(CommonOptions.Config, CommonOptions.Db);
        serve.SetAction(async (parseResult, cancellationToken) =>
        {
            var verb = VerbOutput.Of(parseResult);
            var folder = parseResult.GetValue(output)!;
            var written = Run(parseResult.GetValue(CommonOptions.Config)!, parseResult.GetValue(CommonOptions.Db), folder, dryRun: false, verb.Errors);
            if (written != ExitCodes.Ok) return written;
            try
            {
                // Loopback only: the site names local paths and is for the person at this machine.
                await using var server = DemoHttpServer.Start(folder, parseResult.GetValue(port));
                verb.Output.WriteLine($"serving the docs site {Path.GetFullPath(folder)} at {server.BaseAddress} (Ctrl+C to stop)");
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl+C: the normal way to stop.
                }
                return ExitCodes.Ok;
            }
            catch (System.Net.Sockets.SocketException ex)
            {
                // Not a failed step: the machine refused the port, which the user chooses (README: exit 2).
                verb.Error($"cannot listen on 127.0.0.1:{parseResult.GetValue(port).ToString(CultureInfo.InvariantCulture)}: {ex.Message}");
                return ExitCodes.Usage;
            }
        });
        return serve;
    }
}
