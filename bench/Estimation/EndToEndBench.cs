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
/// process per run, runtime start-up included). Every figure is a median with its min–max range. When <c>Rscript</c>
/// is on the PATH, a fresh R process per cold run, taking turns with ours, times <c>data.table::fread</c> and (when
/// installed) <c>fixest::feols</c> on the same file with every core, with its peak RSS; the R command is printed
/// either way so it can be run by hand.
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
        o.WriteLine("the same file with data.table::fread + fixest::feols (every core), wall time and peak RSS:");
        o.WriteLine($"  /usr/bin/time -f '%e s, %M KB peak RSS' Rscript -e '{RCommand(setup.CsvPath, fe)}'");
        return ok;
    }

    /// <summary>The R one-liner the bench itself runs: fread, then feols when fixest is installed, on every core,
    /// printing one line <c>warehouse-bench load=S fit=S</c> (<c>fit=NA</c> without fixest).</summary>
    public static string RReference(string csvPath, IReadOnlyList<string> fe)
    {
        ArgumentNullException.ThrowIfNull(fe);
        return "suppressMessages(library(data.table)); setDTthreads(0); " +
            $"t0 <- Sys.time(); d <- fread(\"{Path.GetFullPath(csvPath)}\"); t1 <- Sys.time(); fit <- NA; " +
            "if (requireNamespace(\"fixest\", quietly = TRUE)) { fixest::setFixest_nthreads(0); " +
            $"m <- fixest::feols(y ~ x1 + x2 | {string.Join(" + ", fe)}, d, cluster = ~id); fit <- as.numeric(Sys.time() - t1, units = \"secs\") }}; " +
            "cat(\"warehouse-bench load=\", as.numeric(t1 - t0, units = \"secs\"), \" fit=\", fit, \"\\n\", sep = \"\")";
    }

    /// <summary>The R one-liner timing fread and feols separately on <paramref name="csvPath"/>.</summary>
    public static string RCommand(string csvPath, IReadOnlyList<string> fe)
    {
        ArgumentNullException.ThrowIfNull(fe);
        return "library(data.table); library(fixest); setDTthreads(0); setFixest_nthreads(0); " +
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
            last = Feols.Fit(frame, new FeolsOptions { ReuseColumns = true }); // as `estimate` fits: over the loaded columns
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
        var ours = new ColdRuns();
        var rscript = Executable("Rscript");
        var reference = rscript is null ? null : new ColdRuns();
        var ok = true;
        for (var r = 0; r < repeat; r++)
        {
            var run = ColdRun.Of(setup.Estimate(args));
            ours.Add(run);
            if (run.ExitCode != 0)
            {
                o.WriteLine($"  cold run {r + 1}: exit {run.ExitCode}: {run.Stderr.Trim()}");
                ok = false;
            }
            else
            {
                using var json = JsonDocument.Parse(run.Stdout);
                var timing = json.RootElement.GetProperty("timing_s");
                ours.Load.Add(timing.GetProperty("load").GetDouble());
                ours.Fit.Add(timing.GetProperty("fit").GetDouble());
            }

            // R takes turns with ours, so a change in the machine's speed falls on both.
            if (reference is not null)
            {
                var rInfo = new ProcessStartInfo(rscript!);
                rInfo.ArgumentList.Add("-e");
                rInfo.ArgumentList.Add(RReference(setup.CsvPath, fe));
                reference.AddR(ColdRun.Of(rInfo), o);
            }
        }

        var (wall, load, fit, rss) = (ours.Wall, ours.Load, ours.Fit, ours.Rss);
        o.WriteLine($"cold: a fresh `warehouse {string.Join(' ', args.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a))}` per run; median [min–max] over {repeat}");
        o.WriteLine($"  process    {Range(wall)}   (start to exit: runtime start-up, JIT, load, fit, output)");
        if (load.Count > 0)
        {
            o.WriteLine($"  load       {Range(load)}   (as the estimate's JSON reports it)");
            o.WriteLine($"  fit        {Range(fit)}   (factorising, fit and variance, as the JSON reports it)");
        }
        o.WriteLine(PeakRss(rss, "(VmHWM of each process, read from /proc while it runs)"));
        if (reference is null)
        {
            o.WriteLine("reference: Rscript is not on the PATH, so fread + feols were not run (the command is printed below)");
            return ok;
        }

        o.WriteLine($"reference: a fresh `Rscript` per run, taking turns with ours: data.table::fread, then fixest::feols when installed, every core; median [min–max] over {reference.Wall.Count}");
        o.WriteLine($"  process    {Range(reference.Wall)}   (start to exit: R start-up, packages, fread, feols)");
        o.WriteLine($"  load       {Range(reference.Load)}   (fread)");
        o.WriteLine(reference.Fit.Count > 0 ? $"  fit        {Range(reference.Fit)}   (feols with clustered vcov)" : "  fit        n/a (fixest is not installed here)");
        o.WriteLine(PeakRss(reference.Rss, "(VmHWM of the R process)"));
        if (load.Count > 0 && reference.Load.Count > 0)
        {
            var inv = CultureInfo.InvariantCulture;
            var both = reference.Fit.Count > 0
                ? string.Create(inv, $", load + fit {(Median(load) + Median(fit)) / (Median(reference.Load) + Median(reference.Fit)):F2}")
                : "";
            var memory = rss.Count > 0 && reference.Rss.Count > 0 ? (Median(rss) / Median(reference.Rss)).ToString("F2", inv) : "n/a";
            o.WriteLine(string.Create(inv, $"  ours / R   load {Median(load) / Median(reference.Load):F2}{both}, peak RSS {memory} (cold medians)"));
        }

        return ok;
    }

    private static string PeakRss(List<double> rss, string how) => rss.Count == 0
        ? "  peak RSS   n/a (read from /proc while the process runs: Linux only, and not for a process that ends within 15 ms)"
        : string.Create(CultureInfo.InvariantCulture, $"  peak RSS   {Median(rss),7:F0} MiB [{rss.Min():F0}–{rss.Max():F0}]   {how}");

    /// <summary>The full path of <paramref name="name"/> in a folder of the PATH, or null.</summary>
    private static string? Executable(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists);

    /// <summary>One kind of cold run's figures.</summary>
    private sealed class ColdRuns
    {
        public List<double> Wall { get; } = [];

        public List<double> Load { get; } = [];

        public List<double> Fit { get; } = [];

        public List<double> Rss { get; } = [];

        public void Add(ColdRun run)
        {
            Wall.Add(run.Seconds);
            if (run.PeakMiB is { } peak) Rss.Add(peak);
        }

        /// <summary>Adds an R run from its <c>warehouse-bench load=… fit=…</c> line; says why when there is none.</summary>
        public void AddR(ColdRun run, TextWriter o)
        {
            var line = run.Stdout.Split('\n').FirstOrDefault(l => l.StartsWith("warehouse-bench ", StringComparison.Ordinal));
            if (run.ExitCode != 0 || line is null)
            {
                o.WriteLine($"  R run: exit {run.ExitCode}: {run.Stderr.Trim().Split('\n')[^1]}");
                return;
            }

            Add(run);
            foreach (var field in line["warehouse-bench ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var (key, value) = (field.Split('=')[0], field.Split('=')[^1]);
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)) continue;
                (key == "load" ? Load : Fit).Add(seconds);
            }
        }
    }

    /// <summary>A child process run to its end: wall time, peak RSS (polled from /proc), exit code and output.</summary>
    private sealed record ColdRun(double Seconds, double? PeakMiB, int ExitCode, string Stdout, string Stderr)
    {
        public static ColdRun Of(ProcessStartInfo info)
        {
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
            return new ColdRun(clock.Elapsed.TotalSeconds, peak, process.ExitCode, stdout.Result, stderr.Result);
        }
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
