using Warehouse.Analysis.Inference;
using Warehouse.Analysis.Specs;

namespace Warehouse.Etl.Config;

/// <summary>What the warehouse derives and what is estimated on it.</summary>
public sealed record AnalysisSettings
{
    public required SampleSettings Sample { get; init; }

    /// <summary>GB/T 4754-2017 section letters counted as manufacturing.</summary>
    /// <value>The default value is <c>[C]</c>.</value>
    public IReadOnlyList<string> Manufacturing { get; init; } = AnalysisDefaults.Manufacturing;

    /// <summary>Section letters counted as producer services.</summary>
    /// <value>The default value is <c>[G, I, J, L, M]</c>.</value>
    public IReadOnlyList<string> ProducerServices { get; init; } = AnalysisDefaults.ProducerServices;

    /// <summary>High-tech group codes in the PRODY/EXPY product set.</summary>
    /// <value>The default value is the paper's five groups (all but <c>info_chemicals</c>).</value>
    public IReadOnlyList<string> HightechProducts { get; init; } = AnalysisDefaults.HightechProducts;

    /// <summary>Which vintage the facts take when two editions give the same value.</summary>
    /// <value>The default value is <see cref="EditionPrecedence.NewestEdition"/>.</value>
    public EditionPrecedence Precedence { get; init; } = AnalysisDefaults.Precedence;

    /// <summary>Year-on-year ratio beyond which a value is flagged by a warning test.</summary>
    /// <value>The default value is 3.</value>
    public double YoyJumpFactor { get; init; } = AnalysisDefaults.YoyJumpFactor;

    /// <summary>Where <c>report</c> writes its files (absolute once loaded from a file).</summary>
    /// <value>The default value is <c>.warehouse/report</c>.</value>
    public string ReportDir { get; init; } = AnalysisDefaults.ReportDir;

    public BootstrapSettings Bootstrap { get; init; } = new();

    /// <summary>The regressions of the report, bound straight to the analysis library's <see cref="ModelSpec"/>.</summary>
    public IReadOnlyList<ModelSpec> Specs { get; init; } = [];
}

/// <summary>The provinces and years the derived views cover.</summary>
public sealed record SampleSettings
{
    /// <summary>Data years, written <c>"A..B"</c> in YAML.</summary>
    public required YearRange Years { get; init; }

    /// <summary>GB/T 2260 codes left out of the sample (Tibet, 54, in the shipped pipelines.yml).</summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyList<int> ExcludeProvinces { get; init; } = [];
}

/// <summary>The wild cluster bootstrap of the report's specs.</summary>
public sealed record BootstrapSettings
{
    /// <value>The default value is 9 999.</value>
    public int Replications { get; init; } = WildBootstrapDefaults.Replications;

    /// <value>The default value is 20240601.</value>
    public int Seed { get; init; } = WildBootstrapDefaults.Seed;

    /// <summary>One test per weight type (<c>rademacher</c>, <c>webb</c> in YAML).</summary>
    /// <value>The default value is Rademacher and Webb.</value>
    public IReadOnlyList<BootstrapWeights> Weights { get; init; } = ModelDefaults.Weights;
}
