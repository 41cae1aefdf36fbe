using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Warehouse.Analysis.Data;
using Warehouse.Analysis.Estimation;

namespace Warehouse.Bench.Estimation;

/// <summary>What the end-to-end FE bench runs.</summary>
/// <param name="Design">balanced or difficult (<see cref="BenchDesigns"/>).</param>
/// <param name="Rows">Rows to generate.</param>
/// <param name="Seed">Generator seed.</param>
/// <param name="Repeat">Timed runs of each kind (warm and cold), at least 1.</param>
/// <param name="CsvPath">Where the CSV is written (overwritten).</param>
/// <param name="Estimate">Starts a fresh <c>warehouse estimate</c> process with the given arguments (the CLI knows how
/// it was started: apphost or <c>dotnet warehouse.dll</c>).</param>
public sealed record EndToEndSetup(string Design, int Rows, int Seed, int Repeat, string CsvPath, Func<IReadOnlyList<string>, ProcessStartInfo> Estimate);

/// <summary>
/// The FE bench from a CSV file to the variance, as a user runs it: the design is written to a CSV, then read and
/// fitted warm (in this process, after one untimed run) and cold (a fresh <c>warehouse estimate --csv … --format json</c>
/// process per run, runtime start-up included). Every figure is a median with its min–max range; the CSV path and the
/// R command that does the same with <c>data.table::fread</c> and <c>fixest::feols</c> are printed so both can be run
/// on the same file.
/// </summary>
public static class EndToEndBench
{
    /// <summary>Writes the CSV, runs the warm and cold rounds and prints them.</summary>
    /// <returns>Whether every fit converged and every cold process exited 0.</returns>
    public static bool Run(EndToEndSetup setup, TextWriter o)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(o);
        var inv = CultureInfo.InvariantCulture;
        var repeat = Math.Max(1, setup.Repeat);
        var fe = setup.Design == "balanced" ? new[] { "id", "year", "firm" } : ["id", "firm", "year"];
        var clock = Stopwatch.StartNew();
        var data = setup.Design == "balanced" ? BenchDesigns.Balanced(setup.Rows, setup.Seed) : BenchDesigns.Difficult(setup.Rows, setup.Seed);
        var directory = Path.GetDirectoryName(Path.GetFullPath(setup.CsvPath));
        if (directory is not null) Directory.CreateDirectory(directory);
        BenchDesigns.WriteCsv(data, setup.CsvPath);
        var rows = data.Rows;
        data = null; // the generated frame is not part of what is measured next
        GC.Collect();
        o.WriteLine(string.Create(inv, $"end to end on {Path.GetFullPath(setup.CsvPath)} ({new FileInfo(setup.CsvPath).Length / 1e6:F1} MB, design {setup.Design}, {rows} rows, seed {setup.Seed}; written in {clock.Elapsed.TotalSeconds:F1} s)"));
        o.WriteLine($"model: y ~ x1 + x2 | {string.Join(" + ", fe)}, cluster id");

