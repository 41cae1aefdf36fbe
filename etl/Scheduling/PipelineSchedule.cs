using Cronos;
using Warehouse.Etl.Config;

namespace Warehouse.Etl.Scheduling;

/// <summary>A pipeline's cron evaluated in its configured time zone (DST handled by Cronos: a time skipped by
/// spring-forward runs once right after the gap, a time repeated by fall-back runs once).</summary>
public sealed class PipelineSchedule(string name, CronExpression cron, TimeZoneInfo timeZone)
{
    public string Name { get; } = name;

    public TimeZoneInfo TimeZone { get; } = timeZone;

    public static PipelineSchedule From(string name, PipelineSettings settings) =>
        new(name, CronExpression.Parse(settings.Schedule, CronFormat.Standard), TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZone));

    /// <summary>Occurrences in (<paramref name="after"/>, <paramref name="upTo"/>].</summary>
    public IReadOnlyList<DateTimeOffset> Between(DateTimeOffset after, DateTimeOffset upTo) =>
        after >= upTo ? [] : cron.GetOccurrences(after, upTo, TimeZone, fromInclusive: false, toInclusive: true).ToList();

    public DateTimeOffset? NextAfter(DateTimeOffset instant) => cron.GetNextOccurrence(instant, TimeZone);

    /// <summary>An instant shown in the pipeline's zone, e.g. <c>2026-11-28 03:00 +08:00</c>.</summary>
    public string Local(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, TimeZone).ToString("yyyy-MM-dd HH:mm zzz", System.Globalization.CultureInfo.InvariantCulture);
}
