using System.Globalization;
using System.IO.Compression;

namespace Warehouse.Etl.Parsing;

/// <summary>
/// Checks an <c>.xlsx</c>'s zip central directory before the workbook reader inflates anything: every part's declared
/// inflated size, the sum of them, and each part's compression ratio must be within <see cref="ReaderLimits"/>.
/// The declared size is what counts: .NET's zip reader stops inflating a part at the size its directory entry
/// declares, so a part that lies about its size cannot inflate past the checked figure.
/// </summary>
internal static class XlsxPartGuard
{
    /// <exception cref="ParseException">A part breaks a limit (named with the part) or the directory is unreadable.</exception>
    public static void Check(Stream zip, string source, ReaderLimits limits)
    {
        using var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        long total = 0;
        foreach (var entry in archive.Entries)
        {
            var where = $"part '{entry.FullName}'";
            if (entry.Length > limits.MaxZipPartBytes)
                throw ReaderLimits.Broken(source, where, Limit(nameof(limits.MaxZipPartBytes), limits.MaxZipPartBytes), $"a part inflates to {Mb(entry.Length)}");
            if (entry.Length > 0 && entry.Length > (long)limits.MaxZipCompressionRatio * Math.Max(1, entry.CompressedLength))
            {
                throw ReaderLimits.Broken(source, where, Limit(nameof(limits.MaxZipCompressionRatio), limits.MaxZipCompressionRatio),
                    string.Create(CultureInfo.InvariantCulture, $"a part inflates {entry.Length / Math.Max(1, entry.CompressedLength)} times its compressed size ({Mb(entry.CompressedLength)} to {Mb(entry.Length)})"));
            }

            total += entry.Length;
            if (total > limits.MaxZipTotalBytes)
                throw ReaderLimits.Broken(source, where, Limit(nameof(limits.MaxZipTotalBytes), limits.MaxZipTotalBytes), $"the parts inflate to more than {Mb(total)} together");
        }

        zip.Position = 0;
    }

    private static string Limit(string name, long value) => string.Create(CultureInfo.InvariantCulture, $"{name} = {value}");

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.#} MiB");
}
