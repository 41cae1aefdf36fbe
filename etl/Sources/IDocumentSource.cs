namespace Warehouse.Etl.Sources;

/// <summary>Where a source's files come from: a folder tree, an HTTP site, or (offline) the raw archive.</summary>
public interface IDocumentSource
{
    /// <summary>The table files of an edition (or of the source itself when it has no editions).</summary>
    Task<SourceListing> ListAsync(int? edition, CancellationToken cancellationToken);

    /// <summary>Reads one file completely, stores it in the raw archive, and returns it.</summary>
    Task<FetchedDocument> GetAsync(SourceEntry entry, CancellationToken cancellationToken);
}
