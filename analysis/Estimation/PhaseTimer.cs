using System.Diagnostics;

namespace Warehouse.Analysis.Estimation;

/// <summary>Lap times of the phases of a fit (where the time goes is part of the bench report).</summary>
internal sealed class PhaseTimer
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<(string, double)> _laps = [];
    private double _last;

    public void Mark(string phase)
    {
        var now = _clock.Elapsed.TotalSeconds;
        _laps.Add((phase, now - _last));
        _last = now;
    }

    public IReadOnlyList<(string Phase, double Seconds)> Done()
    {
        Mark("inference");
        return _laps;
    }
}
