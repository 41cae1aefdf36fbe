namespace Warehouse.Etl.Scheduling;

/// <summary>The schedule state (<c>&lt;log_dir&gt;/schedule-state.json</c>) cannot be written; the message names the file
/// and what to change.</summary>
public sealed class ScheduleStateException(string message, Exception inner) : Exception(message, inner);
