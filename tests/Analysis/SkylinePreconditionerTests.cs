using Warehouse.Analysis.Estimation;
using Warehouse.Bench.Estimation;

namespace Warehouse.Tests.Analysis;

/// <summary>The Schur CG with the exact per-FE envelope factor (chain-like designs) against the fixed-size block
/// preconditioner and against alternating projections, which share none of its code.</summary>
[TestFixture]
public sealed class SkylinePreconditionerTests
{
    [Test]
    public void Envelope_factor_gives_the_reference_answer_in_fewer_iterations()
    {
        // Worker–firm chain: Jacobi CG is slow here, so the preconditioner switch happens.
        var data = BenchDesigns.Difficult(60_000, seed: 8);
        var columns = new List<double[]> { data.Y };
        columns.AddRange(data.X);

        var skyline = new SchurDemeaner(data.FixedEffects, chunks: 2).Demean(columns, 1e-10, 10_000);
        var blocks = new SchurDemeaner(data.FixedEffects, chunks: 2, allowSkyline: false).Demean(columns, 1e-10, 10_000);
        var reference = new Demeaner(data.FixedEffects, threads: 1).Demean(columns, 1e-12, 100_000, DemeanAlgorithm.IronsTuck);

        Assert.That(skyline.Converged && blocks.Converged && reference.Converged, Is.True);
        Assert.That(skyline.Iterations, Is.GreaterThan(SchurDemeaner.SwitchToBlocksAfter), "the switch happened");
        Assert.That(skyline.Iterations, Is.LessThan(blocks.Iterations), "the exact factor needs fewer iterations than fixed blocks");
        for (var j = 0; j < columns.Count; j++)
        {
            var scale = columns[j].Max(Math.Abs);
            var vsReference = skyline.Columns[j].Zip(reference.Columns[j], (a, b) => Math.Abs(a - b)).Max();
            var vsBlocks = skyline.Columns[j].Zip(blocks.Columns[j], (a, b) => Math.Abs(a - b)).Max();
            Assert.That(vsReference, Is.LessThan(1e-7 * scale), $"column {j} against alternating projections");
            Assert.That(vsBlocks, Is.LessThan(1e-7 * scale), $"column {j} against block preconditioning");
        }
    }

    [TestCase(0, Description = "breadth-first order, banded envelope")]
    [TestCase(SkylinePreconditioner.DenseLevels, Description = "small FE: one dense block in level order")]
    public void Envelope_factor_is_built_for_a_chain_and_solves_its_block_exactly_up_to_the_constant(int denseLevels)
    {
        // Two FEs: eliminate id, factor firm's Schur block; S·M⁻¹·r must give back r (r orthogonal to the constant).
        var data = BenchDesigns.Difficult(20_000, seed: 4);
        var id = data.FixedEffects[0];
        var firm = data.FixedEffects[1];
        var counts = id.Counts();
        var groupStart = new int[id.Levels + 1];
        for (var g = 0; g < id.Levels; g++) groupStart[g + 1] = groupStart[g] + counts[g];
        var order = Enumerable.Range(0, id.Codes.Length).OrderBy(i => id.Codes[i]).ToArray();
        var firmCodes = order.Select(i => firm.Codes[i]).ToArray();

        var pre = SkylinePreconditioner.TryBuild(groupStart, [firmCodes], [0], [firm.Levels], denseLevels);
        Assert.That(pre, Is.Not.Null);

        // r = S·x for a known x with zero mean, so r is in the range of S.
        var rng = new Random(2);
        var x = Enumerable.Range(0, firm.Levels).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var xm = x.Average();
        for (var l = 0; l < x.Length; l++) x[l] -= xm;
        var r = ApplySchur(groupStart, firmCodes, firm.Levels, x);
        var z = new double[firm.Levels];
        pre!.Apply(r, z, 1);
        var zm = z.Average();
        var worst = x.Select((v, l) => Math.Abs(v - (z[l] - zm))).Max();
        Assert.That(worst, Is.LessThan(1e-5 * x.Max(Math.Abs)));
    }

    /// <summary>S·x = D'·M_A·D·x, straight from the definition.</summary>
    private static double[] ApplySchur(int[] groupStart, int[] codes, int levels, double[] x)
    {
        var result = new double[levels];
        for (var g = 0; g + 1 < groupStart.Length; g++)
        {
            var s = groupStart[g];
            var e = groupStart[g + 1];
            if (e == s) continue;
            double mean = 0;
            for (var i = s; i < e; i++) mean += x[codes[i]];
            mean /= e - s;
            for (var i = s; i < e; i++) result[codes[i]] += x[codes[i]] - mean;
        }
        return result;
    }
}
