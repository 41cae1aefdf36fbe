using System.CommandLine;
using System.Diagnostics;
using Warehouse.Analysis.Estimation;
using Warehouse.Bench.Estimation;

namespace Warehouse.Etl.Cli;

/// <summary>The <c>bench fe</c> verb: median fit time and peak memory on the benchmark designs of docs/architecture.md#estimation-conventions.</summary>
public static class BenchFeCommand
{
    public static Command Create()
    {
        var rows = new Option<int>("--rows") { Description = "Rows to generate", DefaultValueFactory = _ => 1_000_000 }.AtLeast(1);
        var design = new Option<string>("--design") { Description = "balanced | difficult | bootstrap (WCR with 9 999 draws on N = 420, G = 30; --rows ignored)", DefaultValueFactory = _ => "balanced" };
        design.AcceptOnlyFromAmong("balanced", "difficult", "bootstrap");
        var repeat = new Option<int>("--repeat") { Description = "Timed fits (the median is reported)", DefaultValueFactory = _ => 5 }.AtLeast(1);
        var warmup = new Option<int>("--warmup") { Description = "Untimed fits first (JIT compilation, first-touch of memory), reported but left out of the median", DefaultValueFactory = _ => 1 }.AtLeast(0);
        var csvOut = new Option<string?>("--csv-out") { Description = "Also write the generated data to this CSV (for fixest/reghdfe on the same rows)" };
        var algorithm = new Option<string>("--algorithm") { Description = "schur (largest FE eliminated, CG on the rest; default) | cg (Jacobi CG on all FEs) | it (Irons–Tuck alternating projections)", DefaultValueFactory = _ => Warehouse.Analysis.Specs.OptionNames.NameOf(Warehouse.Analysis.Specs.OptionNames.Algorithm, FeolsDefaults.Algorithm) };
        algorithm.AcceptOnlyFromAmong([.. Warehouse.Analysis.Specs.OptionNames.Algorithm.Keys]);
        var tol = new Option<double>("--tol") { Description = "Demeaning tolerance (per-element test)", DefaultValueFactory = _ => FeolsDefaults.Tolerance };
        var seed = new Option<int>("--seed") { Description = "Generator seed", DefaultValueFactory = _ => 1 };
        var endToEnd = new Option<bool>("--end-to-end") { Description = "Write the design to a CSV (--csv-out, default in the temp folder) and time load, factorise, fit and variance warm (in this process) and cold (a fresh `warehouse estimate --csv` per run), with peak RSS; prints the R command (fread + feols) for the same file" };
        var command = new Command("fe", "Fixed-effects fit time and peak memory on the balanced and difficult benchmark designs (docs/architecture.md#estimation-conventions).\n\nExample:\n  warehouse bench fe --rows 1000000 --design difficult")
        {
            rows, design, repeat, warmup, csvOut, seed, algorithm, tol, endToEnd,
        };
        command.SetAction(parse =>
        {
            var o = parse.InvocationConfiguration.Output;
            if (parse.GetValue(design) == "bootstrap")
            {
                FeBench.Bootstrap(parse.GetValue(repeat), o);
                return ExitCodes.Ok;
            }

            if (parse.GetValue(endToEnd))
            {
                var name = parse.GetValue(design)!;
                if (name == "bootstrap")
                {
                    parse.InvocationConfiguration.Error.WriteLine("warehouse bench fe: --end-to-end needs --design balanced or difficult");
                    return ExitCodes.Usage;
                }
                var path = parse.GetValue(csvOut) ?? Path.Combine(Path.GetTempPath(), string.Create(System.Globalization.CultureInfo.InvariantCulture, $"warehouse-bench-fe-{name}-{parse.GetValue(rows)}.csv"));
                var e2e = new EndToEndSetup(name, parse.GetValue(rows), parse.GetValue(seed), parse.GetValue(repeat), path, FreshProcess);
                return EndToEndBench.Run(e2e, o) ? ExitCodes.Ok : ExitCodes.Failed;
            }

            var setup = new FeBenchSetup(
                parse.GetValue(design)!, parse.GetValue(rows), parse.GetValue(seed), parse.GetValue(warmup), parse.GetValue(repeat),
                Warehouse.Analysis.Specs.OptionNames.Algorithm[parse.GetValue(algorithm)!],
                parse.GetValue(tol), parse.GetValue(csvOut));
            return FeBench.Run(setup, o) ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }

    /// <summary>This executable with <paramref name="args"/>, started the way this process was (the apphost, or
    /// <c>dotnet warehouse.dll</c>).</summary>
    private static ProcessStartInfo FreshProcess(IReadOnlyList<string> args)
    {
        var executable = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell which executable is running");
        var info = new ProcessStartInfo(executable);
        if (Path.GetFileNameWithoutExtension(executable) == "dotnet") info.ArgumentList.Add(Environment.GetCommandLineArgs()[0]);
        foreach (var a in args) info.ArgumentList.Add(a);
        return info;
    }
}
