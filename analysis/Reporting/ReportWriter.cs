using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Text;
using Dapper;
using DuckDB.NET.Data;
using Warehouse.Analysis.Data;
using Warehouse.Analysis.Output;
using Warehouse.Analysis.Plots;
using Warehouse.Analysis.Specs;

namespace Warehouse.Analysis.Reporting;

/// <summary>What a report run produced.</summary>
public sealed record ReportOutput(string Text, IReadOnlyList<string> Files, RunInfo Run, IReadOnlyList<SpecOutcome> Outcomes, IReadOnlyList<string> Failures);

/// <summary>What <see cref="ReportWriter.Estimate"/> computed, before anything is written.</summary>
/// <param name="DatabasePath">The warehouse file read.</param>
/// <param name="Run">The run the report cites.</param>
/// <param name="Outcomes">The specs estimated, in configuration order.</param>
/// <param name="NotEstimated">Specs left out, each with why (too few complete rows).</param>
/// <param name="Failures">Specs (and figures' data) that failed, each with its error.</param>
/// <param name="PlotData">The figures' series, or null.</param>
public sealed record ReportEstimates(string DatabasePath, RunInfo Run, IReadOnlyList<SpecOutcome> Outcomes, IReadOnlyList<string> NotEstimated,
    IReadOnlyList<string> Failures, PlotData? PlotData);

