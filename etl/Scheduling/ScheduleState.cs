using System.Text.Json;
using Warehouse.Etl.Serialization;

namespace Warehouse.Etl.Scheduling;

/// <summary>Up to when each pipeline's schedule has been looked at, kept in <c>&lt;log_dir&gt;/schedule-state.json</c>,
/// so that <c>schedule --once</c> (from cron or a systemd timer) and a restarted scheduler know what they missed.</summary>
/// <remarks>A state file that does not parse (a disk filled up mid-write, a hand edit) would stop every later
/// <c>schedule --once</c>: it is moved aside to <c>schedule-state.json.corrupt-N</c> and the schedules start as if
/// never looked at (nothing reported missed, the latest due occurrence runs); <see cref="Recovery"/> says so.</remarks>
public sealed class ScheduleState
{
    private readonly string? path;
    private readonly Dictionary<string, DateTimeOffset> checkedUpTo;

    public ScheduleState(string? path)
    {
        this.path = path;
        (checkedUpTo, Recovery) = Load(path);
    }

    /// <summary>An in-memory state for tests and one-off use.</summary>
    public static ScheduleState InMemory() => new(null);

    /// <summary>When the state file was unreadable: one line naming where the bad copy was kept; else null.</summary>
    public string? Recovery { get; }

    public DateTimeOffset? CheckedUpTo(string pipeline) =>
        checkedUpTo.TryGetValue(pipeline, out var instant) ? instant : null;

    /// <exception cref="ScheduleStateException">The state file's folder cannot be created or written.</exception>
    public void MarkChecked(string pipeline, DateTimeOffset instant)
    {
        checkedUpTo[pipeline] = instant;
        if (path is null)
            return;
        var folder = Path.GetDirectoryName(path)!;
        try
        {
            Directory.CreateDirectory(folder);
            string temporary = path + ".tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(checkedUpTo, WarehouseJson.Default.DictionaryStringDateTimeOffset));
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw new ScheduleStateException(
                $"cannot write the schedule state {path} ({ex.Message}); make {folder} writable, or point warehouse.log_dir in " +
                "pipelines.yml at a writable folder", ex);
        }
    }

    private static (Dictionary<string, DateTimeOffset>, string?) Load(string? path)
    {
        if (path is null || !File.Exists(path))
            return ([], null);
        try
        {
            return (JsonSerializer.Deserialize(File.ReadAllText(path), WarehouseJson.Default.DictionaryStringDateTimeOffset) ?? [], null);
        }
        catch (JsonException ex)
        {
            string aside = Enumerable.Range(1, int.MaxValue - 1).Select(n => $"{path}.corrupt-{n}").First(p => !File.Exists(p));
            File.Move(path, aside);
            return ([], $"{path} was unreadable ({ex.Message.Split('\n', 2)[0].Trim()}); kept it as {aside} and started afresh: " +
                        "no missed runs can be reported this time");
        }
    }
}
