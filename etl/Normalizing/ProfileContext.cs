using Warehouse.Etl.Vocabulary;
namespace Warehouse.Etl.Normalizing;

/// <summary>Where a document sits in the warehouse: the staging columns a profile cannot read from the table itself.</summary>
/// <param name="Source">Source name (pipelines.yml).</param>
/// <param name="Edition">Edition year, or null for portal exports.</param>
/// <param name="TableId">Table id (pipelines.yml); when it is a vocabulary indicator it also names the table's indicator.</param>
/// <param name="RawSha256">sha256 of the archived bytes.</param>
/// <param name="Indicator">Indicator pinned by the spec (<c>indicator:</c>) or <c>--indicator</c>, for files that name none; null when not pinned.</param>
/// <param name="Unit">Unit pinned by the spec (<c>unit:</c>) or <c>--unit</c>, for columns whose file prints none; null when not pinned.</param>
public sealed record ProfileContext(string Source, int? Edition, string TableId, string RawSha256, string? Indicator = null, string? Unit = null)
{
    /// <summary>The pinned indicator, else the table id when it is a vocabulary indicator, else null.</summary>
    public string? IndicatorHint => Indicator ?? (IndicatorCatalog.IsKnown(TableId) ? TableId : null);
}
