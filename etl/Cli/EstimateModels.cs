using System.CommandLine;
using System.Globalization;
using Warehouse.Analysis.Data;
using Warehouse.Analysis.Estimation;
using Warehouse.Analysis.Mediation;
using Warehouse.Analysis.Output;
using Warehouse.Analysis.Threshold;

namespace Warehouse.Etl.Cli;

/// <summary>The models <c>estimate</c> runs instead of one regression: the panel threshold model
/// (<c>--threshold</c>) and the mediation analysis (<c>--mediator</c>).</summary>
public static class EstimateModels
{
    public static readonly Option<string?> Threshold = new("--threshold")
    {
        Description = "Panel threshold regression (Hansen 1999) on this threshold variable; --x are the regime-independent regressors, the first --fe is the unit",
    };

    public static readonly Option<string?> RegimeX = new("--regime-x")
    {
        Description = "Regime-dependent regressors of --threshold, comma-separated",
    };

    public static readonly Option<int> Thresholds = Only(new Option<int>("--thresholds")
    {
        Description = "Number of thresholds, found sequentially: 1 | 2 | 3",
        DefaultValueFactory = _ => 1,
    }, "1", "2", "3");

    public static readonly Option<string?> Trim = new("--trim")
    {
        Description = "Trimming share per threshold search, comma-separated (default 0.01,0.01,0.05 as Hansen; one value for all)",
    };

    public static readonly Option<int> Grid = new("--grid")
    {
        Description = "Threshold candidates: this many quantiles of the distinct values of the threshold variable",
        DefaultValueFactory = _ => new ThresholdOptions().Grid,
    };

    public static readonly Option<string> Search = Only(new Option<string>("--threshold-search")
    {
        Description = "What the threshold search regresses on: hansen (demeaned, last period deleted, as his program) | within (the plain FE regression)",
        DefaultValueFactory = _ => "hansen",
    }, "hansen", "within");

    public static readonly Option<string> Time = new("--time")
    {
        Description = "Time column ordering each unit's rows for --threshold (last period, bootstrap)",
        DefaultValueFactory = _ => "year",
    };

    public static readonly Option<string?> Mediator = new("--mediator")
    {
        Description = "Mediation analysis: the first --x is the treatment, this column the mediator (three FE regressions, Sobel SE, cluster bootstrap with --bootstrap)",
    };

