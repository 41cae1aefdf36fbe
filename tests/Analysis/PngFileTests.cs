using System.Buffers.Binary;
using System.IO.Compression;
using ScottPlot;
using SkiaSharp;
using Warehouse.Analysis.Plots;

namespace Warehouse.Tests.Analysis;

/// <summary>The report's PNGs hold the pixels ScottPlot's own PNG holds, every row stored unfiltered.</summary>
[TestFixture]
public sealed class PngFileTests
{
    [Test]
    public void Same_pixels_as_ScottPlot_with_no_row_filtered()
    {
        var plot = new Plot();
        var rng = new Random(7);
        double[] years = [.. Enumerable.Range(2010, 14).Select(y => (double)y)];
        for (var series = 0; series < 3; series++)
            plot.Add.Scatter(years, [.. years.Select(_ => rng.NextDouble())]);
        plot.Title("协同集聚 co by region");
        plot.Font.Set(ReportPlots.ChineseFont.Value);
        var path = Path.Combine(TestPaths.Scratch("png-file"), "figure.png");

        PngFile.Save(plot, path, 900, 520);

        using var ours = SKBitmap.Decode(path);
        using var theirs = SKBitmap.Decode(plot.GetImage(900, 520).GetImageBytes(ImageFormat.Png, 100));
        Assert.That((ours.Width, ours.Height), Is.EqualTo((900, 520)));
        Assert.That(ours.Pixels, Is.EqualTo(theirs.Pixels), "decoded pixels");
        Assert.That(RowFilters(File.ReadAllBytes(path), 900, 520).Distinct(), Is.EqualTo(new byte[] { 0 }), "PNG row filters (0 = none)");
    }

    /// <summary>The filter byte of every row of an 8-bit RGBA PNG (the IDAT chunks inflated).</summary>
    private static byte[] RowFilters(byte[] png, int width, int height)
    {
        using var idat = new MemoryStream();
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            if (type == "IHDR")
                Assert.That((png[at + 8 + 8], png[at + 8 + 9]), Is.EqualTo(((byte)8, (byte)6)), "8-bit RGBA");
            if (type == "IDAT")
                idat.Write(png, at + 8, length);
            at += 12 + length;
        }

        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress))
            zlib.CopyTo(inflated);
        var raw = inflated.ToArray();
        var stride = 1 + (width * 4);
        Assert.That(raw, Has.Length.EqualTo(stride * height));
        return [.. Enumerable.Range(0, height).Select(row => raw[row * stride])];
    }
}
