using Warehouse.Etl.Archive;

namespace Warehouse.Etl.Sources;

/// <summary>Bytes read from a source, already stored in the raw archive.</summary>
/// <param name="Location">URL or file path.</param>
/// <param name="Bytes">The complete, verified bytes.</param>
/// <param name="Page">The <c>meta.raw_page</c> row of those bytes.</param>
/// <param name="HeaderCharset">Charset of the HTTP Content-Type header, if any.</param>
/// <param name="Unchanged">True when the server answered 304 Not Modified (or offline): the archived bytes were reused.</param>
public sealed record FetchedDocument(string Location, byte[] Bytes, RawPageRecord Page, string? HeaderCharset, bool Unchanged);

/// <summary>A table file found in a source: its file name and where to read it.</summary>
public sealed record SourceEntry(string FileName, string Location);

/// <summary>The table files of one edition, and the archived index page they were listed on (HTTP sources).</summary>
public sealed record SourceListing(IReadOnlyList<SourceEntry> Entries, RawPageRecord? IndexPage);