    /// <summary>Adds the options to the <c>estimate</c> verb.</summary>
    public static Command WithModelOptions(this Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var o in new Option[] { Threshold, RegimeX, Thresholds, Trim, Grid, Search, Time, Mediator }) command.Options.Add(o);
        return command;
    }

    /// <summary>True when the command line asks for one of these models.</summary>
    public static bool Requested(ParseResult parse) => parse.GetValue(Threshold) is not null || parse.GetValue(Mediator) is not null;

    /// <summary>The request plus the columns the model needs beyond y, --x, --fe and --cluster.</summary>
    public static PanelRequest Extend(ParseResult parse, PanelRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (parse.GetValue(Threshold) is { } q)
        {
            if (parse.GetValue(Mediator) is not null) throw new ArgumentException("--threshold and --mediator are separate analyses; give one");
            var regime = List(parse.GetValue(RegimeX));
            if (regime.Count == 0) throw new ArgumentException("--threshold needs --regime-x (the regime-dependent regressors)");
            return request with { Extra = [.. request.Extra, q, .. regime, parse.GetValue(Time)!] };
        }
        if (parse.GetValue(Mediator) is { } m) return request with { Extra = [.. request.Extra, m] };
        return request;
    }

    /// <summary>Runs the model and prints it like a fit (<c>--format</c>); returns the exit code.</summary>
    public static int Run(ParseResult parse, EstimationData data, FeolsOptions options, double loadSeconds, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var format = parse.GetValue<string>("--format") ?? "text";
        var draws = parse.GetValue<int>("--bootstrap");
        var seed = parse.GetValue<int>("--seed");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        FitResult fit;
        Action<System.Text.Json.Utf8JsonWriter> json;
        string text;
        if (parse.GetValue(Threshold) is { } variable)
        {
            var regime = List(parse.GetValue(RegimeX));
            var time = parse.GetValue(Time)!;
            var (sample, cols) = Complete(data, [variable, .. regime, time], stderr);
            var trim = List(parse.GetValue(Trim)).Select(t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
                ? v : throw new ArgumentException($"--trim: '{t}' is not a number")).ToList();
            var result = ThresholdRegression.Estimate(
                new ThresholdInput(sample, variable, cols[0], regime, cols[1..^1], cols[^1]),
                new ThresholdOptions
                {
                    Thresholds = parse.GetValue(Thresholds),
                    Trim = trim.Count > 0 ? trim : new ThresholdOptions().Trim,
                    Grid = parse.GetValue(Grid),
                    Bootstrap = draws,
                    Seed = seed,
                    Transform = parse.GetValue(Search) == "within" ? ThresholdTransform.Within : ThresholdTransform.Hansen,
                    Fit = options,
                });
            fit = result.Fit;
            json = w => ThresholdReport.WriteJson(w, result);
            text = ThresholdReport.Text(result);
        }
        else
        {
            var mediator = parse.GetValue(Mediator)!;
            var (sample, cols) = Complete(data, [mediator], stderr);
            var result = MediationAnalysis.Estimate(new MediationInput(sample, mediator, cols[0]),
                new MediationOptions { Bootstrap = draws, Seed = seed, Fit = options });
            fit = result.Outcome;
            json = w => MediationReport.WriteJson(w, result);
            text = MediationReport.Text(result);
        }
        var seconds = clock.Elapsed.TotalSeconds;
        if (data.RowsDroppedMissing > 0)
            stderr.WriteLine($"warehouse estimate: {data.RowsDroppedMissing} rows with a missing model variable dropped");
        foreach (var note in fit.Notes) stderr.WriteLine($"warehouse estimate: {note}");
        if (parse.GetValue(CommonOptions.Db) is { } db && format is "text" or "md")
        {
            using var connection = new DuckDB.NET.Data.DuckDBConnection($"Data Source={db};ACCESS_MODE=READ_ONLY");
            connection.Open();
            var run = Warehouse.Analysis.Reporting.RunInfo.Read(connection);
            stdout.WriteLine($"Warehouse run: {run.RunId}{(run.IsDemo ? " (demo corpus — not the paper's results)" : "")}");
        }
        if (format == "json") stdout.WriteLine(FitJson.Write(fit, loadSeconds, seconds, null, json));
        else
        {
            stdout.WriteLine(FitText.Render(fit, format));
            if (format is "text" or "md") stdout.WriteLine(format == "md" ? "```\n" + text + "```" : text);
        }
        return fit.Converged ? ExitCodes.Ok : ExitCodes.Failed;
    }

    /// <summary>The named columns (from the regressors, the extra columns or a numeric id column) and the sample
    /// without rows where any of them is missing (the count goes to stderr).</summary>
    private static (EstimationData Data, double[][] Columns) Complete(EstimationData data, IReadOnlyList<string> names, TextWriter stderr)
    {
        var cols = names.Select(n => Column(data, n)).ToArray();
        var keep = Enumerable.Range(0, data.Rows).Where(i => cols.All(c => double.IsFinite(c[i]))).ToArray();
        if (keep.Length == data.Rows) return (data, cols);
        stderr.WriteLine($"warehouse estimate: {data.Rows - keep.Length} rows with a missing {string.Join("/", names.Distinct())} dropped");
        double[] Take(double[] a) => keep.Select(i => a[i]).ToArray();
        var sample = new EstimationData(data.YName, Take(data.Y), data.XNames, data.X.Select(Take).ToArray(),
            data.FixedEffects.Select(f => f.Subset(keep)).ToArray(), data.Clusters.Select(c => c.Subset(keep)).ToArray())
        {
            RowsDroppedMissing = data.RowsDroppedMissing + (data.Rows - keep.Length),
        };
        return (sample, cols.Select(Take).ToArray());
    }

    private static double[] Column(EstimationData data, string name)
    {
        var x = data.XNames.ToList().IndexOf(name);
        if (x >= 0) return data.X[x];
        if (name == data.YName) return data.Y;
        if (data.Extra.TryGetValue(name, out var extra)) return extra;
        var id = data.FixedEffects.Concat(data.Clusters).FirstOrDefault(f => f.Name == name);
        if (id?.Labels is { } labels)
        {
            var values = labels.Select(l => double.TryParse(l, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN).ToArray();
            if (values.All(double.IsFinite)) return id.Codes.Select(c => values[c]).ToArray();
        }
        throw new ArgumentException($"column {name} is not numeric or was not read");
    }

    private static Option<T> Only<T>(Option<T> option, params string[] values)
    {
        option.AcceptOnlyFromAmong(values);
        return option;
    }

    private static List<string> List(string? csv) =>
        string.IsNullOrWhiteSpace(csv) ? [] : csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
