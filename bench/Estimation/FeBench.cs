using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Warehouse.Analysis.Estimation;
using Warehouse.Analysis.Inference;

namespace Warehouse.Bench.Estimation;

/// <summary>The design and the fits the FE bench times.</summary>
/// <param name="Design">balanced or difficult (<see cref="BenchDesigns"/>).</param>
/// <param name="Rows">Rows to generate.</param>
/// <param name="Seed">Generator seed.</param>
/// <param name="WarmUp">Untimed fits first (JIT, first touch of memory), printed but left out of the median.</param>
/// <param name="Repeat">Timed fits, at least 1.</param>
/// <param name="Algorithm">Demeaning algorithm.</param>
/// <param name="Tolerance">Demeaning tolerance (per-element test).</param>
/// <param name="CsvOut">Also write the generated rows here, for fixest/reghdfe on the same data; null for none.</param>
public sealed record FeBenchSetup(string Design, int Rows, int Seed, int WarmUp, int Repeat, DemeanAlgorithm Algorithm, double Tolerance, string? CsvOut);

/// <summary>Median fit time and peak memory of the FE estimator on the benchmark designs of docs/architecture.md#estimation-conventions, and of the wild bootstrap.</summary>
public static class FeBench
{
    /// <summary>Generates the design, fits it <see cref="FeBenchSetup.WarmUp"/> + <see cref="FeBenchSetup.Repeat"/> times and
    /// prints every fit, the medians, peak memory and the coefficients.</summary>
    /// <returns>Whether the last fit converged.</returns>
    public static bool Run(FeBenchSetup setup, TextWriter o)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(o);
        var inv = CultureInfo.InvariantCulture;
        var gen = Stopwatch.StartNew();
        var data = setup.Design == "balanced" ? BenchDesigns.Balanced(setup.Rows, setup.Seed) : BenchDesigns.Difficult(setup.Rows, setup.Seed);
        o.WriteLine(string.Create(inv, $"design {setup.Design}: {data.Rows} rows, FE levels {string.Join(" / ", data.FixedEffects.Select(f => $"{f.Name} {f.Levels}"))}, generated in {gen.Elapsed.TotalSeconds:F2} s"));
        if (setup.CsvOut is { } path)
        {
            BenchDesigns.WriteCsv(data, path);
            o.WriteLine($"wrote {path}");
        }
        var times = new List<double>();
        var cpus = new List<double>();
        FitResult? fit = null;
        var warm = Math.Max(0, setup.WarmUp);
        var timed = Math.Max(1, setup.Repeat);
        for (var r = 0; r < warm + timed; r++)
        {
            // Garbage of the previous fit is not this fit's memory: collect it before timing.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            using var self = Process.GetCurrentProcess();
            var cpu0 = self.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            fit = Feols.Fit(data, new FeolsOptions { Tolerance = setup.Tolerance, Algorithm = setup.Algorithm });
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
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        o.WriteLine(string.Create(inv, $"median fit {Timing.Median(times):F3} s over {times.Count} fits after {warm} untimed warm-up fit(s) (y ~ x1 + x2 | {string.Join(" + ", fit!.FixedEffects)}, cluster {fit.ClusterNames[0]})"));
        cpus.Sort();
        o.WriteLine(string.Create(inv, $"median cpu time {cpus[cpus.Count / 2]:F3} s (all threads; compare with wall time to see load from other processes: load average {Timing.LoadAverage()})"));
        o.WriteLine(string.Create(inv, $"peak working set {process.PeakWorkingSet64 / 1048576.0:F0} MiB (whole process, data generation included); {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}"));
        foreach (var c in fit.Coefficients)
            o.WriteLine(string.Create(inv, $"  {c.Name} = {c.Estimate:R} (se {c.StdError:R})"));
        return fit.Converged;
    }

    /// <summary>WCR wild bootstrap (9 999 draws) on the paper's panel shape, Rademacher and Webb, with and without the CI.</summary>
    public static void Bootstrap(int repeat, TextWriter o)
    {
        ArgumentNullException.ThrowIfNull(o);
        repeat = Math.Max(1, repeat);
        var inv = CultureInfo.InvariantCulture;
        var data = BenchDesigns.ProvincePanel();
        var fit = Feols.Fit(data);
        o.WriteLine(string.Create(inv, $"design bootstrap: N = {fit.N}, G = {fit.ClusterGroups[0]}, {fit.Coefficients.Count} regressors, FE {string.Join(" + ", fit.FixedEffects)}; WCR test of x1, 9 999 draws"));
        foreach (var weights in new[] { BootstrapWeights.Rademacher, BootstrapWeights.Webb })
        {
            foreach (var withCi in new[] { false, true })
            {
                var times = new List<double>();
                BootstrapResult? result = null;
                for (var r = 0; r < repeat; r++)
                {
                    var clock = Stopwatch.StartNew();
                    result = WildBootstrap.Test(fit, "x1", new WildBootstrapOptions { Replications = 9999, Weights = weights, ConfidenceInterval = withCi });
                    times.Add(clock.Elapsed.TotalSeconds);
                }
                times.Sort();
                o.WriteLine(string.Create(inv, $"  {weights,-10} {(withCi ? "p + CI" : "p only")}: median {times[times.Count / 2]:F4} s over {repeat} (p = {result!.P:F4}{(withCi ? $", CI [{result.CiLow:F4}, {result.CiHigh:F4}]" : "")})"));
            }
        }
        o.WriteLine(string.Create(inv, $"load average {Timing.LoadAverage()}, {Environment.ProcessorCount} cores"));
    }
}
