using System.Globalization;
using System.Text;
using Warehouse.Analysis.Data;

namespace Warehouse.Bench.Estimation;

/// <summary>The two benchmark designs of docs/architecture.md#estimation-conventions (shared with fixest's own benchmark), generated in memory.</summary>
public static class BenchDesigns
{
    /// <summary>Balanced: n/20 ids × 20 years (row order id, year), firm drawn from 100 per row (not nested);
    /// y = 1 + 0.5 x1 − 0.25 x2 + α_id + γ_year + δ_firm + ε; model y ~ x1 + x2 | id + year + firm, cluster id.</summary>
    public static EstimationData Balanced(int rows, int seed = 1)
    {
        var rng = new Random(seed);
        var ids = Math.Max(1, rows / 20);
        var n = ids * 20;
        var alpha = Normals(rng, ids);
        var gamma = Normals(rng, 20);
        var delta = Normals(rng, 100);
        var id = new int[n];
        var year = new int[n];
        var firm = new int[n];
        var x1 = new double[n];
        var x2 = new double[n];
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            var a = i / 20;
            var t = i % 20;
            var f = rng.Next(100);
            id[i] = a;
            year[i] = t;
            firm[i] = f;
            x1[i] = (0.5 * alpha[a]) + (0.5 * gamma[t]) + Normal(rng);
            x2[i] = (-0.3 * alpha[a]) + (0.2 * gamma[t]) + (0.4 * delta[f]) + Normal(rng);
            y[i] = 1 + (0.5 * x1[i]) - (0.25 * x2[i]) + alpha[a] + gamma[t] + delta[f] + Normal(rng);
        }
        var idF = Factor.FromIntegers("id", id);
        return new EstimationData("y", y, ["x1", "x2"], [x1, x2], [idF, Factor.FromIntegers("year", year), Factor.FromIntegers("firm", firm)], [idF]);
    }

    /// <summary>Difficult (fixest's worker–firm generator): id ~ U{1..n/20}; firm = min(U{0..20} + max(1, id div 8 − 10),
    /// round(n/160)); year ~ U{1..round(n^0.3)}; model y ~ x1 + x2 | id + firm + year, cluster id.</summary>
    public static EstimationData Difficult(int rows, int seed = 1)
    {
        var rng = new Random(seed);
        var n = rows;
        var nId = Math.Max(1, n / 20);
        var maxFirm = Math.Max(1, (int)Math.Round(n / 160.0));
        var nYear = Math.Max(1, (int)Math.Round(Math.Pow(n, 0.3)));
        var id = new int[n];
        var firm = new int[n];
        var year = new int[n];
        var x1 = new double[n];
        var x2 = new double[n];
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            var a = rng.Next(1, nId + 1);
            var f = Math.Min(rng.Next(0, 21) + Math.Max(1, (a / 8) - 10), maxFirm);
            var t = rng.Next(1, nYear + 1);
            id[i] = a;
            firm[i] = f;
            year[i] = t;
            x1[i] = (5 * Math.Cos(a)) + (5 * Math.Sin(f)) + (5 * Math.Sin(t)) + rng.NextDouble();
            x2[i] = Math.Cos(a) + Math.Sin(f) + Math.Sin(t) + Normal(rng);
            var cf = Math.Cos(f);
            y[i] = (3 * x1[i]) + (5 * x2[i]) + Math.Cos(a) + (cf * cf) + Math.Sin(t) + Normal(rng);
        }
        var idF = Factor.FromIntegers("id", id);
        return new EstimationData("y", y, ["x1", "x2"], [x1, x2], [idF, Factor.FromIntegers("firm", firm), Factor.FromIntegers("year", year)], [idF]);
    }

    /// <summary>The paper's panel shape for the bootstrap benchmark: 30 provinces × 14 years (N = 420, G = 30), seven
    /// regressors, province and year FE, clustered by province.</summary>
    public static EstimationData ProvincePanel(int seed = 1)
    {
        var rng = new Random(seed);
        const int units = 30;
        const int years = 14;
        var n = units * years;
        var x = Enumerable.Range(0, 7).Select(_ => new double[n]).ToArray();
        var y = new double[n];
        var unit = new int[n];
        var year = new int[n];
        var alpha = Normals(rng, units);
        var gamma = Normals(rng, years);
        for (var i = 0; i < n; i++)
        {
            unit[i] = i / years;
            year[i] = i % years;
            var v = alpha[unit[i]] + gamma[year[i]] + Normal(rng);
            for (var j = 0; j < x.Length; j++)
            {
                x[j][i] = (0.3 * alpha[unit[i]]) + Normal(rng);
                v += 0.1 * (j + 1) * x[j][i];
            }
            y[i] = v;
        }
        var u = Factor.FromIntegers("province", unit);
        return new EstimationData("y", y, Enumerable.Range(1, 7).Select(j => $"x{j}").ToArray(), x, [u, Factor.FromIntegers("year", year)], [u]);
    }

    /// <summary>Writes a design as CSV (y,x1,x2 and the three ids) so other tools can fit exactly the same rows.</summary>
    public static void WriteCsv(EstimationData data, string path)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        w.Write("y,x1,x2");
        foreach (var f in data.FixedEffects) w.Write("," + f.Name);
        w.Write('\n');
        var inv = CultureInfo.InvariantCulture;
        for (var i = 0; i < data.Rows; i++)
        {
            w.Write(data.Y[i].ToString("R", inv));
            w.Write(',');
            w.Write(data.X[0][i].ToString("R", inv));
            w.Write(',');
            w.Write(data.X[1][i].ToString("R", inv));
            foreach (var f in data.FixedEffects)
            {
                w.Write(',');
                w.Write((f.Codes[i] + 1).ToString(inv));
            }
            w.Write('\n');
        }
    }

    private static double[] Normals(Random rng, int count)
    {
        var r = new double[count];
        for (var i = 0; i < count; i++) r[i] = Normal(rng);
        return r;
    }

    /// <summary>Standard normal by Box–Muller (seeded, reproducible).</summary>
    public static double Normal(Random rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        return Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
    }
}
