using System.CommandLine;
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
        var command = new Command("fe", "Fixed-effects fit time and peak memory on the balanced and difficult benchmark designs (docs/architecture.md#estimation-conventions).\n\nExample:\n  warehouse bench fe --rows 1000000 --design difficult")
        {
            rows, design, repeat, warmup, csvOut, seed, algorithm, tol,
        };
        command.SetAction(parse =>
        {
            var o = parse.InvocationConfiguration.Output;
            if (parse.GetValue(design) == "bootstrap")
            {
                FeBench.Bootstrap(parse.GetValue(repeat), o);
                return ExitCodes.Ok;
            }

            var setup = new FeBenchSetup(
                parse.GetValue(design)!, parse.GetValue(rows), parse.GetValue(seed), parse.GetValue(warmup), parse.GetValue(repeat),
                Warehouse.Analysis.Specs.OptionNames.Algorithm[parse.GetValue(algorithm)!],
                parse.GetValue(tol), parse.GetValue(csvOut));
            return FeBench.Run(setup, o) ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }
}
