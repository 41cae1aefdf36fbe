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
        var rows = new Option<int>("--rows") { Description = "Rows to generate", DefaultValueFactory = _ => 1_000_000 };
        var design = new Option<string>("--design") { Description = "balanced | difficult", DefaultValueFactory = _ => "balanced" };
        design.AcceptOnlyFromAmong("balanced", "difficult");
        var repeat = new Option<int>("--repeat") { Description = "Timed fits (the median is reported)", DefaultValueFactory = _ => 5 };
        var csvOut = new Option<string?>("--csv-out") { Description = "Also write the generated data to this CSV (for fixest/reghdfe on the same rows)" };
        var algorithm = new Option<string>("--algorithm") { Description = "schur (largest FE eliminated, CG on the rest; default) | cg (Jacobi CG on all FEs) | it (Irons–Tuck alternating projections)", DefaultValueFactory = _ => "schur" };
        algorithm.AcceptOnlyFromAmong("schur", "cg", "it");
        var seed = new Option<int>("--seed") { Description = "Generator seed", DefaultValueFactory = _ => 1 };
        var command = new Command("fe", "Fixed-effects fit time and peak memory on the DESIGN.md §5 benchmark designs.\n\nExample:\n  warehouse bench fe --rows 1000000 --design difficult")
        {
            rows, design, repeat, csvOut, seed, algorithm,
        };
        command.SetAction(parse =>
        {
            var o = parse.InvocationConfiguration.Output;
            var inv = CultureInfo.InvariantCulture;
            var n = parse.GetValue(rows);
            var which = parse.GetValue(design)!;
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
            for (var r = 0; r < Math.Max(1, parse.GetValue(repeat)); r++)
            {
                using var self = Process.GetCurrentProcess();
                var cpu0 = self.TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                fit = Feols.Fit(data, new FeolsOptions { Algorithm = parse.GetValue(algorithm) switch { "it" => DemeanAlgorithm.IronsTuck, "cg" => DemeanAlgorithm.ConjugateGradient, _ => DemeanAlgorithm.Schur } });
                times.Add(clock.Elapsed.TotalSeconds);
                self.Refresh();
                cpus.Add((self.TotalProcessorTime - cpu0).TotalSeconds);
                o.WriteLine(string.Create(inv, $"  fit {r + 1}: {times[^1]:F3} s (cpu {cpus[^1]:F3} s), {fit.Iterations} iterations, converged {fit.Converged} [{string.Join(", ", fit.Phases.Select(p => $"{p.Phase} {p.Seconds:F3}"))}]"));
            }
            times.Sort();
            var median = times.Count % 2 == 1 ? times[times.Count / 2] : 0.5 * (times[(times.Count / 2) - 1] + times[times.Count / 2]);
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            o.WriteLine(string.Create(inv, $"median fit {median:F3} s over {times.Count} fits (y ~ x1 + x2 | {string.Join(" + ", fit!.FixedEffects)}, cluster {fit.ClusterNames[0]})"));
            cpus.Sort();
            o.WriteLine(string.Create(inv, $"median cpu time {cpus[cpus.Count / 2]:F3} s (all threads; compare with wall time to see load from other processes: load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]})"));
            o.WriteLine(string.Create(inv, $"peak working set {process.PeakWorkingSet64 / 1048576.0:F0} MiB (whole process, data generation included); {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}"));
            foreach (var c in fit.Coefficients)
                o.WriteLine(string.Create(inv, $"  {c.Name} = {c.Estimate:R} (se {c.StdError:R})"));
            return fit.Converged ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }
}
