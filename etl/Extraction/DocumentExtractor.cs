using Warehouse.Etl.Archive;
using Warehouse.Etl.Normalizing;
using Warehouse.Etl.Parsing;
using Warehouse.Etl.Sources;

namespace Warehouse.Etl.Extraction;

/// <summary>Parses one fetched document and applies its profile: the step shared by every source kind and the <c>extract</c> verb.</summary>
public static class DocumentExtractor
{
    /// <summary>Parses and normalises; throws <see cref="ParseException"/> or <see cref="ProfileException"/> with the place named.</summary>
    public static (ProfileResult Result, RawPageRecord Page) Extract(FetchedDocument document, TableProfile profile, ProfileContext context, string? encodingOverride)
    {
        var parsed = TableReader.Read(document.Bytes, document.Location, encodingOverride, document.HeaderCharset);
        var result = ProfileApplier.Apply(parsed, profile, context);
        var page = document.Page with
        {
            DetectedCharset = parsed.DetectedCharset,
            DeclaredCharset = document.Page.DeclaredCharset ?? parsed.DeclaredCharset,
        };
        return (result, page);
    }
}
