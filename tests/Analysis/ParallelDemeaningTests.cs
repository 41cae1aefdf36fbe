using Warehouse.Analysis.Estimation;
using Warehouse.Bench.Estimation;

namespace Warehouse.Tests.Analysis;

/// <summary>Demeaning split over two cores (row chunks, each FE's preconditioner block on its own core, the FE degrees of
/// freedom beside the demeaning) gives what one core gives, to 1e-10 relative, on both benchmark designs.</summary>
[TestFixture]
public sealed class ParallelDemeaningTests
{
    private const double Rel = 1e-10;

    [TestCase("difficult", DemeanAlgorithm.Schur)]
    [TestCase("balanced", DemeanAlgorithm.Schur)]
    [TestCase("difficult", DemeanAlgorithm.ConjugateGradient)]
    [TestCase("balanced", DemeanAlgorithm.IronsTuck)]
    public void Two_threads_give_the_one_thread_columns(string design, DemeanAlgorithm algorithm)
    {
        // 200 000 rows: four chunks' worth, so two threads really split the passes (chunks are at least 50 000 rows).
        var data = design == "difficult" ? BenchDesigns.Difficult(200_000, seed: 3) : BenchDesigns.Balanced(200_000, seed: 3);
        var columns = new List<double[]> { data.Y };
        columns.AddRange(data.X);
        var serial = new Demeaner(data.FixedEffects, threads: 1).Demean(columns, 1e-10, 100_000, algorithm);
        var parallel = new Demeaner(data.FixedEffects, threads: 2).Demean(columns, 1e-10, 100_000, algorithm);
        Assert.That(serial.Converged && parallel.Converged, Is.True);
        for (var j = 0; j < columns.Count; j++)
        {
            var scale = columns[j].Max(Math.Abs);
            var gap = serial.Columns[j].Zip(parallel.Columns[j], (a, b) => Math.Abs(a - b)).Max();
            Assert.That(gap, Is.LessThanOrEqualTo(Rel * scale), $"column {j}");
        }
    }

    [TestCase("difficult")]
    [TestCase("balanced")]
    public void Two_threads_give_the_one_thread_fit(string design)
    {
        var data = design == "difficult" ? BenchDesigns.Difficult(200_000, seed: 4) : BenchDesigns.Balanced(200_000, seed: 4);
        var serial = Feols.Fit(data, new FeolsOptions { Threads = 1, Tolerance = 1e-10 });
        var parallel = Feols.Fit(data, new FeolsOptions { Threads = 2, Tolerance = 1e-10 });
        Assert.That(parallel.DfResid, Is.EqualTo(serial.DfResid));
        for (var c = 0; c < serial.Coefficients.Count; c++)
        {
            var (s, p) = (serial.Coefficients[c], parallel.Coefficients[c]);
            Assert.That(p.Estimate, Is.EqualTo(s.Estimate).Within(Rel * Math.Abs(s.Estimate)), s.Name);
            Assert.That(p.StdError, Is.EqualTo(s.StdError).Within(Rel * s.StdError), s.Name);
        }
    }
}
