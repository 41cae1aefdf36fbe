using System.CommandLine;
using System.Diagnostics;
using Warehouse.Analysis.Data;
using Warehouse.Analysis.Estimation;
using Warehouse.Analysis.Inference;
using Warehouse.Analysis.Output;
using Warehouse.Analysis.Specs;

namespace Warehouse.Etl.Cli;

/// <summary>The <c>estimate</c> verb: one fixed-effects regression on a DuckDB relation or a CSV file.</summary>
public static class EstimateCommand
{
    public static Command Create()
    {
        var csv = new Option<string?>("--csv") { Description = "Read the data from this CSV file (header row) instead of the warehouse" };
        var view = new Option<string>("--view") { Description = "Relation to read from the warehouse (--db, default the live file of pipelines.yml)", DefaultValueFactory = _ => "panel" };
        var y = new Option<string>("--y") { Description = "Dependent variable", Required = true };
        var x = new Option<string?>("--x") { Description = "Regressors, comma-separated (with --iv: the exogenous ones, which may be none)" };
        var fe = new Option<string?>("--fe") { Description = "Fixed effects to absorb, comma-separated, in fixest syntax: a (any column type), a^b (one effect per combination), a[x] (a plus a-specific slopes on x, e.g. province_code[year] for province trends), a[[x]] (the slopes only)" };
        var cluster = new Option<string?>("--cluster") { Description = "Cluster variable(s), comma-separated; implies --vcov cluster" };
        var vcov = new Option<string?>("--vcov") { Description = "iid | hetero | cluster | dk (Driscoll–Kraay) | nw (panel Newey–West) (default: cluster with --cluster, else iid); dk and nw need --panel-id" };
        var iv = new Option<string?>("--iv") { Description = "Instrument endogenous regressors (2SLS, FEs absorbed), fixest style: \"x1 + x2 ~ z1 + z2\"; --x lists the exogenous regressors (none is fine). Reports each first stage's ivf1 and ivwald1, the Kleibergen–Paap rk Wald F of all first stages, and Sargan (iid) or Hansen J (robust, cluster, dk, nw) when over-identified" };
        var firstStage = new Option<bool>("--first-stage") { Description = "With --iv: print the first-stage coefficients and the reduced form too" };
        var panelId = new Option<string?>("--panel-id") { Description = "Panel unit and time columns for --vcov dk|nw, e.g. province_code,year (time is read as a number; periods are its distinct values in order)" };
        var hacLag = new Option<int?>("--lag") { Description = "Lag of --vcov dk|nw (Bartlett kernel); default floor(T^0.25) over the T periods, as fixest" };
        vcov.AcceptOnlyFromAmong([.. OptionNames.Vcov.Keys]);
        var ssc = new Option<string>("--ssc") { Description = "Small-sample convention: stata (reghdfe/fixest) | none (plm HC0, linearmodels default) | cluster-only (linearmodels group_debias)", DefaultValueFactory = _ => OptionNames.NameOf(OptionNames.SmallSample, new FeolsOptions().SmallSample) };
        ssc.AcceptOnlyFromAmong([.. OptionNames.SmallSample.Keys]);
        var na = new Option<string?>("--na") { Description = "With --csv: comma-separated cell texts that mean missing (default NA,.,#N/A,NULL,N/A,NaN; an empty cell always is). Rows with a missing model variable are dropped and counted" };
        var where = new Option<string?>("--where") { Description = "SQL predicate filtering rows before estimation, e.g. \"region = 'east'\"" };
        var bootstrap = new Option<int>("--bootstrap") { Description = "Wild cluster restricted bootstrap draws for every coefficient (0 = none); with --threshold the threshold-test replications, with --mediator the cluster-bootstrap draws of a*b" }.AtLeast(0);
        var weights = new Option<string>("--weights") { Description = "Bootstrap weights: rademacher | webb", DefaultValueFactory = _ => OptionNames.NameOf(OptionNames.Weights, new WildBootstrapOptions().Weights) };
        weights.AcceptOnlyFromAmong([.. OptionNames.Weights.Keys]);
        var seed = new Option<int>("--seed") { Description = "Bootstrap seed", DefaultValueFactory = _ => WildBootstrapDefaults.Seed };
        var keepSingletons = new Option<bool>("--keep-singletons") { Description = "Do not drop singleton observations" };
        var tol = new Option<double>("--tol") { Description = "Demeaning convergence tolerance (per-element test)", DefaultValueFactory = _ => FeolsDefaults.Tolerance };
        var algorithm = new Option<string>("--algorithm") { Description = "Demeaning with 2+ FEs: schur | cg | it (Irons–Tuck)", DefaultValueFactory = _ => OptionNames.NameOf(OptionNames.Algorithm, FeolsDefaults.Algorithm) };
        algorithm.AcceptOnlyFromAmong([.. OptionNames.Algorithm.Keys]);
        var format = new Option<string>("--format") { Description = "text | md | json | csv | tex", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "md", "json", "csv", "tex");

        var command = new Command("estimate", "Estimate a fixed-effects regression on a view or CSV.\n\nExample:\n  warehouse estimate --view panel --y ln_etc --x co,rd --fe province_code,year --cluster province_code --format json")
        {
            csv, na, view, y, x, fe, iv, firstStage, cluster, vcov, panelId, hacLag, ssc, where, bootstrap, weights, seed, keepSingletons, tol, algorithm, format,
        };
        command.WithCommonOptions(CommonOptions.Config, CommonOptions.Db).WithModelOptions();
        command.SetAction(parse =>
        {
            var verb = VerbOutput.Of(parse);
            var stdout = verb.Output;
            try
            {
                var draws = parse.GetValue(bootstrap);
                var spec = new ModelSpec
                {
                    Name = "estimate",
                    Table = "",
                    Column = "",
                    View = parse.GetValue(view)!,
                    Y = parse.GetValue(y)!,
                    X = List(parse.GetValue(x)),
                    Fe = List(parse.GetValue(fe)),
                    Cluster = List(parse.GetValue(cluster)),
                    Vcov = parse.GetValue(vcov) is { } v ? OptionNames.Vcov[v] : null,
                    Iv = parse.GetValue(iv),
                    ReducedForm = parse.GetValue(firstStage),
                    PanelId = List(parse.GetValue(panelId)),
                    HacLag = parse.GetValue(hacLag),
                    Where = parse.GetValue(where),
                    Bootstrap = draws > 0,
                };
                var settings = new ModelSettings
                {
                    Replications = draws,
                    Seed = parse.GetValue(seed),
                    Weights = [OptionNames.Weights[parse.GetValue(weights)!]],
                    BootstrapEveryCoefficient = true,
                    Fit = new FeolsOptions
                    {
                        SmallSample = OptionNames.SmallSample[parse.GetValue(ssc)!],
                        DropSingletons = !parse.GetValue(keepSingletons),
                        Tolerance = parse.GetValue(tol),
                        Algorithm = OptionNames.Algorithm[parse.GetValue(algorithm)!],
                    },
                };
                if (spec.X.Count == 0 && spec.Iv is null) throw new ArgumentException("--x needs at least one regressor (only an IV, --iv, may have none)");
                var csvPath = parse.GetValue(csv);
                var db = parse.GetValue(CommonOptions.Db);
                if (csvPath is not null && db is not null) throw new ArgumentException("give --csv FILE or --db PATH, not both");
                if (csvPath is null && parse.GetValue(na) is not null) throw new ArgumentException("--na applies to --csv only; a warehouse marks missing values as NULL");
                // Like every other verb, the data comes from the live warehouse unless told otherwise.
                if (csvPath is null)
                {
                    db = WarehouseConfigReader.ResolveDatabase(db, parse.GetValue(CommonOptions.Config)!);
                    if (!MissingWarehouse.Check(verb, db)) return ExitCodes.Usage;
                }

                (spec, settings) = EstimateModels.Extend(parse, spec, settings);
                var request = ModelRunner.Request(spec, settings);
                var clock = Stopwatch.StartNew();
                var raw = csvPath is not null ? PanelLoader.ReadCsv(csvPath, request, parse.GetValue(na)?.Split(',')) : PanelLoader.ReadDuckDbFile(db!, spec.View, request);
                var load = clock.Elapsed.TotalSeconds;
                clock.Restart();
                var data = raw.Index(); // FE indexing belongs to "fit" in the JSON contract
                if (spec.Threshold is not null || spec.Mediation is not null) return EstimateModels.Run(parse, data, spec, settings, load, stdout, verb.Errors);
                // One fit, and afterwards only the fit is read (a turning point also reads a regressor's range): the
                // partialling may overwrite the loaded columns instead of taking a second copy of them.
                var fit = ModelRunner.Estimate(data, spec, settings with { Fit = settings.Fit with { ReuseColumns = spec.TurningPoint is null } });
                var fitSeconds = clock.Elapsed.TotalSeconds;
                var outcome = ModelRunner.Test(fit, data, spec, settings);
                List<BootstrapResult>? boot = outcome.Bootstrap.Count > 0 ? outcome.Bootstrap.ToList() : null;
                if (data.RowsDroppedMissing > 0)
                    verb.Note($"{data.RowsDroppedMissing} rows with a missing model variable dropped");
                foreach (var note in fit.Notes) verb.Note(note);
                var fmt = parse.GetValue(format)!;
                if (db is not null && fmt is "text" or "md")
                {
                    // Every regression run records the warehouse run it read (docs/architecture.md#operations); JSON keeps its fixed keys.
                    using var connection = WarehouseConnection.OpenReadOnly(db);
                    var run = Warehouse.Analysis.Reporting.RunInfo.Read(connection);
                    stdout.WriteLine($"Warehouse run: {run.RunId}{(run.IsDemo ? " (demo corpus — not the paper's results)" : "")}");
                }
                stdout.WriteLine((fmt == "json" ? FitJson.Write(fit, load, fitSeconds, boot) : FitText.Render(fit, fmt, boot)).TrimEnd('\n'));
                if (fmt != "json" && fit.Iv is { } ivResult) stdout.Write(IvText.Render(ivResult, spec.ReducedForm));
                return fit.Converged ? ExitCodes.Ok : ExitCodes.Failed;
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidDataException or FileNotFoundException or InvalidOperationException)
            {
                verb.Error(ex.Message);
                return ExitCodes.Usage;
            }
            catch (DuckDB.NET.Data.DuckDBException ex)
            {
                // DuckDB cannot open the warehouse file (not a DuckDB file, truncated, held read-write by another
                // process); its message names the file.
                verb.Error(ex.Message.Split('\n', 2)[0].Trim());
                return ExitCodes.Usage;
            }
        });
        return command;
    }

    private static List<string> List(string? csv) =>
        string.IsNullOrWhiteSpace(csv) ? [] : csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
