namespace Warehouse.Etl.Config;

/// <summary>The defaults of <see cref="AnalysisSettings"/>, written once.</summary>
public static class AnalysisDefaults
{
    /// <summary>GB/T 4754-2017 section letters counted as manufacturing.</summary>
    public static readonly IReadOnlyList<string> Manufacturing = ["C"];

    /// <summary>Section letters counted as producer services.</summary>
    public static readonly IReadOnlyList<string> ProducerServices = ["G", "I", "J", "L", "M"];

    /// <summary>The paper's PRODY/EXPY product set: the pre-2013 high-tech groups.</summary>
    public static readonly IReadOnlyList<string> HightechProducts =
        ["pharma", "aerospace", "electronics_comm", "computers_office", "medical_instruments"];

    /// <summary>Which vintage the facts take.</summary>
    public const EditionPrecedence Precedence = EditionPrecedence.NewestEdition;

    /// <summary>Year-on-year ratio beyond which a value is flagged.</summary>
    public const double YoyJumpFactor = 3.0;

    /// <summary>Where <c>report</c> writes its files, relative to pipelines.yml.</summary>
    public const string ReportDir = ".warehouse/report";
}
