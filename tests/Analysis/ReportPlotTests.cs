using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using MathNet.Numerics.LinearAlgebra;
using SkiaSharp;
using Warehouse.Analysis.Data;
using Warehouse.Analysis.Plots;
using Warehouse.Analysis.Specs;
using Warehouse.Etl.Reporting;

namespace Warehouse.Tests.Analysis;

/// <summary>The report's figures as drawn (issue 13 item 3): the SVGs are parsed and every label's ink is measured with
/// the font it names, so a y tick label must have its ink centred on its gridline and a legend entry must lie inside
/// its legend box; the scatter is the binscatter of the quadratic spec, checked against an explicit Frisch–Waugh–Lovell
/// partialling with dummy variables.</summary>
[TestFixture]
[NonParallelizable]
public sealed partial class ReportPlotTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private string db = null!;
    private string plots = null!;
    private Warehouse.Etl.Config.AnalysisSettings analysis = null!;

    [OneTimeSetUp]
    public async Task WriteReport()
    {
        var scratch = TestPaths.Scratch("report-plots");
        db = SimulatedWarehouse.Create(Path.Combine(scratch, "warehouse.duckdb"), isDemo: true);
        analysis = Warehouse.Etl.Config.ConfigLoader.Load(RepositoryPaths.PipelinesYml).Analysis;
        analysis.Bootstrap.Replications = 99;
        var outDir = Path.Combine(scratch, "out");
        using var stdout = new StringWriter();
        Assert.That(await ReportStep.RunAsync(db, analysis, outDir, stdout, CancellationToken.None), Is.EqualTo(Warehouse.Etl.Runs.Outcome.Ok), stdout.ToString());
        plots = Path.Combine(outDir, "plots");
    }

    private static IEnumerable<string> Figures() => ["coefficients", "co_by_region", "ln_expy_by_region", "scatter_quadratic"];

    [TestCaseSource(nameof(Figures))]
    public void Y_tick_labels_have_their_ink_centred_on_their_gridlines(string figure)
    {
        var svg = XDocument.Load(Path.Combine(plots, figure + ".svg"));
        var gridRows = svg.Descendants(Svg + "path")
            .Where(p => p.Attribute("stroke-opacity") is not null)
            .SelectMany(p => Segments(p.Attribute("d")!.Value))
            .Where(s => Math.Abs(s.Y1 - s.Y2) < 1e-6 && s.X2 > s.X1 + 100)
            .ToList();
        Assert.That(gridRows, Is.Not.Empty, "horizontal gridlines");
        var plotLeft = gridRows.Min(s => s.X1);
        var labels = Labels(svg).Where(l => l.Translate.X < plotLeft && l.Rotated is false).ToList();
        Assert.That(labels, Has.Count.GreaterThanOrEqualTo(3), "y tick labels");
        foreach (var label in labels)
        {
            var ink = label.Ink();
            var centre = (ink.Top + ink.Bottom) / 2;
            var nearest = gridRows.MinBy(s => Math.Abs(s.Y1 - centre))!;
            Assert.That(centre, Is.EqualTo(nearest.Y1).Within(1.0), $"{figure}: tick label '{label.Text}' ink centre {centre:F2} vs gridline {nearest.Y1:F2}");
        }
    }

    [TestCaseSource(nameof(Figures))]
    public void Legend_entries_lie_inside_their_legend_box_and_the_figure(string figure)
    {
        var path = Path.Combine(plots, figure + ".svg");
        var svg = XDocument.Load(path);
        var width = double.Parse(svg.Root!.Attribute("width")!.Value, CultureInfo.InvariantCulture);
        var height = double.Parse(svg.Root!.Attribute("height")!.Value, CultureInfo.InvariantCulture);
        var clips = svg.Descendants(Svg + "clipPath").ToDictionary(c => c.Attribute("id")!.Value, c => c.Element(Svg + "rect")!);
        var legendTexts = 0;
        foreach (var label in Labels(svg))
        {
            var ink = label.Ink();
            Assert.That(ink.Left >= -0.5 && ink.Right <= width + 0.5 && ink.Top >= -0.5 && ink.Bottom <= height + 0.5, Is.True,
                $"{figure}: '{label.Text}' ink {ink} leaves the {width}×{height} figure");
            var clipRef = label.Element.Ancestors(Svg + "g").Select(g => g.Attribute("clip-path")?.Value).FirstOrDefault(v => v is not null);
            if (clipRef is null) continue;
            legendTexts++;
            var rect = clips[ClipId().Match(clipRef).Groups[1].Value];
            var (x, y) = (Number(rect, "x"), Number(rect, "y"));
            var (w, h) = (Number(rect, "width"), Number(rect, "height"));
            // Vertically exact; horizontally ScottPlot sizes the box by advance width, which the last glyph's ink may pass by a pixel or two.
            Assert.That(ink.Top >= y - 0.5 && ink.Bottom <= y + h + 0.5 && ink.Left >= x - 0.5 && ink.Right <= x + w + 4, Is.True,
                $"{figure}: legend entry '{label.Text}' ink {ink} is clipped by its box ({x:F1}, {y:F1}, {w:F1}×{h:F1})");
        }
        if (figure != "coefficients") Assert.That(legendTexts, Is.GreaterThanOrEqualTo(2), "the figure has a legend");
    }

    [Test]
    public void The_scatter_bins_equal_an_explicit_FWL_partialling_with_dummies()
    {
        var spec = analysis.Specs.Single(s => s.TurningPoint is { Count: 2 });
        var settings = ReportStep.ToSettings(analysis);
        EstimationData data;
        using (var connection = WarehouseConnection.OpenReadOnly(db))
            data = PanelLoader.FromConnection(connection, spec.View, ModelRunner.Request(spec, settings));
        var outcome = ModelRunner.Run(data, spec, settings);
        var binned = BinnedScatter.Compute(data, "co", "co_sq", outcome.Fit, outcome.Nonlinearity);

        // Explicit FWL: y and co each regressed on an intercept, province and year dummies and the controls.
        var controls = spec.X.Where(x => x is not "co" and not "co_sq").Select(x => data.X[data.XNames.ToList().IndexOf(x)]).ToList();
        var columns = new List<double[]> { Enumerable.Repeat(1.0, data.Rows).ToArray() };
        foreach (var fe in data.FixedEffects)
            for (var level = 1; level < fe.Levels; level++)
                columns.Add(fe.Codes.Select(c => c == level ? 1.0 : 0.0).ToArray());
        columns.AddRange(controls);
        var z = Matrix<double>.Build.DenseOfColumnArrays(columns);
        double[] Residualise(double[] v)
        {
            var target = Vector<double>.Build.DenseOfArray(v);
            return (target - (z * z.Solve(target))).ToArray();
        }
        var co = data.X[data.XNames.ToList().IndexOf("co")];
        var yRes = Residualise(data.Y);
        var xRes = Residualise(co);
        var (yMean, xMean) = (data.Y.Average(), co.Average());
        var sorted = Enumerable.Range(0, data.Rows).OrderBy(i => xRes[i]).ToArray();
        Assert.That(binned.Bins, Has.Count.EqualTo(20));
        Assert.That(binned.Rows, Is.EqualTo(data.Rows));
        for (var b = 0; b < 20; b++)
        {
            var members = sorted.Where((_, rank) => rank * 20 / data.Rows == b).ToList();
            Assert.That(binned.Bins[b].Rows, Is.EqualTo(members.Count), $"bin {b}");
            Assert.That(binned.Bins[b].X, Is.EqualTo(members.Average(i => xRes[i]) + xMean).Within(1e-7), $"bin {b} x");
            Assert.That(binned.Bins[b].Y, Is.EqualTo(members.Average(i => yRes[i]) + yMean).Within(1e-7), $"bin {b} y");
        }

        var q = binned.Quadratic!;
        Assert.Multiple(() =>
        {
            Assert.That(q.B1, Is.EqualTo(outcome.Fit["co"].Estimate));
            Assert.That(q.B2, Is.EqualTo(outcome.Fit["co_sq"].Estimate));
            Assert.That(q.HalfWidth(q.MeanX), Is.GreaterThan(0), "a band, not a line");
            Assert.That(q.Nonlinearity.TurningPoint, Is.EqualTo(-q.B1 / (2 * q.B2)).Within(1e-12));
        });

        var svg = XDocument.Load(Path.Combine(plots, "scatter_quadratic.svg"));
        var markers = svg.Descendants(Svg + "ellipse").Count(e => e.Attribute("rx")?.Value.StartsWith("4.5", StringComparison.Ordinal) == true);
        Assert.That(markers, Is.EqualTo(20 + 1), "the 20 bin means are drawn (and one legend marker)");
        Assert.That(svg.Descendants(Svg + "text").Select(t => t.Value.Trim()), Has.Some.StartsWith("拐点 turning point"), "the turning point is named");
    }

    private sealed record Segment(double X1, double Y1, double X2, double Y2);

    private static IEnumerable<Segment> Segments(string d) =>
        SegmentPattern().Matches(d).Select(m => new Segment(D(m.Groups[1].Value), D(m.Groups[2].Value), D(m.Groups[3].Value), D(m.Groups[4].Value)));

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    private static double Number(XElement e, string attribute) => D(e.Attribute(attribute)!.Value);

    private sealed record Label(XElement Element, string Text, (double X, double Y) Translate, bool Rotated, double Dy, string Font, float Size)
    {
        /// <summary>The ink box of the text as the named font draws it at its baseline (translate + dy).</summary>
        public SKRect Ink()
        {
            using var typeface = SKTypeface.FromFamilyName(Font);
            using var font = new SKFont(typeface, Size);
            font.MeasureText(Text, out var bounds);
            var x0 = Translate.X + D(Element.Attribute("x")!.Value.Split(',')[0].Trim());
            var baseline = Translate.Y + Dy;
            return new SKRect((float)(x0 + bounds.Left), (float)(baseline + bounds.Top), (float)(x0 + bounds.Right), (float)(baseline + bounds.Bottom));
        }
    }

    private static IEnumerable<Label> Labels(XDocument svg)
    {
        foreach (var text in svg.Descendants(Svg + "text"))
        {
            var transform = text.Attribute("transform")?.Value ?? "";
            var translate = TranslatePattern().Match(transform);
            if (!translate.Success) continue; // rotated axis titles are matrices
            var dy = D(text.Attribute("y")!.Value.Split(',')[0].Trim());
            yield return new Label(text, text.Value.Trim(), (D(translate.Groups[1].Value), D(translate.Groups[2].Value)), false, dy,
                text.Attribute("font-family")!.Value, float.Parse(text.Attribute("font-size")!.Value, CultureInfo.InvariantCulture));
        }
    }

    [GeneratedRegex(@"M([-\d.]+) ([-\d.]+)L([-\d.]+) ([-\d.]+)")]
    private static partial Regex SegmentPattern();

    [GeneratedRegex(@"^translate\(([-\d.]+) ([-\d.]+)\)$")]
    private static partial Regex TranslatePattern();

    [GeneratedRegex(@"url\(#([^)]+)\)")]
    private static partial Regex ClipId();
}
