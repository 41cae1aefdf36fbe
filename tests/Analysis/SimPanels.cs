using Warehouse.Analysis.Data;
using Warehouse.Bench.Estimation;

namespace Warehouse.Tests.Analysis;

/// <summary>Small simulated panels with known coefficients for the estimator tests.</summary>
internal static class SimPanels
{
    /// <summary>y = 1.5 x1 − 0.7 x2 + α_unit + γ_time + (δ_firm) + cluster-correlated error. Unbalanced when
    /// <paramref name="keepShare"/> &lt; 1 (rows dropped at random).</summary>
    public static EstimationData Panel(Random rng, int units, int periods, double keepShare = 1.0, int firms = 0, double clusterShock = 0.5)
    {
        var unitFx = Enumerable.Range(0, units).Select(_ => BenchDesigns.Normal(rng)).ToArray();
        var timeFx = Enumerable.Range(0, periods).Select(_ => BenchDesigns.Normal(rng)).ToArray();
        var firmFx = Enumerable.Range(0, Math.Max(firms, 1)).Select(_ => BenchDesigns.Normal(rng)).ToArray();
        var shock = Enumerable.Range(0, units).Select(_ => clusterShock * BenchDesigns.Normal(rng)).ToArray();
        var y = new List<double>();
        var x1 = new List<double>();
        var x2 = new List<double>();
        var unit = new List<int>();
        var time = new List<int>();
        var firm = new List<int>();
        for (var i = 0; i < units; i++)
        {
            for (var t = 0; t < periods; t++)
            {
                if (rng.NextDouble() > keepShare) continue;
                var f = firms > 0 ? rng.Next(firms) : 0;
                var a = (0.6 * unitFx[i]) + (0.3 * timeFx[t]) + BenchDesigns.Normal(rng);
                var b = (-0.4 * unitFx[i]) + (0.5 * firmFx[f]) + BenchDesigns.Normal(rng);
                // Errors correlated within unit (the cluster) through a unit-specific shock on a random slope.
                var e = (shock[i] * a) + BenchDesigns.Normal(rng);
                y.Add((1.5 * a) - (0.7 * b) + unitFx[i] + timeFx[t] + (firms > 0 ? firmFx[f] : 0) + e);
                x1.Add(a);
                x2.Add(b);
                unit.Add(i);
                time.Add(t);
                firm.Add(f);
            }
        }
        var u = Factor.FromIntegers("unit", unit.ToArray());
        var fes = new List<Factor> { u, Factor.FromIntegers("time", time.ToArray()) };
        if (firms > 0) fes.Add(Factor.FromIntegers("firm", firm.ToArray()));
        return new EstimationData("y", y.ToArray(), ["x1", "x2"], [x1.ToArray(), x2.ToArray()], fes, [u]);
    }
}
