namespace Warehouse.Etl.Parsing;

/// <summary>
/// Bounds on what one input file may make a reader hold, so a hostile or broken file (a stray cell at XFD1048576, a
/// zip bomb, a page of gigabytes) is refused with a message naming the limit, the file and the sheet or cell instead
/// of taking the machine's memory. Checked before the bytes are expanded wherever the format says its size up front
/// (the zip central directory, a sheet's extent), and while reading elsewhere.
/// </summary>
public sealed record ReaderLimits
{
    /// <summary>The defaults (<see cref="ReaderLimitDefaults"/>).</summary>
    public static ReaderLimits Default { get; } = new();

    /// <summary>Largest <c>.xls</c> / <c>.xlsx</c> file read, in bytes.</summary>
    /// <value>The default value is 64 MiB (<see cref="ReaderLimitDefaults.MaxWorkbookBytes"/>).</value>
    public long MaxWorkbookBytes { get; init; } = ReaderLimitDefaults.MaxWorkbookBytes;

    /// <summary>Largest HTML page read, in bytes.</summary>
    /// <value>The default value is 32 MiB (<see cref="ReaderLimitDefaults.MaxHtmlBytes"/>).</value>
    public long MaxHtmlBytes { get; init; } = ReaderLimitDefaults.MaxHtmlBytes;

    /// <summary>Largest CSV export read, in bytes.</summary>
    /// <value>The default value is 32 MiB (<see cref="ReaderLimitDefaults.MaxCsvBytes"/>).</value>
    public long MaxCsvBytes { get; init; } = ReaderLimitDefaults.MaxCsvBytes;

    /// <summary>Largest inflated size of one part of an <c>.xlsx</c> (as the zip central directory declares it), in bytes.</summary>
    /// <value>The default value is 128 MiB (<see cref="ReaderLimitDefaults.MaxZipPartBytes"/>).</value>
    public long MaxZipPartBytes { get; init; } = ReaderLimitDefaults.MaxZipPartBytes;

    /// <summary>Largest inflated size of all parts of an <c>.xlsx</c> together, in bytes.</summary>
    /// <value>The default value is 256 MiB (<see cref="ReaderLimitDefaults.MaxZipTotalBytes"/>).</value>
    public long MaxZipTotalBytes { get; init; } = ReaderLimitDefaults.MaxZipTotalBytes;

    /// <summary>Largest ratio of inflated to compressed size of one <c>.xlsx</c> part.</summary>
    /// <value>The default value is 200 (<see cref="ReaderLimitDefaults.MaxZipCompressionRatio"/>).</value>
    public int MaxZipCompressionRatio { get; init; } = ReaderLimitDefaults.MaxZipCompressionRatio;

    /// <summary>Most rows × columns one sheet may span, empty cells included (checked before its rows are read).</summary>
    /// <value>The default value is 50 000 000 (<see cref="ReaderLimitDefaults.MaxSheetExtent"/>).</value>
    public long MaxSheetExtent { get; init; } = ReaderLimitDefaults.MaxSheetExtent;

    /// <summary>Most cells kept from one sheet, page or export, empty rows and trailing empty cells not counted.</summary>
    /// <value>The default value is 2 000 000 (<see cref="ReaderLimitDefaults.MaxCells"/>).</value>
    public long MaxCells { get; init; } = ReaderLimitDefaults.MaxCells;

    /// <summary>Deepest nesting of HTML elements followed.</summary>
    /// <value>The default value is 256 (<see cref="ReaderLimitDefaults.MaxHtmlDepth"/>).</value>
    public int MaxHtmlDepth { get; init; } = ReaderLimitDefaults.MaxHtmlDepth;

    /// <summary>The message for a broken limit: which one, its value, what the file has, and where.</summary>
    /// <param name="source">File (and sheet) read.</param>
    /// <param name="where">Sheet, cell or part where the limit broke, if any.</param>
    /// <param name="limit">Name and value of the limit, e.g. <c>MaxSheetExtent = 50000000</c>.</param>
    /// <param name="what">What the file has, e.g. <c>the sheet spans 1048576 rows × 16384 columns</c>.</param>
    internal static ParseException Broken(string source, string? where, string limit, string what) =>
        new($"{what}, more than the reader limit {limit}: the file is refused (file '{source}'{(where is null ? string.Empty : $", {where}")})");
}
