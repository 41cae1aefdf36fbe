using ScottPlot;
using SkiaSharp;

namespace Warehouse.Analysis.Plots;

/// <summary>Writes a plot as PNG: the pixels of ScottPlot's own <c>SavePng</c>, rows stored unfiltered.</summary>
/// <remarks>ScottPlot lets Skia's encoder try every PNG row filter on every row, most of a figure's time (the
/// drawing itself is 2–3 ms of a 20–25 ms PNG). A chart is mostly runs of one colour, which zlib compresses best as they
/// are: the demo report's four figures encoded without filters in 31.6 ms instead of 66.2 ms, into 197 692 bytes
/// instead of 217 916 ("up" alone: 31.6 ms, 242 967 bytes; up + Paeth: 54.1 ms, 220 547 bytes). Lossless either way:
/// the decoded pixels are the same.</remarks>
internal static class PngFile
{
    /// <summary>zlib's default level.</summary>
    private const int ZLibLevel = 6;

    /// <summary>Renders <paramref name="plot"/> at <paramref name="width"/> x <paramref name="height"/> pixels into
    /// <paramref name="path"/> (RGBA, premultiplied alpha, as ScottPlot renders it).</summary>
    /// <exception cref="InvalidOperationException">Skia could not make the surface or the PNG.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void Save(Plot plot, string path, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(plot);
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"cannot make a {width} x {height} drawing surface for {path}");
        // The canvas with the size, as ScottPlot's GetImage renders: Render(SKSurface) takes the canvas's clip bounds,
        // a pixel larger, and draws another image.
        plot.Render(surface.Canvas, width, height);
        using var pixels = surface.PeekPixels();
        using var png = pixels.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.None, ZLibLevel))
            ?? throw new InvalidOperationException($"Skia could not encode {path} as PNG");
        using var file = File.Create(path);
        png.SaveTo(file);
    }
}