        var ok = Warm(setup, fe, repeat, o);
        ok &= Cold(setup, fe, repeat, o);
        o.WriteLine(string.Create(inv, $"load average {Timing.LoadAverage()} after the runs, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}"));
        o.WriteLine("the same file with data.table::fread + fixest::feols (fixest's default threads), wall time and peak RSS:");
        o.WriteLine($"  /usr/bin/time -f '%e s, %M KB peak RSS' Rscript -e '{RCommand(setup.CsvPath, fe)}'");
        return ok;
    }

    /// <summary>The R one-liner timing fread and feols separately on <paramref name="csvPath"/>.</summary>
    public static string RCommand(string csvPath, IReadOnlyList<string> fe)
    {
        ArgumentNullException.ThrowIfNull(fe);
        return "library(data.table); library(fixest); " +
            $"t0 <- Sys.time(); d <- fread(\"{Path.GetFullPath(csvPath)}\"); t1 <- Sys.time(); " +
            $"m <- feols(y ~ x1 + x2 | {string.Join(" + ", fe)}, d, cluster = ~id); t2 <- Sys.time(); " +
            "print(c(load = as.numeric(t1 - t0, units = \"secs\"), fit = as.numeric(t2 - t1, units = \"secs\"))); print(coeftable(m))";
    }

    private static bool Warm(EndToEndSetup setup, string[] fe, int repeat, TextWriter o)
    {
        var request = new PanelRequest("y", ["x1", "x2"], fe, ["id"]);
        var load = new List<double>();
        var factorise = new List<double>();
        var fit = new List<double>();
        var variance = new List<double>();
        var total = new List<double>();
        FitResult? last = null;
        var converged = true;
        for (var r = 0; r <= repeat; r++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var clock = Stopwatch.StartNew();
            var raw = PanelLoader.ReadCsv(setup.CsvPath, request);
            var tLoad = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var frame = raw.Index();
            var tIndex = clock.Elapsed.TotalSeconds;
            clock.Restart();
            last = Feols.Fit(frame);
            var tFit = clock.Elapsed.TotalSeconds;
            converged &= last.Converged;
            if (r == 0) continue; // the untimed first run compiles the code (tiered JIT) and touches the memory
            var vcov = last.Phases.Where(p => p.Phase is "vcov" or "inference").Sum(p => p.Seconds);
            load.Add(tLoad);
            factorise.Add(tIndex);
            fit.Add(tFit - vcov);
            variance.Add(vcov);
            total.Add(tLoad + tIndex + tFit);
        }
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        o.WriteLine($"warm: in this process after 1 untimed run; median [min–max] over {repeat}");
        o.WriteLine($"  load       {Range(load)}   (the model's columns parsed by Sep on all cores straight into arrays; DuckDB read_csv when the file needs it)");
        o.WriteLine($"  factorise  {Range(factorise)}   (ids to codes)");
        o.WriteLine($"  fit        {Range(fit)}   (singletons, demeaning, least squares)");
        o.WriteLine($"  variance   {Range(variance)}   (clustered vcov and inference)");
        o.WriteLine($"  total      {Range(total)}");
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  peak working set {self.PeakWorkingSet64 / 1048576.0:F0} MiB (this process, generating and writing the CSV included; the cold runs give the estimate's own)"));
        foreach (var c in last!.Coefficients)
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {c.Name} = {c.Estimate:R} (se {c.StdError:R})"));
        return converged;
    }

    private static bool Cold(EndToEndSetup setup, string[] fe, int repeat, TextWriter o)
    {
        string[] args = ["estimate", "--csv", Path.GetFullPath(setup.CsvPath), "--y", "y", "--x", "x1,x2", "--fe", string.Join(',', fe), "--cluster", "id", "--format", "json"];
        var wall = new List<double>();
        var load = new List<double>();
        var fit = new List<double>();
        var rss = new List<double>();
        var ok = true;
        for (var r = 0; r < repeat; r++)
        {
            var info = setup.Estimate(args);
            info.RedirectStandardOutput = true;
            info.RedirectStandardError = true;
            info.UseShellExecute = false;
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {info.FileName}");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            double? peak = null;
            // VmHWM only grows once the child runs its own image, so the last reading before it exits is its peak.
            while (!process.WaitForExit(15)) peak = HighWaterMiB(process.Id) ?? peak;
            process.WaitForExit();
            wall.Add(clock.Elapsed.TotalSeconds);
            if (peak is { } p) rss.Add(p);
            if (process.ExitCode != 0)
            {
                o.WriteLine($"  cold run {r + 1}: exit {process.ExitCode}: {stderr.Result.Trim()}");
                ok = false;
                continue;
            }
            using var json = JsonDocument.Parse(stdout.Result);
            var timing = json.RootElement.GetProperty("timing_s");
            load.Add(timing.GetProperty("load").GetDouble());
            fit.Add(timing.GetProperty("fit").GetDouble());
        }
        o.WriteLine($"cold: a fresh `warehouse {string.Join(' ', args.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a))}` per run; median [min–max] over {repeat}");
        o.WriteLine($"  process    {Range(wall)}   (start to exit: runtime start-up, JIT, load, fit, output)");
        if (load.Count > 0)
        {
            o.WriteLine($"  load       {Range(load)}   (as the estimate's JSON reports it)");
            o.WriteLine($"  fit        {Range(fit)}   (factorising, fit and variance, as the JSON reports it)");
        }
        o.WriteLine(rss.Count == 0
            ? "  peak RSS   n/a (read from /proc, Linux only)"
            : string.Create(CultureInfo.InvariantCulture, $"  peak RSS   {Median(rss),7:F0} MiB [{rss.Min():F0}–{rss.Max():F0}]   (VmHWM of each process, read from /proc while it runs)"));
        return ok;
    }

    private static string Range(List<double> values) =>
        values.Count == 0 ? "n/a" : string.Create(CultureInfo.InvariantCulture, $"{Median(values),7:F3} s [{values.Min():F3}–{values.Max():F3}]");

    private static double Median(List<double> values) => Timing.Median(values);

    /// <summary>The process's peak resident set (VmHWM of /proc/PID/status) in MiB; null when it cannot be read.</summary>
    private static double? HighWaterMiB(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (!line.StartsWith("VmHWM:", StringComparison.Ordinal)) continue;
                var kib = line["VmHWM:".Length..].Trim().Split(' ')[0];
                return double.Parse(kib, CultureInfo.InvariantCulture) / 1024;
            }
        }
        catch (IOException)
        {
            // The process has just exited (or this is not Linux): no reading this time.
        }
        catch (UnauthorizedAccessException)
        {
        }
        return null;
    }
}
