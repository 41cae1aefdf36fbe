using Warehouse.Etl.Runs;

namespace Warehouse.Etl.Pipeline;

/// <summary>How a run ended. <see cref="Swapped"/> says whether its file went live.</summary>
public sealed record RunResult(string RunId, RunStatus Status, Outcome Outcome, bool Swapped, string Message, IReadOnlyList<StepRecord> Steps, string? LogFile);
