using Warehouse.Etl.Config;

namespace Warehouse.Etl.Pipeline;

/// <summary>What one run should do. Built by the <c>build</c>, <c>run</c> and <c>backfill</c> verbs.</summary>
/// <param name="Pipeline">Name recorded in meta.run (<c>build</c>, <c>backfill</c> or a pipelines.yml pipeline).</param>
/// <param name="Steps">Steps to run; always executed in the order of <see cref="PipelineSteps.All"/>.</param>
/// <param name="Years">Data years to extract; null = every configured edition.</param>
/// <param name="Select"><c>source</c> or <c>source.table_id</c> filters; empty = everything.</param>
/// <param name="Offline">Re-parse archived bytes only.</param>
/// <param name="FullRefresh">Build even when the inputs equal the live warehouse's last run (<see cref="UnchangedBuild"/>), and
/// start from an empty staging table instead of the live warehouse's.</param>
/// <param name="DryRun">Print the work list and the SQL; write nothing.</param>
/// <param name="LivePath">Live warehouse file; null = <c>warehouse.path</c> of the config.</param>
public sealed record BuildRequest(
    string Pipeline,
    IReadOnlyList<string> Steps,
    YearRange? Years = null,
    IReadOnlyList<string>? Select = null,
    bool Offline = false,
    bool FullRefresh = false,
    bool DryRun = false,
    string? LivePath = null)
{
    public bool Has(string step) => Steps.Contains(step);
}
