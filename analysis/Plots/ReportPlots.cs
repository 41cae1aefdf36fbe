using ScottPlot;
using Warehouse.Analysis.Specs;

namespace Warehouse.Analysis.Plots;

/// <summary>Series the plots need, read from the panel once.</summary>
/// <param name="ByRegionYear">(region, year, mean co, mean ln EXPY) rows.</param>
/// <param name="Binned">ln EXPY against co after partialling out the quadratic spec's fixed effects and controls, with
/// its fitted quadratic; null when no spec has a turning point or it could not be estimated.</param>
public sealed record PlotData(IReadOnlyList<RegionYearMeans> ByRegionYear, BinnedScatter? Binned);

/// <summary>One region's means in one year, a row of the panel grouped by (region, year).</summary>
/// <param name="Region">The panel's region label (east, middle, west).</param>
/// <param name="Year">Calendar year.</param>
/// <param name="Co">Mean co-agglomeration index over the region's provinces.</param>
/// <param name="LnExpy">Mean of the first spec's dependent variable (ln EXPY).</param>
public sealed record RegionYearMeans(string Region, int Year, double Co, double LnExpy);

/// <summary>The report's figures, rendered by ScottPlot as SVG and PNG with Chinese labels.</summary>
/// <remarks>Chinese glyphs need a CJK font (Noto Sans CJK on Linux; <c>.ci/run</c> installs it); each text element
/// gets the installed font most likely to contain its characters (<c>Font.Automatic</c>).</remarks>
public static class ReportPlots
{
    private const int Width = 900;
    private const int Height = 520;

    public static string RegionLabel(string region) => region.ToLowerInvariant() switch
    {
        "east" => "东部 East",
        "middle" => "中部 Middle",
        "west" => "西部 West",
        _ => region,
    };

    /// <summary>Writes every figure as <c>name.svg</c> and <c>name.png</c> into <paramref name="dir"/>; returns the names.</summary>
    public static IReadOnlyList<(string Name, string Caption)> WriteAll(string dir, IReadOnlyList<SpecOutcome> outcomes, PlotData? data)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        Directory.CreateDirectory(dir);
        var figures = new List<(string Name, string Caption, Func<Plot> Draw, int Width, int Height)>();
        if (CoefficientPlot(outcomes) is { } coef)
        {
            figures.Add(("coefficients", "co 系数与 95% 置信区间（各设定） — coefficient of co with 95% CI per specification",
                () => coef, Width, Math.Max(Height, 120 + (28 * outcomes.Count))));
        }
        if (data is { ByRegionYear.Count: > 0 })
        {
            figures.Add(("co_by_region", "制造业与生产性服务业协同集聚（分地区年度均值） — co-agglomeration over time by region",
                () => OverTime(data, r => r.Co, "协同集聚指数 co（地区均值）", "co"), Width, Height));
            figures.Add(("ln_expy_by_region", "高技术产业出口技术复杂度（分地区年度均值） — ln EXPY over time by region",
                () => OverTime(data, r => r.LnExpy, "出口技术复杂度 ln EXPY（地区均值）", "ln EXPY"), Width, Height));
        }
        if (data?.Binned is { Bins.Count: > 0 } binned)
        {
            figures.Add(("scatter_quadratic", $"分组散点图：剔除固定效应与控制变量后的 ln EXPY 与 co（{binned.Bins.Count} 组，N = {binned.Rows}）及二次拟合、95% 置信带与拐点 — " +
                $"binned scatter of ln EXPY against co after partialling out the fixed effects and controls, with the fitted quadratic, its 95% band and the turning point",
                () => Scatter(binned), Width, Height));
        }

