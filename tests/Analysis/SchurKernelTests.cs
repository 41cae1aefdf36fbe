using MathNet.Numerics.LinearAlgebra;
using Warehouse.Analysis.Data;
using Warehouse.Analysis.Estimation;

namespace Warehouse.Tests.Analysis;

/// <summary>The Schur demeaner's vectorised row kernels (four, two and one column per instruction) against the exact
/// projection off an explicit dummy matrix, for every column count that exercises a different mix of those widths.</summary>
[TestFixture]
public sealed class SchurKernelTests
{
    /// <summary>Rows in random order (so the grouping permutation is used), the largest FE with uneven group sizes.</summary>
    private static Factor[] Panel(int rows, int fixedEffects, Random rng)
    {
        var levels = new[] { 37, 11, 6 };
        return Enumerable.Range(0, fixedEffects)
            .Select(q => Factor.FromIntegers($"fe{q}", Enumerable.Range(0, rows).Select(i => i < levels[q] ? i : rng.Next(levels[q])).ToArray()))
            .ToArray();
    }

    /// <summary>x minus its least-squares projection on all dummies (first FE all levels, further FEs all but one), by QR.</summary>
    private static double[] ExactResidual(IReadOnlyList<Factor> fe, double[] x)
    {
        var cols = new List<double[]>();
        foreach (var (f, q) in fe.Select((f, q) => (f, q)))
        {
            for (var l = q == 0 ? 0 : 1; l < f.Levels; l++)
                cols.Add(f.Codes.Select(c => c == l ? 1.0 : 0.0).ToArray());
        }

        var d = Matrix<double>.Build.DenseOfColumnArrays(cols);
        var v = Vector<double>.Build.DenseOfArray(x);
        return (v - (d * d.QR().Solve(v))).ToArray();
    }

    [TestCase(2, 1)]
    [TestCase(2, 3)]
    [TestCase(3, 1)]
    [TestCase(3, 2)]
    [TestCase(3, 3)]
    [TestCase(3, 4)]
    [TestCase(3, 5)]
    [TestCase(3, 7)]
    public void Schur_demeaning_equals_the_exact_projection(int fixedEffects, int columns)
    {
        var rng = new Random((fixedEffects * 100) + columns);
        const int rows = 400;
        var fe = Panel(rows, fixedEffects, rng);
        var data = Enumerable.Range(0, columns)
            .Select(j => Enumerable.Range(0, rows).Select(i => (j + 1) * Math.Sin(fe[0].Codes[i] + j) + Math.Cos(fe[^1].Codes[i] * (j + 2)) + rng.NextDouble()).ToArray())
            .ToArray();

        var result = new Demeaner(fe, threads: 1).Demean(data, tolerance: 1e-13, algorithm: DemeanAlgorithm.Schur);

        Assert.That(result.Converged, Is.True);
        for (var j = 0; j < columns; j++)
        {
            var exact = ExactResidual(fe, data[j]);
            var worst = exact.Zip(result.Columns[j], (a, b) => Math.Abs(a - b)).Max();
            Assert.That(worst, Is.LessThan(1e-9), $"column {j} of {columns}");
        }
    }

    [Test]
    public void Parallel_chunks_give_the_alternating_projections_answer()
    {
        // 200 000 rows split into two row chunks, each with its own accumulators, summed afterwards.
        var data = Warehouse.Bench.Estimation.BenchDesigns.Balanced(200_000, seed: 5);
        var columns = new List<double[]> { data.Y };
        columns.AddRange(data.X);
        var schur = new Demeaner(data.FixedEffects, threads: 2).Demean(columns, tolerance: 1e-12, algorithm: DemeanAlgorithm.Schur);
        var ironsTuck = new Demeaner(data.FixedEffects, threads: 1).Demean(columns, tolerance: 1e-12, algorithm: DemeanAlgorithm.IronsTuck);
        Assert.That(schur.Converged && ironsTuck.Converged, Is.True);
        for (var j = 0; j < columns.Count; j++)
        {
            var worst = schur.Columns[j].Zip(ironsTuck.Columns[j], (a, b) => Math.Abs(a - b)).Max();
            Assert.That(worst, Is.LessThan(1e-8), $"column {j}");
        }
    }
}
