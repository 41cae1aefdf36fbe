using Warehouse.Etl.Archive;

namespace Warehouse.Etl.Sources;

/// <summary>Bytes read from a source, already stored in the raw archive.</summary>
/// <param name="Location">URL or file path.</param>
/// <param name="Bytes">The complete, verified bytes.</param>
/// <param name="Page">The <c>meta.raw_page</c> row of those bytes.</param>
/// <param name="HeaderCharset">Charset of the HTTP Content-Type header, if any.</param>
/// <param name="Unchanged">True when the server answered 304 Not Modified (or offline): the archived bytes were reused.</param>
public sealed record FetchedDocument(string Location, byte[] Bytes, RawPageRecord Page, string? HeaderCharset, bool Unchanged);

/// <summary>A table file found in a source: its file name, where to read it, and the text of the link that named it.</summary>
/// <param name="FileName">Last path segment, unescaped (e.g. <c>E0402C.htm</c>).</param>
/// <param name="Location">Absolute URL or full file path.</param>
/// <param name="LinkText">The link's text on the index page, white space collapsed (e.g. <c>4-2 按行业分城镇单位就业人员数</c>); null for files listed from a folder.</param>
public sealed record SourceEntry(string FileName, string Location, string? LinkText = null);

/// <summary>The table files of one edition, and the archived pages they were listed on (entry page and its frames), in crawl order.</summary>
public sealed record SourceListing(IReadOnlyList<SourceEntry> Entries, IReadOnlyList<RawPageRecord> IndexPages);
