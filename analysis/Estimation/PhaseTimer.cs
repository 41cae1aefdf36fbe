using System.Diagnostics;

namespace Warehouse.Analysis.Estimation;

/// <summary>Lap times of the phases of a fit (where the time goes is part of the bench report).</summary>
internal sealed class PhaseTimer
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly List<(string, double)> laps = [];
    private double last;

    public void Mark(string phase)
    {
        var now = clock.Elapsed.TotalSeconds;
        laps.Add((phase, now - last));
        last = now;
    }

    public IReadOnlyList<(string Phase, double Seconds)> Done()
    {
        Mark("inference");
        return laps;
    }
}
