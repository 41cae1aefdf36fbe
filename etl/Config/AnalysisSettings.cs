using Warehouse.Analysis.Inference;
using Warehouse.Analysis.Specs;

namespace Warehouse.Etl.Config;

/// <summary>What the warehouse derives and what is estimated on it.</summary>
public sealed class AnalysisSettings
{
    public required SampleSettings Sample { get; set; }

    /// <summary>GB/T 4754-2017 section letters counted as manufacturing.</summary>
    public List<string> Manufacturing { get; set; } = ["C"];

    /// <summary>Section letters counted as producer services.</summary>
    public List<string> ProducerServices { get; set; } = ["G", "I", "J", "L", "M"];

    /// <summary>High-tech group codes in the PRODY/EXPY product set.</summary>
    public List<string> HightechProducts { get; set; } =
        ["pharma", "aerospace", "electronics_comm", "computers_office", "medical_instruments"];

    /// <summary><c>newest_edition</c> or <c>oldest_edition</c>: which vintage the facts take.</summary>
    /// <value>The default value is <c>newest_edition</c>.</value>
    public string Precedence { get; set; } = "newest_edition";

    /// <summary>Year-on-year ratio beyond which a value is flagged by a warning test.</summary>
    /// <value>The default value is 3.</value>
    public double YoyJumpFactor { get; set; } = 3.0;

    /// <summary>Where <c>report</c> writes its files.</summary>
    public string ReportDir { get; set; } = ".warehouse/report";

    public BootstrapSettings Bootstrap { get; set; } = new();

    /// <summary>The regressions of the report, bound straight to the analysis library's <see cref="ModelSpec"/>.</summary>
    public List<ModelSpec> Specs { get; set; } = [];
}

public sealed class SampleSettings
{
    /// <summary>Data years as <c>"A..B"</c>.</summary>
    public required string Years { get; set; }

    /// <summary>GB/T 2260 codes left out of the sample (Tibet, 54, by default).</summary>
    public List<int> ExcludeProvinces { get; set; } = [];
}

public sealed class BootstrapSettings
{
    /// <value>The default value is 9 999.</value>
    public int Replications { get; set; } = WildBootstrapDefaults.Replications;

    /// <value>The default value is 20240601.</value>
    public int Seed { get; set; } = WildBootstrapDefaults.Seed;

    /// <summary><c>rademacher</c> and/or <c>webb</c>.</summary>
    public List<string> Weights { get; set; } = ["rademacher", "webb"];
}
