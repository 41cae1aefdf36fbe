using Warehouse.Etl.Archive;
using Warehouse.Etl.Normalizing;
using Warehouse.Etl.Parsing;
using Warehouse.Etl.Sources;

namespace Warehouse.Etl.Extraction;

/// <summary>Parses one fetched document and applies its profile (named, or detected from the title and header): the
/// one road from bytes to observations, shared by every source kind of <c>build</c> and by the <c>extract</c> verb.</summary>
public static class DocumentExtractor
{
    /// <summary>Parses and normalises.</summary>
    /// <param name="document">The bytes and where they came from.</param>
    /// <param name="profileName">The profile to apply; null detects it with <paramref name="profiles"/>.</param>
    /// <param name="profiles">The configured profiles.</param>
    /// <param name="context">Staging columns the table cannot say (source, edition, table id, pinned indicator and unit).</param>
    /// <param name="encodingOverride">Configured charset, or null.</param>
    /// <param name="release">The table's configured <c>release:</c>, for portal exports whose footnotes do not date them (see <see cref="ReleaseVintage"/>).</param>
    /// <returns>The observations, the <c>meta.raw_page</c> record with the charsets found, and the profile applied.</returns>
    /// <exception cref="ParseException">The bytes hold no readable table; the message names file, table, row and cell.</exception>
    /// <exception cref="ProfileException">The table does not fit the profile, or no profile recognises it.</exception>
    /// <exception cref="KeyNotFoundException"><paramref name="profileName"/> is not a known profile.</exception>
    public static (ProfileResult Result, RawPageRecord Page, TableProfile Profile) Extract(
        FetchedDocument document, string? profileName, ProfileCatalog profiles, ProfileContext context, string? encodingOverride, string? release = null) =>
        Extract(document, profileName, profiles, _ => context, encodingOverride, release);

    /// <summary>Parses and normalises; the staging context may depend on the profile (its default source and table id).</summary>
    /// <exception cref="ParseException">The bytes hold no readable table.</exception>
    /// <exception cref="ProfileException">The table does not fit the profile, or no profile recognises it.</exception>
    /// <exception cref="KeyNotFoundException"><paramref name="profileName"/> is not a known profile.</exception>
    public static (ProfileResult Result, RawPageRecord Page, TableProfile Profile) Extract(
        FetchedDocument document, string? profileName, ProfileCatalog profiles, Func<TableProfile, ProfileContext> context, string? encodingOverride,
        string? release = null)
    {
        var parsed = Parse(document, encodingOverride);
        var profile = profileName is null ? profiles.Detect(parsed) : profiles.Get(profileName);
        var applied = ProfileApplier.Apply(parsed, profile, context(profile));
        var result = applied with
        {
            Observations = ReleaseVintage.Stamp(applied.Observations, parsed.Tables.SelectMany(t => t.Footnotes.Concat(t.TitleLines)), release, document.Page.FetchedAt),
        };
        return (result, PageOf(document, parsed), profile);
    }

    /// <summary>Parses only (the raw cells, as <c>extract --raw</c> prints them).</summary>
    /// <exception cref="ParseException">The bytes hold no readable table.</exception>
    public static ParsedDocument Parse(FetchedDocument document, string? encodingOverride) =>
        TableReader.Read(document.Bytes, document.Location, encodingOverride, document.HeaderCharset);

    private static RawPageRecord PageOf(FetchedDocument document, ParsedDocument parsed) => document.Page with
    {
        DetectedCharset = parsed.DetectedCharset,
        DeclaredCharset = document.Page.DeclaredCharset ?? parsed.DeclaredCharset,
    };
}
