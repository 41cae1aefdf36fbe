using System.Text.Json;

namespace Warehouse.Etl.Scheduling;

/// <summary>Up to when each pipeline's schedule has been looked at, kept in <c>&lt;log_dir&gt;/schedule-state.json</c>,
/// so that <c>schedule --once</c> (from cron or a systemd timer) and a restarted scheduler know what they missed.</summary>
public sealed class ScheduleState(string? path)
{
    private readonly Dictionary<string, DateTimeOffset> checkedUpTo = Load(path);

    /// <summary>An in-memory state for tests and one-off use.</summary>
    public static ScheduleState InMemory() => new(null);

    public DateTimeOffset? CheckedUpTo(string pipeline) =>
        checkedUpTo.TryGetValue(pipeline, out var instant) ? instant : null;

    public void MarkChecked(string pipeline, DateTimeOffset instant)
    {
        checkedUpTo[pipeline] = instant;
        if (path is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            string temporary = path + ".tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(checkedUpTo));
            File.Move(temporary, path, overwrite: true);
        }
    }

    private static Dictionary<string, DateTimeOffset> Load(string? path) =>
        path is not null && File.Exists(path)
            ? JsonSerializer.Deserialize<Dictionary<string, DateTimeOffset>>(File.ReadAllText(path)) ?? []
            : [];
}
