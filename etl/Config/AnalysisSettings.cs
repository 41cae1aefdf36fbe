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
    public int Replications { get; set; } = 9999;

    public int Seed { get; set; } = 20240601;

    /// <summary><c>rademacher</c> and/or <c>webb</c>.</summary>
    public List<string> Weights { get; set; } = ["rademacher", "webb"];
}

/// <summary>One regression of the report.</summary>
public sealed class ModelSpec
{
    public required string Name { get; set; }

    /// <summary>Which printed table the column belongs to: <c>table1</c>, <c>table2</c>, <c>nonlinear</c>, <c>robustness</c>.</summary>
    public required string Table { get; set; }

    /// <summary>Column header in that table.</summary>
    public required string Column { get; set; }

    /// <summary>Relation to read; the panel view by default.</summary>
    public string View { get; set; } = "panel";

    public required string Y { get; set; }
    public required List<string> X { get; set; }
    public List<string> Fe { get; set; } = [];
    public List<string> Cluster { get; set; } = [];

    /// <summary>Vcov type: <c>cluster</c> when <see cref="Cluster"/> is set, else <c>iid</c> unless given.</summary>
    public string? Vcov { get; set; }

    /// <summary>SQL filter applied before estimation.</summary>
    public string? Where { get; set; }

    /// <summary>Report wild cluster bootstrap p-values for the first regressor.</summary>
    public bool Bootstrap { get; set; }

    /// <summary>Linear and squared term names, when the spec is quadratic.</summary>
    public List<string>? TurningPoint { get; set; }

    /// <summary>Fraction winsorised at each tail of the dependent variable (robustness), e.g. 0.01.</summary>
    public double? WinsorizeY { get; set; }

    /// <summary>Columns whose previous-year value within province is exposed as <c>&lt;name&gt;_lag1</c> (robustness:
    /// lagged co). The lag is taken on the whole view before <see cref="Where"/>.</summary>
    /// <value>The default value is empty.</value>
    public List<string> Lag { get; set; } = [];
}
