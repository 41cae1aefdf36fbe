namespace Warehouse.Etl.Parsing;

/// <summary>
/// The defaults of <see cref="ReaderLimits"/>, written once. They are far above any published yearbook table (the
/// largest real file read so far is under 1 MB, its largest sheet a few thousand cells) and low enough that every
/// file within them is read in seconds under a 1 GB heap.
/// </summary>
public static class ReaderLimitDefaults
{
    /// <summary>Bytes of one <c>.xls</c> or <c>.xlsx</c> file: 64 MiB.</summary>
    public const long MaxWorkbookBytes = 64L << 20;

    /// <summary>Bytes of one HTML page: 32 MiB.</summary>
    public const long MaxHtmlBytes = 32L << 20;

    /// <summary>Bytes of one CSV export: 32 MiB.</summary>
    public const long MaxCsvBytes = 32L << 20;

    /// <summary>Inflated bytes of one part (zip entry) of an <c>.xlsx</c>, as its central directory declares: 128 MiB.</summary>
    public const long MaxZipPartBytes = 128L << 20;

    /// <summary>Inflated bytes of all parts of an <c>.xlsx</c> together: 256 MiB.</summary>
    public const long MaxZipTotalBytes = 256L << 20;

    /// <summary>Inflated to compressed size of one zip part: 200. Real workbooks stay below 30; a zip bomb is near 1000.</summary>
    public const int MaxZipCompressionRatio = 200;

    /// <summary>Rows × columns a sheet may span (its last row times its last column, empty cells included): 50 million.</summary>
    public const long MaxSheetExtent = 50_000_000;

    /// <summary>Cells kept from one sheet, page or export once empty rows and trailing empty cells are skipped: 2 million.</summary>
    public const long MaxCells = 2_000_000;

    /// <summary>Nesting depth of HTML elements walked for tables and text: 256.</summary>
    public const int MaxHtmlDepth = 256;
}
