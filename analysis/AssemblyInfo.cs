namespace Warehouse.Analysis;

/// <summary>Marker for the analysis library (fixed-effects estimator, inference, tables, plots).</summary>
public static class AnalysisAssembly;