        // Each figure is its own Plot and its own files, and rendering (text shaping, rasterising the PNG) is most of
        // the report step's time on one core: the figures are drawn on every core, listed in the order above.
        try
        {
            Parallel.ForEach(figures, f => Save(f.Draw(), dir, f.Name, f.Width, f.Height));
        }
        catch (AggregateException parallel) when (parallel.InnerExceptions.Count > 0)
        {
            // A file that cannot be written is the error to report (its path in its message), not the parallel loop's wrapper.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(parallel.InnerExceptions[0]).Throw();
        }
        return figures.Select(f => (f.Name, f.Caption)).ToList();
    }

    private static void Save(Plot plot, string dir, string name, int width = Width, int height = Height)
    {
        plot.Font.Set(ChineseFont.Value);
        LabelCentering.CentreLeftTicks(plot, ChineseFont.Value);
        plot.SaveSvg(Path.Combine(dir, name + ".svg"), width, height);
        PngFile.Save(plot, Path.Combine(dir, name + ".png"), width, height);
    }

    /// <summary>An installed font family that has Chinese glyphs: Noto Sans CJK SC when present, otherwise whatever
    /// fontconfig offers for 中 (ScottPlot's automatic choice picks a Latin font for mixed labels and shows tofu).</summary>
    public static readonly Lazy<string> ChineseFont = new(() =>
    {
        using var preferred = SkiaSharp.SKTypeface.FromFamilyName("Noto Sans CJK SC");
        if (preferred is not null && preferred.ContainsGlyph('中')) return preferred.FamilyName;
        using var any = SkiaSharp.SKFontManager.Default.MatchCharacter('中');
        return any?.FamilyName ?? Fonts.Default;
    });

    /// <summary>A horizontal coefficient plot (Stata's <c>coefplot</c> layout): one row per spec, top to bottom in the
    /// configured order, the estimate as a dot and its 95% interval as a bar, a dashed line at zero. Horizontal, so the
    /// spec names read without overlapping however many specs there are.</summary>
    private static Plot? CoefficientPlot(IReadOnlyList<SpecOutcome> outcomes)
    {
        var rows = outcomes
            .Select(o => (o.Spec, Coef: o.Fit.Coefficients.FirstOrDefault(c => c.Name == o.Spec.X[0])))
            .Where(r => r.Coef is not null)
            .ToList();
        if (rows.Count == 0) return null;
        var plot = new Plot();
        var ys = Enumerable.Range(0, rows.Count).Select(i => (double)(rows.Count - 1 - i)).ToArray();
        for (var i = 0; i < rows.Count; i++)
        {
            var bar = plot.Add.Line(rows[i].Coef!.CiLow, ys[i], rows[i].Coef!.CiHigh, ys[i]);
            bar.LineWidth = 2;
            bar.Color = Colors.SteelBlue;
        }
        var markers = plot.Add.Markers(rows.Select(r => r.Coef!.Estimate).ToArray(), ys);
        markers.MarkerSize = 9;
        markers.Color = Colors.DarkOrange;
        // Solid, not dashed: Skia's SVG canvas has no path effects, so a dash pattern is drawn solid in the SVG the
        // report shows (and Skia prints "Unsupported path effect" to stderr for each); colour and weight tell it apart.
        var zero = plot.Add.VerticalLine(0);
        zero.LineWidth = 1;
        zero.Color = Colors.Gray.WithAlpha(0.8);
        plot.Axes.Left.SetTicks(ys, rows.Select(r => r.Spec.X[0] == "co" ? r.Spec.Column : $"{r.Spec.Column} · {r.Spec.X[0]}").ToArray());
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Title("核心解释变量系数及95%置信区间 — coefficient of the core regressor with its 95% CI");
        plot.XLabel("系数 coefficient");
        return plot;
    }

    private static Plot OverTime(PlotData data, Func<RegionYearMeans, double> value, string title, string yLabel)
    {
        var plot = new Plot();
        foreach (var group in data.ByRegionYear.GroupBy(r => r.Region).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var ordered = group.OrderBy(r => r.Year).ToArray();
            var line = plot.Add.Scatter(ordered.Select(r => (double)r.Year).ToArray(), ordered.Select(value).ToArray());
            line.LegendText = RegionLabel(group.Key);
            line.LineWidth = 2;
        }
        plot.Title(title);
        plot.XLabel("年份 year");
        // Years are labels, not quantities: no thousands separator.
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = v => v.ToString("0", System.Globalization.CultureInfo.InvariantCulture),
        };
        plot.YLabel(yLabel);
        LabelCentering.ShowCentredLegend(plot, ChineseFont.Value, Alignment.UpperLeft);
        return plot;
    }

    private static Plot Scatter(BinnedScatter binned)
    {
        var plot = new Plot();
        if (binned.Quadratic is { } q)
        {
            var nl = q.Nonlinearity;
            // Over the binned data (binscatter's fit line), widened to the turning point when it lies in the data.
            var lo = binned.Bins.Min(b => b.X);
            var hi = binned.Bins.Max(b => b.X);
            if (nl.InsideRange) (lo, hi) = (Math.Min(lo, nl.TurningPoint), Math.Max(hi, nl.TurningPoint));
            var margin = (hi - lo) * 0.05;
            (lo, hi) = (lo - margin, hi + margin);
            var xs = Enumerable.Range(0, 101).Select(i => lo + ((hi - lo) * i / 100.0)).ToArray();
            var band = plot.Add.FillY(xs, xs.Select(x => q.At(x) - q.HalfWidth(x)).ToArray(), xs.Select(x => q.At(x) + q.HalfWidth(x)).ToArray());
            band.FillColor = Colors.SteelBlue.WithAlpha(0.2);
            band.LineWidth = 0;
            band.LegendText = "95% 置信带 confidence band";
            var curve = plot.Add.Scatter(xs, xs.Select(q.At).ToArray());
            curve.MarkerSize = 0;
            curve.LineWidth = 3;
            curve.Color = Colors.SteelBlue;
            curve.LegendText = "二次拟合 fitted quadratic";
            var turning = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"拐点 turning point {nl.TurningPoint:F3}, 95% CI [{nl.CiLow:F3}, {nl.CiHigh:F3}]");
            // A turning point far outside the data would stretch the axis until the bins are one column: named, not drawn.
            if (nl.TurningPoint >= lo && nl.TurningPoint <= hi)
            {
                var turn = plot.Add.VerticalLine(nl.TurningPoint);
                turn.LineWidth = 2;
                turn.Color = Colors.FireBrick.WithAlpha(0.7);
                turn.LegendText = turning;
            }
            else
            {
                curve.LegendText += $"（{turning}, outside the data）";
            }
        }
        var pts = plot.Add.ScatterPoints(binned.Bins.Select(b => b.X).ToArray(), binned.Bins.Select(b => b.Y).ToArray());
        pts.LegendText = $"分组均值 bin means ({binned.Bins.Count} bins)";
        pts.MarkerSize = 9;
        pts.Color = Colors.Black;
        plot.Title("出口技术复杂度与协同集聚（剔除固定效应与控制变量）");
        plot.XLabel("协同集聚指数 co（剔除后加回均值 partialled, mean added back）");
        plot.YLabel("ln EXPY（剔除后加回均值）");
        LabelCentering.ShowCentredLegend(plot, ChineseFont.Value, Alignment.UpperRight);
        return plot;
    }
}
