using System.CommandLine;
using System.Globalization;
using Warehouse.Analysis.Data;
using Warehouse.Analysis.Output;
using Warehouse.Analysis.Specs;
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
        DefaultValueFactory = _ => OptionNames.NameOf(OptionNames.ThresholdSearch, new ThresholdOptions().Transform),
    }, [.. OptionNames.ThresholdSearch.Keys]);

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

    /// <summary>The spec and settings with the threshold model or the mediation analysis the command line asks for.</summary>
    public static (ModelSpec Spec, ModelSettings Settings) Extend(ParseResult parse, ModelSpec spec, ModelSettings settings)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(settings);
        var draws = parse.GetValue<int>("--bootstrap");
        if (parse.GetValue(Threshold) is { } q)
        {
            if (parse.GetValue(Mediator) is not null) throw new ArgumentException("--threshold and --mediator are separate analyses; give one");
            var regime = List(parse.GetValue(RegimeX));
            if (regime.Count == 0) throw new ArgumentException("--threshold needs --regime-x (the regime-dependent regressors)");
            var trim = List(parse.GetValue(Trim)).Select(t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
                ? v : throw new ArgumentException($"--trim: '{t}' is not a number")).ToList();
            var threshold = new ThresholdSpec
            {
                Variable = q,
                RegimeX = regime,
                Thresholds = parse.GetValue(Thresholds),
                Trim = trim.Count > 0 ? trim : null,
                Grid = parse.GetValue(Grid),
                Bootstrap = draws,
                Search = OptionNames.ThresholdSearch[parse.GetValue(Search)!],
            };
            return (spec with { Threshold = threshold, Bootstrap = false }, settings with { Time = parse.GetValue(Time)! });
        }
        if (parse.GetValue(Mediator) is { } m)
            return (spec with { Mediation = new MediationSpec { Mediator = m, Bootstrap = draws }, Bootstrap = false }, settings);
        return (spec, settings);
    }

    /// <summary>Runs the model and prints it like a fit (<c>--format</c>) plus its own table; returns the exit code.</summary>
    public static int Run(ParseResult parse, EstimationData data, ModelSpec spec, ModelSettings settings, double loadSeconds, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var verb = new VerbOutput("estimate", stdout, stderr);
        var format = parse.GetValue<string>("--format") ?? "text";
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var outcome = SpecModels.Run(data, spec, settings, verb.Note);
        var seconds = clock.Elapsed.TotalSeconds;
        var fit = outcome.Fit;
        Action<System.Text.Json.Utf8JsonWriter> json = outcome.Threshold is { } t
            ? w => ThresholdReport.WriteJson(w, t)
            : w => MediationReport.WriteJson(w, outcome.Mediation!);
        var text = outcome.Threshold is { } t2 ? ThresholdReport.Text(t2) : MediationReport.Text(outcome.Mediation!);
        if (data.RowsDroppedMissing > 0)
            verb.Note($"{data.RowsDroppedMissing} rows with a missing model variable dropped");
        foreach (var note in fit.Notes) verb.Note(note);
        if (parse.GetValue(CommonOptions.Db) is { } db && format is "text" or "md")
        {
            using var connection = WarehouseConnection.OpenReadOnly(db);
            var run = Warehouse.Analysis.Reporting.RunInfo.Read(connection);
            stdout.WriteLine($"Warehouse run: {run.RunId}{(run.IsDemo ? " (demo corpus — not the paper's results)" : "")}");
        }
        if (format == "json")
        {
            stdout.WriteLine(FitJson.Write(fit, loadSeconds, seconds, null, json));
        }
        else
        {
            stdout.WriteLine(FitText.Render(fit, format));
            if (format is "text" or "md") stdout.WriteLine(format == "md" ? "```\n" + text + "```" : text);
        }
        return fit.Converged ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static Option<T> Only<T>(Option<T> option, params string[] values)
    {
        option.AcceptOnlyFromAmong(values);
        return option;
    }

    private static List<string> List(string? csv) =>
        string.IsNullOrWhiteSpace(csv) ? [] : csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
