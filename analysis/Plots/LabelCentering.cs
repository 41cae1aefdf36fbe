using ScottPlot;

namespace Warehouse.Analysis.Plots;

/// <summary>Puts vertically centred labels (y tick labels, legend entries) on their anchor line.</summary>
/// <remarks>ScottPlot draws a middle-aligned single-line label with its baseline at half the font's line spacing minus
/// the font's lowest extent below the baseline (<c>FontMetrics.Bottom</c>). Noto Sans CJK reaches far below the baseline
/// (its bounding box spans the CJK compatibility glyphs), so the label sits about 8 px above its gridline at 12 px and
/// a legend's first entry leaves its clip box. The offset here moves the baseline to half the cap height below the
/// anchor, where digits and Latin capitals — and, near enough, ideographs — are centred.</remarks>
public static class LabelCentering
{
    /// <summary>The <c>OffsetY</c> (pixels, downwards) that centres a middle-aligned label of this font on its anchor.</summary>
    public static float OffsetY(string fontName, float fontSize)
    {
        using var font = new SkiaSharp.SKFont(Fonts.GetTypeface(fontName, bold: false, italic: false), fontSize);
        var lineHeight = font.GetFontMetrics(out var metrics);
        var scottPlotBaseline = (lineHeight / 2) - metrics.Bottom;
        return (metrics.CapHeight / 2) - scottPlotBaseline;
    }

    /// <summary>Centres the left axis's tick labels on their gridlines.</summary>
    public static void CentreLeftTicks(Plot plot, string fontName)
    {
        ArgumentNullException.ThrowIfNull(plot);
        var style = plot.Axes.Left.TickLabelStyle;
        style.OffsetY = OffsetY(fontName, style.FontSize);
    }

    /// <summary>Shows a legend of the plot's own entries with each label centred on its symbol (inside the legend box).</summary>
    public static void ShowCentredLegend(Plot plot, string fontName, Alignment alignment)
    {
        ArgumentNullException.ThrowIfNull(plot);
        var items = plot.GetPlottables().SelectMany(p => p.LegendItems).Where(i => !string.IsNullOrEmpty(i.LabelText)).ToList();
        foreach (var item in items)
        {
            item.LabelFontName = fontName;
            item.LabelStyle.OffsetY = OffsetY(fontName, item.LabelFontSize);
        }
        // The legend lists the plottables' own entries besides manual ones: the centred copies replace them.
        foreach (var labelled in plot.GetPlottables().OfType<IHasLegendText>()) labelled.LegendText = string.Empty;
        plot.ShowLegend(items, alignment);
    }
}
