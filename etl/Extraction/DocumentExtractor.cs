using Warehouse.Etl.Archive;
using Warehouse.Etl.Normalizing;
using Warehouse.Etl.Parsing;
using Warehouse.Etl.Sources;

namespace Warehouse.Etl.Extraction;

/// <summary>Parses one fetched document and applies its profile: the step shared by every source kind and the <c>extract</c> verb.</summary>
public static class DocumentExtractor
{
    /// <summary>Parses and normalises; throws <see cref="ParseException"/> or <see cref="ProfileException"/> with the place named.</summary>
    /// <param name="document">The fetched bytes.</param>
    /// <param name="profile">The table profile.</param>
    /// <param name="context">Source, edition, table id and sha256 stamped on every observation.</param>
    /// <param name="encodingOverride">Configured charset, or null.</param>
    /// <param name="release">The table's configured <c>release:</c>, for portal exports whose footnotes do not date them (see <see cref="ReleaseVintage"/>).</param>
    public static (ProfileResult Result, RawPageRecord Page) Extract(FetchedDocument document, TableProfile profile, ProfileContext context, string? encodingOverride, string? release = null)
    {
        var parsed = TableReader.Read(document.Bytes, document.Location, encodingOverride, document.HeaderCharset);
        var applied = ProfileApplier.Apply(parsed, profile, context);
        var result = applied with
        {
            Observations = ReleaseVintage.Stamp(applied.Observations, parsed.Tables.SelectMany(t => t.Footnotes.Concat(t.TitleLines)), release, document.Page.FetchedAt),
        };
        var page = document.Page with
        {
            DetectedCharset = parsed.DetectedCharset,
            DeclaredCharset = document.Page.DeclaredCharset ?? parsed.DeclaredCharset,
        };
        return (result, page);
    }
}
