using System.CommandLine;
using System.Globalization;
using Warehouse.Demo;
using Warehouse.Demo.Serving;

namespace Warehouse.Etl.Cli;

/// <summary>The <c>demo</c> verb: write the demo yearbook mirror (<c>demo --out DIR</c>) or serve one over HTTP (<c>demo serve</c>).</summary>
public static class DemoCommand
{
    /// <summary>Where the mirror goes when no folder is given: the default <c>warehouse.demo_cache</c> of pipelines.yml.</summary>
    public const string DefaultFolder = Config.WarehouseDefaults.DemoCache;

    public static Command Create()
    {
        var outDir = new Option<string>("--out")
        {
            Description = "Folder to write the mirror into (labour/, hightech/, nbs/, MANIFEST.json)",
            DefaultValueFactory = _ => DefaultFolder,
        };
        var seed = new Option<int>("--seed")
        {
            Description = "Seed of the synthetic economy; the same seed gives byte-identical files",
            DefaultValueFactory = _ => DemoCorpus.DefaultSeed,
        };
        var command = new Command("demo", "Write the deterministic demo yearbook mirror, or serve it over HTTP.\n\nExample:\n  warehouse demo --out demo-mirror --seed 1\n  warehouse demo serve --port 8080")
        {
            CreateServe(),
        }.WithCommonOptions(CommonOptions.DryRun);
        command.Options.Add(outDir);
        command.Options.Add(seed);
        command.SetAction(parseResult =>
        {
            var verb = VerbOutput.Of(parseResult);
            var folder = parseResult.GetValue(outDir) ?? DefaultFolder;
            var n = parseResult.GetValue(seed);
            if (parseResult.GetValue(CommonOptions.DryRun))
            {
                var files = DemoCorpus.FilePaths(n);
                verb.Output.WriteLine($"demo: dry run, would write {files.Count} files and MANIFEST.json into {Path.GetFullPath(folder)}; nothing written");
                foreach (var file in files)
                    verb.Output.WriteLine($"  {file}");
                return ExitCodes.Ok;
            }

            try
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                DemoCorpus.Generate(folder, n);
                verb.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"demo corpus (seed {n}) written to {Path.GetFullPath(folder)} in {clock.Elapsed.TotalSeconds:0.00} s; see MANIFEST.json"));
                return ExitCodes.Ok;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                verb.Error($"cannot write '{folder}': {ex.Message}");
                return ExitCodes.Failed;
            }
        });
        return command;
    }

    private static Command CreateServe()
    {
        var port = new Option<int>("--port")
        {
            Description = "Port on 127.0.0.1 (0 = any free port)",
            DefaultValueFactory = _ => 8080,
        };
        var dir = new Option<string>("--dir")
        {
            Description = "Mirror folder to serve; generated first (default seed) when it holds no mirror and lies inside the current directory, refused otherwise",
            DefaultValueFactory = _ => DefaultFolder,
        };
        var serve = new Command("serve", "Serve the demo mirror read-only over HTTP on 127.0.0.1 until Ctrl+C.\n\nExample:\n  warehouse demo serve --port 8080 --dir .warehouse/demo")
        {
            port,
            dir,
        };
        port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > 65535)
                result.AddError($"--port must be 0..65535 (0 = any free port); got {result.GetValueOrDefault<int>().ToString(CultureInfo.InvariantCulture)}");
        });
        serve.SetAction(async (parseResult, cancellationToken) =>
        {
            var verb = VerbOutput.Of(parseResult);
            var folder = parseResult.GetValue(dir) ?? DefaultFolder;
            try
            {
                if (!Directory.Exists(folder) || !File.Exists(Path.Combine(folder, "MANIFEST.json")))
                {
                    if (!IsUnderProject(folder))
                    {
                        // Generating on demand is for the project's own cache; anywhere else a typo would scatter a mirror over the disk.
                        verb.Error($"no demo mirror in '{Path.GetFullPath(folder)}' and it is outside this project ({Directory.GetCurrentDirectory()}); " +
                                                $"write one first with `warehouse demo --out {folder}`, or give a --dir under the project");
                        return ExitCodes.Usage;
                    }

                    verb.Note($"no mirror in '{folder}', generating it");
                    DemoCorpus.EnsureGenerated(folder);
                }

                await using var server = DemoHttpServer.Start(folder, parseResult.GetValue(port));
                verb.Output.WriteLine($"serving {Path.GetFullPath(folder)} at {server.BaseAddress} (Ctrl+C to stop)");
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

    /// <summary>True when <paramref name="folder"/> lies inside the current directory (the project the verb runs in).</summary>
    internal static bool IsUnderProject(string folder)
    {
        var project = Path.TrimEndingDirectorySeparator(Path.GetFullPath(Directory.GetCurrentDirectory()));
        var full = Path.GetFullPath(folder);
        return full.StartsWith(project + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }
}