/// <summary>Estimates every spec on a warehouse file and writes the paper's tables (text, markdown, LaTeX, HTML), the
/// nonlinearity and bootstrap results, and an HTML report with plots.</summary>
public static class ReportWriter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly (string Key, string Title)[] Tables =
    [
        ("table1", "Table 1. Co-agglomeration and export technological complexity (ln EXPY)"),
        ("table2", "Table 2. Regional heterogeneity (column (4) by region)"),
        ("nonlinear", "Table 3. Nonlinearity: quadratic in co"),
        ("robustness", "Table 4. Robustness"),
        ("threshold", "Table 5. Panel threshold regression (Hansen 1999): co by co-agglomeration regimes"),
        ("mechanism", "Table 6. Mechanism: co → mediator → ln EXPY (three FE regressions, one sample)"),
    ];

    /// <summary>Why a spec cannot be estimated on the panel as loaded — fewer complete rows than regressors + 2 (no
    /// residual degree of freedom) — or null. A warehouse built from partial real yearbooks meets this; it is reported,
    /// not a failure (the build's coverage report says which variables are missing).</summary>
    private static string? TooFewRows(EstimationData data, ModelSpec spec)
    {
        var needed = data.XNames.Count + 2;
        if (data.Rows >= needed)
            return null;
        var dropped = data.RowsDroppedMissing > 0 ? $"; {data.RowsDroppedMissing} rows lack one of them" : string.Empty;
        return $"too few complete rows to estimate: {data.Rows} rows have {spec.Y} and {string.Join(", ", spec.X)} (at least {needed} needed){dropped}";
    }

    /// <summary>A spec's panel, or why it is not estimated (too few rows) or failed to load.</summary>
    private static (EstimationData? Data, string? NotEstimated, string? Failure) Load(
        DbConnection connection, ModelSpec spec, ModelSettings settings, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var data = PanelLoader.FromConnection(connection, spec.View, ModelRunner.Request(spec, settings));
            return TooFewRows(data, spec) is { } why ? (null, $"spec {spec.Name} ({spec.Table} {spec.Column}): {why}", null) : (data, null, null);
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or ArgumentException)
        {
            return (null, null, Failed(spec, ex));
        }
    }

    private static (SpecOutcome? Outcome, string? Failure) Run(EstimationData data, ModelSpec spec, ModelSettings settings)
    {
        try
        {
            return (ModelRunner.Run(data, spec, settings), null);
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or ArgumentException)
        {
            return (null, Failed(spec, ex));
        }
    }

    /// <summary>A rank of a spec's cost: 2 for a threshold or mediation model with a bootstrap (hundreds of searches or
    /// fits), 1 for a wild bootstrap (thousands of draws of a few microseconds), 0 for a fit alone.</summary>
    private static int Cost(ModelSpec spec) => spec switch
    {
        { Threshold.Bootstrap: > 0 } or { Mediation.Bootstrap: > 0 } => 2,
        { Bootstrap: true } => 1,
        _ => 0,
    };

    private static string Failed(ModelSpec spec, Exception ex) => $"spec {spec.Name} ({spec.Table} {spec.Column}): {ex.Message}";

    /// <summary>Estimates every spec on <paramref name="databasePath"/> and writes the report into <paramref name="outDir"/>
    /// (<see cref="Estimate"/>, then <see cref="Write(ReportEstimates, string)"/>).</summary>
    public static ReportOutput Write(string databasePath, IReadOnlyList<ModelSpec> specs, ModelSettings settings, string outDir, CancellationToken cancellationToken = default) =>
        Write(Estimate(databasePath, specs, settings, cancellationToken), outDir);

    /// <summary>Everything the report computes from the warehouse file — the run it cites, every spec's estimates (or why
    /// not), the figures' series — and nothing written yet, so a build can estimate while its data tests run and write
    /// only once they pass.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="databasePath"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static ReportEstimates Estimate(string databasePath, IReadOnlyList<ModelSpec> specs, ModelSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(specs);
        ArgumentNullException.ThrowIfNull(settings);
        if (!File.Exists(databasePath)) throw new FileNotFoundException($"warehouse file not found: {databasePath}", databasePath);
        using var connection = WarehouseConnection.OpenReadOnly(databasePath);
        var run = RunInfo.Read(connection);

        // The figures' font is looked up (fontconfig, the CJK font file: a tenth of a second) on the core the panel
        // reads leave idle; the figures then find it ready. It is waited for before returning, also when the estimates
        // fail or are cancelled, so no native font code is left running behind the caller.
        var fontLookup = Task.Run(() => ReportPlots.ChineseFont.Value, cancellationToken);
        try
        {
            return EstimateSpecs(connection, databasePath, run, specs, settings, cancellationToken);
        }
        finally
        {
            Task.WaitAny(fontLookup);
        }
    }

    private static ReportEstimates EstimateSpecs(
        DbConnection connection, string databasePath, RunInfo run, IReadOnlyList<ModelSpec> specs, ModelSettings settings, CancellationToken cancellationToken)
    {
        // The connection reads one spec's panel at a time; the fits and bootstraps, independent and seeded per spec,
        // then run on every core, and their results are taken in spec order, so the report is the same as serially.
        // The resampling specs go first and every spec is handed out on its own: in configuration order the costliest
        // (the threshold and mediation bootstraps, last in pipelines.yml) ran one after the other on one core.
        var loaded = specs.Select(spec => Load(connection, spec, settings, cancellationToken)).ToArray();
        var runs = new (SpecOutcome? Outcome, string? Failure)[loaded.Length];
        var costliestFirst = Enumerable.Range(0, loaded.Length).OrderByDescending(i => Cost(specs[i])).ToArray();
        Parallel.ForEach(Partitioner.Create(costliestFirst, EnumerablePartitionerOptions.NoBuffering),
            new ParallelOptions { MaxDegreeOfParallelism = settings.Fit.Threads ?? -1, CancellationToken = cancellationToken },
            i => runs[i] = loaded[i].Data is { } data ? Run(data, specs[i], settings) : default);

        var outcomes = new List<SpecOutcome>();
        var failures = new List<string>();
        var notEstimated = new List<string>();
        BinnedScatter? binned = null;
        for (var i = 0; i < loaded.Length; i++)
        {
            if (loaded[i].NotEstimated is { } why) notEstimated.Add(why);
            if ((loaded[i].Failure ?? runs[i].Failure) is { } failure) failures.Add(failure);
            if (runs[i].Outcome is not { } outcome) continue;
            outcomes.Add(outcome);
            binned ??= Binned(loaded[i].Data!, outcome, settings.Fit.DropSingletons, failures);
        }
        var plotData = ReadPlotData(connection, specs, binned, failures);
        return new ReportEstimates(databasePath, run, outcomes, notEstimated, failures, plotData);
    }

    /// <summary>Writes the tables (text, markdown, LaTeX), the figures (SVG and PNG) and the HTML page of
    /// <paramref name="estimates"/> into <paramref name="outDir"/>.</summary>
    public static ReportOutput Write(ReportEstimates estimates, string outDir)
    {
        ArgumentNullException.ThrowIfNull(estimates);
        var (databasePath, run, outcomes, notEstimated, failures, plotData) = estimates;
        Directory.CreateDirectory(outDir);
        var tables = Tables
            .Select(t => (t.Key, Table: outcomes.Where(o => o.Spec.Table == t.Key).ToList(), t.Title))
            .Where(t => t.Table.Count > 0)
            .Select(t => RegressionTable.Build(t.Title, ModelsReport.Columns(t.Table)))
            .ToList();
        var header = Header(run, databasePath);
        var nonlinear = NonlinearityText(outcomes);
        var bootstrap = BootstrapText(outcomes);
        var models = ModelsReport.Text(outcomes, run.IsDemo);

        var text = new StringBuilder(header.Text);
        foreach (var t in tables) text.AppendLine().Append(TableRenderer.Text(t));
        text.AppendLine().Append(nonlinear).AppendLine().Append(bootstrap).AppendLine().Append(models);
        foreach (var n in notEstimated) text.Append("NOT ESTIMATED: ").AppendLine(n);
        foreach (var f in failures) text.Append("FAILED: ").AppendLine(f);

        var files = new List<string>();
        string Put(string name, string content)
        {
            var path = Path.Combine(outDir, name);
            File.WriteAllText(path, content, new UTF8Encoding(false));
            files.Add(path);
            return path;
        }
        Put("tables.txt", text.ToString());
        var md = new StringBuilder(header.Markdown);
        foreach (var t in tables) md.AppendLine().Append(TableRenderer.Markdown(t));
        md.AppendLine().AppendLine("### Nonlinearity").AppendLine().AppendLine("```").Append(nonlinear).AppendLine("```");
        md.AppendLine().AppendLine("### Wild cluster bootstrap").AppendLine().AppendLine("```").Append(bootstrap).AppendLine("```");
        md.AppendLine().AppendLine("### Threshold regimes and mechanism").AppendLine().AppendLine("```").Append(models).AppendLine("```");
        foreach (var n in notEstimated) md.Append("- **NOT ESTIMATED**: ").AppendLine(n);
        foreach (var f in failures) md.Append("- **FAILED**: ").AppendLine(f);
        Put("tables.md", md.ToString());
        var tex = new StringBuilder($"% Warehouse report — warehouse run {run.RunId}{(run.IsDemo ? " — DEMO CORPUS: not the paper's results" : "")}\n");
        foreach (var t in tables) tex.AppendLine().Append(TableRenderer.Latex(t));
        Put("tables.tex", tex.ToString());

        var figures = ReportPlots.WriteAll(Path.Combine(outDir, "plots"), outcomes, plotData);
        foreach (var (name, _) in figures)
        {
            files.Add(Path.Combine(outDir, "plots", name + ".svg"));
            files.Add(Path.Combine(outDir, "plots", name + ".png"));
        }
        Put("report.html", Html(header, tables, outcomes, figures, notEstimated, failures));
        return new ReportOutput(text.ToString(), files, run, outcomes, failures);
    }

    private sealed record HeaderText(string Text, string Markdown, string Html);

    private static HeaderText Header(RunInfo run, string databasePath)
    {
        var demo = run.IsDemo ? "DEMO CORPUS — synthetic data: these are not the paper's results." : null;
        var line = $"Warehouse run {run.RunId} ({run.LiveFileName(databasePath)})";
        var text = new StringBuilder();
        text.AppendLine("Co-agglomeration of manufacturing and producer services and export technological complexity");
        text.AppendLine(line);
        if (demo is not null) text.AppendLine("*** " + demo + " ***");
        var md = new StringBuilder("# Co-agglomeration and export technological complexity\n\n");
        md.Append("Read from ").Append(line.Replace("Warehouse run", "warehouse run", StringComparison.Ordinal)).AppendLine(".");
        if (demo is not null) md.AppendLine().Append("> **").Append(demo).AppendLine("**");
        var html = new StringBuilder();
        html.Append("<p class=\"run\">").Append(WebUtility.HtmlEncode(line)).AppendLine("</p>");
        if (demo is not null) html.Append("<p class=\"demo\"><strong>").Append(WebUtility.HtmlEncode(demo)).AppendLine("</strong></p>");
        return new HeaderText(text.ToString(), md.ToString(), html.ToString());
    }

    private static string NonlinearityText(IReadOnlyList<SpecOutcome> outcomes)
    {
        var sb = new StringBuilder("Nonlinearity (turning point with delta-method CI; Lind–Mehlum U-test)\n");
        var any = false;
        foreach (var o in outcomes.Where(o => o.Nonlinearity is not null))
        {
            any = true;
            var n = o.Nonlinearity!;
            sb.AppendLine(Inv, $"  {o.Spec.Column} {o.Spec.Name}: shape {n.Shape}; turning point {n.Linear} = {n.TurningPoint:F4} (se {n.TurningPointSe:F4}, 95% CI [{n.CiLow:F4}, {n.CiHigh:F4}]), {(n.InsideRange ? "inside" : "OUTSIDE")} the data range [{n.XMin:F4}, {n.XMax:F4}]");
            sb.AppendLine(Inv, $"    slope at min {n.SlopeAtMin:F4} (t {n.TAtMin:F3}), at max {n.SlopeAtMax:F4} (t {n.TAtMax:F3}); U-test t = {n.UTest:F3}, p = {n.UTestP:F4}");
        }
        if (!any) sb.AppendLine("  (no quadratic specification configured)");
        return sb.ToString();
    }

    private static string BootstrapText(IReadOnlyList<SpecOutcome> outcomes)
    {
        var sb = new StringBuilder("Wild cluster restricted bootstrap beside the conventional cluster-robust test\n");
        var any = false;
        foreach (var o in outcomes)
        {
            foreach (var b in o.Bootstrap)
            {
                any = true;
                var conv = o.Fit[b.Coefficient];
                sb.AppendLine(Inv, $"  {o.Spec.Column} {o.Spec.Name}: {b.Coefficient} t = {b.T:F3}, conventional p = {conv.P:F4} (t, {o.Fit.DfResid} df); WCR {b.Weights} p = {b.P:F4}, CI [{b.CiLow:F4}, {b.CiHigh:F4}] ({b.Groups} clusters, {b.Replications} draws, seed {b.Seed})");
            }
        }
        if (!any) sb.AppendLine("  (no specification asked for the bootstrap)");
        return sb.ToString();
    }

    /// <summary>The scatter of the first spec with a turning point, in the binscatter convention on that spec's own
    /// sample, fixed effects and controls; null for other specs.</summary>
    private static BinnedScatter? Binned(EstimationData data, SpecOutcome outcome, bool dropSingletons, List<string> failures)
    {
        if (outcome.Nonlinearity is not { } nl || outcome.Threshold is not null || outcome.Mediation is not null) return null;
        try
        {
            return BinnedScatter.Compute(data, nl.Linear, nl.Squared, outcome.Fit, nl, dropSingletons: dropSingletons);
        }
        catch (ArgumentException ex)
        {
            failures.Add($"plots: binned scatter of spec {outcome.Spec.Name}: {ex.Message}");
            return null;
        }
    }

    private static PlotData? ReadPlotData(DbConnection connection, IReadOnlyList<ModelSpec> specs, BinnedScatter? binned, List<string> failures)
    {
        if (specs.Count == 0) return null;
        var view = PanelLoader.QuoteRelation(specs[0].View);
        var y = PanelLoader.Quote(specs[0].Y);
        try
        {
            var byRegion = connection.Query<RegionYearMeans>(
                $"select cast(region as varchar) as region, cast(year as integer) as year, avg(co) as co, avg({y}) as ln_expy from {view} " +
                $"where co is not null and {y} is not null and region is not null group by 1, 2 order by 1, 2").AsList();
            return new PlotData(byRegion, binned);
        }
        catch (DuckDBException ex)
        {
            failures.Add($"plots: cannot read region/year/co/{specs[0].Y} from {specs[0].View}: {ex.Message}");
            return null;
        }
    }

    /// <summary>The nonlinearity results as a table: one row per quadratic spec.</summary>
    private static string NonlinearityHtml(IReadOnlyList<SpecOutcome> outcomes)
    {
        var rows = outcomes.Where(o => o.Nonlinearity is not null).Select(o =>
        {
            var n = o.Nonlinearity!;
            return new[]
            {
                $"{o.Spec.Column} {o.Spec.Name}", n.Shape.ToString(), string.Create(Inv, $"{n.TurningPoint:F4}"), string.Create(Inv, $"{n.TurningPointSe:F4}"),
                string.Create(Inv, $"[{n.CiLow:F4}, {n.CiHigh:F4}]"), string.Create(Inv, $"[{n.XMin:F4}, {n.XMax:F4}]") + (n.InsideRange ? "" : " (outside)"),
                string.Create(Inv, $"{n.SlopeAtMin:F4} ({n.TAtMin:F3})"), string.Create(Inv, $"{n.SlopeAtMax:F4} ({n.TAtMax:F3})"),
                string.Create(Inv, $"{n.UTest:F3}"), string.Create(Inv, $"{n.UTestP:F4}"),
            };
        }).ToList();
        return rows.Count == 0 ? "<p>No quadratic specification configured.</p>\n" : ResultTable.Html("results nonlinearity",
            "Turning point with delta-method 95% CI; Lind–Mehlum (2010) U-test",
            ["spec", "shape", "turning point", "se", "95% CI", "data range", "slope at min (t)", "slope at max (t)", "U-test t", "p"], rows);
    }

    /// <summary>The wild cluster bootstrap beside the conventional test, one row per spec and weight type.</summary>
    private static string BootstrapHtml(IReadOnlyList<SpecOutcome> outcomes)
    {
        var rows = outcomes.SelectMany(o => o.Bootstrap.Select(b => new[]
        {
            $"{o.Spec.Column} {o.Spec.Name}", b.Coefficient, string.Create(Inv, $"{b.T:F3}"),
            string.Create(Inv, $"{o.Fit[b.Coefficient].P:F4} ({o.Fit.DfResid} df)"), b.Weights.ToString(), string.Create(Inv, $"{b.P:F4}"),
            string.Create(Inv, $"[{b.CiLow:F4}, {b.CiHigh:F4}]"), b.Groups.ToString(Inv), b.Replications.ToString(Inv),
        })).ToList();
        return rows.Count == 0 ? "<p>No specification asked for the bootstrap.</p>\n" : ResultTable.Html("results bootstrap",
            $"Wild cluster restricted bootstrap beside the conventional cluster-robust t test (seed {outcomes.SelectMany(o => o.Bootstrap).First().Seed})",
            ["spec", "coefficient", "t", "conventional p", "weights", "WCR p", "WCR 95% CI", "clusters", "draws"], rows);
    }

    private static string Html(HeaderText header, IReadOnlyList<RegressionTable> tables, IReadOnlyList<SpecOutcome> outcomes,
        IReadOnlyList<(string Name, string Caption)> figures, IReadOnlyList<string> notEstimated, IReadOnlyList<string> failures)
    {
        var sb = new StringBuilder();
        sb.AppendLine("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">");
        sb.AppendLine("<title>协同集聚与出口技术复杂度 — Warehouse report</title>");
        sb.AppendLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        // Every table spans the text column (Tables 1–4 line up); wide result tables shrink their font, never the page.
        sb.AppendLine("<style>body{font-family:'Noto Sans CJK SC','Noto Sans',sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;box-sizing:border-box;}" +
                      "table.regression,table.results{border-collapse:collapse;margin:1.5em 0;width:100%;table-layout:fixed;}" +
                      "table.results{font-size:.8em;}table.results th,table.results td{padding:2px 4px;text-align:right;overflow-wrap:anywhere;}" +
                      "table.results thead{border-top:2px solid #000;border-bottom:1px solid #000;}table.results tbody th{text-align:left;font-weight:normal;}" +
                      "table.results tbody{border-bottom:2px solid #000;}caption{text-align:left;font-weight:bold;margin-bottom:.3em;}" +
                      "table.regression th,table.regression td{padding:2px 10px;text-align:right;}table.regression thead th:first-child{width:22%;}" +
                      "table.regression tbody th{text-align:left;font-weight:normal;}table.regression thead{border-top:2px solid #000;border-bottom:1px solid #000;}" +
                      "tr.se td{color:#444;}tr.footer{border-top:1px solid #ccc;}table.regression tfoot td{font-size:.85em;text-align:left;border-top:2px solid #000;}" +
                      "p.demo{background:#fff3cd;border:1px solid #e0b000;padding:.6em;}figure img{max-width:100%;}pre{background:#f6f6f6;padding:.8em;white-space:pre-wrap;overflow-wrap:anywhere;}</style>");
        sb.AppendLine("</head>\n<body>");
        sb.AppendLine("<h1>制造业与生产性服务业协同集聚对高技术产业出口技术复杂度的影响</h1>");
        sb.Append(header.Html);
        // Above the tables: a reader of a partial (real) warehouse sees first which specs could not be estimated and why.
        foreach (var n in notEstimated) sb.Append("<p class=\"not-estimated\"><strong>NOT ESTIMATED</strong>: ").Append(WebUtility.HtmlEncode(n)).AppendLine("</p>");
        foreach (var t in tables) sb.Append(TableRenderer.Html(t));
        sb.Append("<h2>Nonlinearity</h2>\n").Append(NonlinearityHtml(outcomes));
        sb.Append("<h2>Wild cluster bootstrap</h2>\n").Append(BootstrapHtml(outcomes));
        // Wrapped, so a long line never widens the page.
        sb.Append("<h2>Threshold regimes and mechanism</h2>\n").Append(ModelsReport.Html(outcomes));
        sb.AppendLine("<h2>Figures</h2>");
        foreach (var (name, caption) in figures)
        {
            sb.Append("<figure><img src=\"plots/").Append(name).Append(".svg\" alt=\"").Append(WebUtility.HtmlEncode(caption))
              .Append("\"><figcaption>").Append(WebUtility.HtmlEncode(caption)).Append(" (<a href=\"plots/").Append(name).AppendLine(".png\">PNG</a>)</figcaption></figure>");
        }

        foreach (var f in failures) sb.Append("<p class=\"failed\">FAILED: ").Append(WebUtility.HtmlEncode(f)).AppendLine("</p>");
        sb.AppendLine("</body>\n</html>");
        return sb.ToString();
    }
}
