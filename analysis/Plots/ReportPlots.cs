using ScottPlot;
using Warehouse.Analysis.Specs;

namespace Warehouse.Analysis.Plots;

/// <summary>Series the plots need, read from the panel once.</summary>
/// <param name="ByRegionYear">(region, year, mean co, mean ln EXPY) rows.</param>
/// <param name="Points">(co, ln EXPY) of every observation.</param>
public sealed record PlotData(IReadOnlyList<(string Region, int Year, double Co, double LnExpy)> ByRegionYear, IReadOnlyList<(double Co, double LnExpy)> Points);

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
        var written = new List<(string, string)>();
        var coef = CoefficientPlot(outcomes);
        if (coef is not null)
        {
            Save(coef, dir, "coefficients", 1200);
            written.Add(("coefficients", "co 系数与 95% 置信区间（各设定） — coefficient of co with 95% CI per specification"));
        }
        if (data is { ByRegionYear.Count: > 0 })
        {
            Save(OverTime(data, r => r.Co, "协同集聚指数 co（地区均值）", "co"), dir, "co_by_region");
            written.Add(("co_by_region", "制造业与生产性服务业协同集聚（分地区年度均值） — co-agglomeration over time by region"));
            Save(OverTime(data, r => r.LnExpy, "出口技术复杂度 ln EXPY（地区均值）", "ln EXPY"), dir, "ln_expy_by_region");
            written.Add(("ln_expy_by_region", "高技术产业出口技术复杂度（分地区年度均值） — ln EXPY over time by region"));
        }
        if (data is { Points.Count: > 0 })
        {
            Save(Scatter(data, outcomes.FirstOrDefault(o => o.Nonlinearity is not null)), dir, "scatter_quadratic");
            written.Add(("scatter_quadratic", "ln EXPY 与 co 的散点及二次拟合 — ln EXPY against co with the fitted quadratic"));
        }
        return written;
    }

    private static void Save(Plot plot, string dir, string name, int width = Width)
    {
        plot.Font.Set(ChineseFont.Value);
        plot.SaveSvg(Path.Combine(dir, name + ".svg"), width, Height);
        plot.SavePng(Path.Combine(dir, name + ".png"), width, Height);
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

    private static Plot? CoefficientPlot(IReadOnlyList<SpecOutcome> outcomes)
    {
        var rows = outcomes
            .Select(o => (o.Spec, Coef: o.Fit.Coefficients.FirstOrDefault(c => c.Name == o.Spec.X[0])))
            .Where(r => r.Coef is not null)
            .ToList();
        if (rows.Count == 0) return null;
        var plot = new Plot();
        var xs = Enumerable.Range(0, rows.Count).Select(i => (double)i).ToArray();
        var ys = rows.Select(r => r.Coef!.Estimate).ToArray();
        var err = rows.Select(r => (r.Coef!.CiHigh - r.Coef.CiLow) / 2).ToArray();
        var bars = plot.Add.ErrorBar(xs, ys, err);
        bars.LineWidth = 2;
        var markers = plot.Add.Markers(xs, ys);
        markers.MarkerSize = 9;
        plot.Add.HorizontalLine(0).LinePattern = LinePattern.Dashed;
        plot.Axes.Bottom.SetTicks(xs, rows.Select(r => r.Spec.X[0] == "co" ? r.Spec.Column : $"{r.Spec.Column}\n{r.Spec.X[0]}").ToArray());
        plot.Title("核心解释变量系数及95%置信区间");
        plot.YLabel("系数 coefficient");
        plot.XLabel("模型设定 specification");
        return plot;
    }

    private static Plot OverTime(PlotData data, Func<(string Region, int Year, double Co, double LnExpy), double> value, string title, string yLabel)
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
        plot.ShowLegend();
        return plot;
    }

    private static Plot Scatter(PlotData data, SpecOutcome? quadratic)
    {
        var plot = new Plot();
        var pts = plot.Add.ScatterPoints(data.Points.Select(p => p.Co).ToArray(), data.Points.Select(p => p.LnExpy).ToArray());
        pts.LegendText = "省份-年份 province-year";
        pts.MarkerSize = 5;
        if (quadratic?.Nonlinearity is { } nl)
        {
            // The FE model identifies the curve's shape, not its level: draw it through the sample means.
            var b1 = quadratic.Fit[nl.Linear].Estimate;
            var b2 = quadratic.Fit[nl.Squared].Estimate;
            var coMean = data.Points.Average(p => p.Co);
            var co2Mean = data.Points.Average(p => p.Co * p.Co);
            var yMean = data.Points.Average(p => p.LnExpy);
            var xs = Enumerable.Range(0, 101).Select(i => nl.XMin + ((nl.XMax - nl.XMin) * i / 100.0)).ToArray();
            var ys = xs.Select(x => yMean + (b1 * (x - coMean)) + (b2 * ((x * x) - co2Mean))).ToArray();
            var curve = plot.Add.Scatter(xs, ys);
            curve.MarkerSize = 0;
            curve.LineWidth = 3;
            curve.LegendText = $"二次拟合 fitted quadratic（拐点 turning point {nl.TurningPoint:F3}）";
            if (nl.InsideRange) plot.Add.VerticalLine(nl.TurningPoint).LinePattern = LinePattern.Dotted;
        }
        plot.Title("出口技术复杂度与协同集聚");
        plot.XLabel("协同集聚指数 co");
        plot.YLabel("ln EXPY");
        plot.ShowLegend();
        return plot;
    }
}
