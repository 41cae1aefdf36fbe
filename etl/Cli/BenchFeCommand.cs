using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Warehouse.Analysis.Bench;
using Warehouse.Analysis.Estimation;

namespace Warehouse.Etl.Cli;

/// <summary>The <c>bench fe</c> verb: median fit time and peak memory on the DESIGN.md §5 designs.</summary>
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
        var algorithm = new Option<string>("--algorithm") { Description = "schur (largest FE eliminated, CG on the rest; default) | cg (Jacobi CG on all FEs) | it (Irons–Tuck alternating projections)", DefaultValueFactory = _ => "schur" };
        algorithm.AcceptOnlyFromAmong("schur", "cg", "it");
        var tol = new Option<double>("--tol") { Description = "Demeaning tolerance (per-element test)", DefaultValueFactory = _ => 1e-8 };
        var seed = new Option<int>("--seed") { Description = "Generator seed", DefaultValueFactory = _ => 1 };
        var command = new Command("fe", "Fixed-effects fit time and peak memory on the DESIGN.md §5 benchmark designs.\n\nExample:\n  warehouse bench fe --rows 1000000 --design difficult")
        {
            rows, design, repeat, warmup, csvOut, seed, algorithm, tol,
        };
        command.SetAction(parse =>
        {
            var o = parse.InvocationConfiguration.Output;
            var inv = CultureInfo.InvariantCulture;
            var n = parse.GetValue(rows);
            var which = parse.GetValue(design)!;
            if (which == "bootstrap") return BenchBootstrap(o, Math.Max(1, parse.GetValue(repeat)));
            var gen = Stopwatch.StartNew();
            var data = which == "balanced" ? BenchDesigns.Balanced(n, parse.GetValue(seed)) : BenchDesigns.Difficult(n, parse.GetValue(seed));
            o.WriteLine(string.Create(inv, $"design {which}: {data.Rows} rows, FE levels {string.Join(" / ", data.FixedEffects.Select(f => $"{f.Name} {f.Levels}"))}, generated in {gen.Elapsed.TotalSeconds:F2} s"));
            if (parse.GetValue(csvOut) is { } path)
            {
                BenchDesigns.WriteCsv(data, path);
                o.WriteLine($"wrote {path}");
            }
            var times = new List<double>();
            var cpus = new List<double>();
            FitResult? fit = null;
            var warm = Math.Max(0, parse.GetValue(warmup));
            var timed = Math.Max(1, parse.GetValue(repeat));
            for (var r = 0; r < warm + timed; r++)
            {
                // Garbage of the previous fit is not this fit's memory: collect it before timing.
                GC.Collect();
                GC.WaitForPendingFinalizers();
                using var self = Process.GetCurrentProcess();
                var cpu0 = self.TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                fit = Feols.Fit(data, new FeolsOptions { Tolerance = parse.GetValue(tol), Algorithm = parse.GetValue(algorithm) switch { "it" => DemeanAlgorithm.IronsTuck, "cg" => DemeanAlgorithm.ConjugateGradient, _ => DemeanAlgorithm.Schur } });
                var wall = clock.Elapsed.TotalSeconds;
                self.Refresh();
                var cpu = (self.TotalProcessorTime - cpu0).TotalSeconds;
                var label = r < warm ? $"warm-up {r + 1}" : $"fit {r - warm + 1}";
                if (r >= warm)
                {
                    times.Add(wall);
                    cpus.Add(cpu);
                }
                o.WriteLine(string.Create(inv, $"  {label}: {wall:F3} s (cpu {cpu:F3} s), {fit.Iterations} iterations, converged {fit.Converged} [{string.Join(", ", fit.Phases.Select(p => $"{p.Phase} {p.Seconds:F3}"))}]"));
            }
            times.Sort();
            var median = times.Count % 2 == 1 ? times[times.Count / 2] : 0.5 * (times[(times.Count / 2) - 1] + times[times.Count / 2]);
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            o.WriteLine(string.Create(inv, $"median fit {median:F3} s over {times.Count} fits after {warm} untimed warm-up fit(s) (y ~ x1 + x2 | {string.Join(" + ", fit!.FixedEffects)}, cluster {fit.ClusterNames[0]})"));
            cpus.Sort();
            o.WriteLine(string.Create(inv, $"median cpu time {cpus[cpus.Count / 2]:F3} s (all threads; compare with wall time to see load from other processes: load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]})"));
            o.WriteLine(string.Create(inv, $"peak working set {process.PeakWorkingSet64 / 1048576.0:F0} MiB (whole process, data generation included); {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}"));
            foreach (var c in fit.Coefficients)
                o.WriteLine(string.Create(inv, $"  {c.Name} = {c.Estimate:R} (se {c.StdError:R})"));
            return fit.Converged ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }

    private static int BenchBootstrap(TextWriter o, int repeat)
    {
        var inv = CultureInfo.InvariantCulture;
        var data = BenchDesigns.ProvincePanel();
        var fit = Feols.Fit(data);
        o.WriteLine(string.Create(inv, $"design bootstrap: N = {fit.N}, G = {fit.ClusterGroups[0]}, {fit.Coefficients.Count} regressors, FE {string.Join(" + ", fit.FixedEffects)}; WCR test of x1, 9 999 draws"));
        foreach (var weights in new[] { Warehouse.Analysis.Inference.BootstrapWeights.Rademacher, Warehouse.Analysis.Inference.BootstrapWeights.Webb })
        {
            foreach (var withCi in new[] { false, true })
            {
                var times = new List<double>();
                Warehouse.Analysis.Inference.BootstrapResult? result = null;
                for (var r = 0; r < repeat; r++)
                {
                    var clock = Stopwatch.StartNew();
                    result = Warehouse.Analysis.Inference.WildBootstrap.Test(fit, "x1", new Warehouse.Analysis.Inference.WildBootstrapOptions { Replications = 9999, Weights = weights, ConfidenceInterval = withCi });
                    times.Add(clock.Elapsed.TotalSeconds);
                }
                times.Sort();
                o.WriteLine(string.Create(inv, $"  {weights,-10} {(withCi ? "p + CI" : "p only")}: median {times[times.Count / 2]:F4} s over {repeat} (p = {result!.P:F4}{(withCi ? $", CI [{result.CiLow:F4}, {result.CiHigh:F4}]" : "")})"));
            }
        }
        o.WriteLine(string.Create(inv, $"load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}, {Environment.ProcessorCount} cores"));
        return ExitCodes.Ok;
    }
}
