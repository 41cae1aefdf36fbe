using MathNet.Numerics.LinearAlgebra;
using Warehouse.Analysis.Data;
using Warehouse.Analysis.Estimation;
using Warehouse.Bench.Estimation;

namespace Warehouse.Tests.Analysis;

/// <summary>The FE estimator against least squares with explicit dummy matrices, and its solvers against each other.</summary>
[TestFixture]
public sealed class EstimatorCrossCheckTests
{
    /// <summary>LSDV: slopes and iid standard errors from an explicit dummy matrix (all levels of the first FE, all but
    /// one of each further FE), solved by QR.</summary>
    private static (double[] Beta, double[] Se) Lsdv(EstimationData d)
    {
        var cols = new List<double[]>(d.X);
        foreach (var (f, q) in d.FixedEffects.Select((f, q) => (f, q)))
        {
            for (var l = q == 0 ? 0 : 1; l < f.Levels; l++)
                cols.Add(f.Codes.Select(c => c == l ? 1.0 : 0.0).ToArray());
        }

        var x = Matrix<double>.Build.DenseOfColumnArrays(cols);
        var y = Vector<double>.Build.DenseOfArray(d.Y);
        var qr = x.QR();
        var b = qr.Solve(y);
        var e = y - (x * b);
        var sigma2 = e.DotProduct(e) / (d.Rows - cols.Count);
        var inv = (x.TransposeThisAndMultiply(x)).Inverse();
        var k = d.X.Count;
        return (b.Take(k).ToArray(), Enumerable.Range(0, k).Select(j => Math.Sqrt(sigma2 * inv[j, j])).ToArray());
    }

    [TestCase(1, 0)]
    [TestCase(2, 0)]
    [TestCase(3, 7)]
    public void Demeaning_equals_explicit_dummies_on_an_unbalanced_panel(int seed, int firms)
    {
        var data = SimPanels.Panel(new Random(seed), units: 25, periods: 8, keepShare: 0.8, firms: firms);
        var (beta, se) = Lsdv(data);
        var fit = Feols.Fit(data, new FeolsOptions { Vcov = VcovKind.Iid, DropSingletons = false, Tolerance = 1e-12 });
        for (var j = 0; j < 2; j++)
        {
            Assert.That(fit.Coefficients[j].Estimate, Is.EqualTo(beta[j]).Within(1e-8 * Math.Abs(beta[j])), $"b{j}");
            Assert.That(fit.Coefficients[j].StdError, Is.EqualTo(se[j]).Within(1e-8 * se[j]), $"se{j} (FE df counted right)");
        }
    }

    [Test]
    public void Hetero_is_hc1_of_the_dummy_variable_regression()
    {
        var data = SimPanels.Panel(new Random(21), units: 15, periods: 6, keepShare: 0.85);
        var cols = new List<double[]>(data.X);
        foreach (var (f, q) in data.FixedEffects.Select((f, q) => (f, q)))
        {
            for (var l = q == 0 ? 0 : 1; l < f.Levels; l++)
                cols.Add(f.Codes.Select(c => c == l ? 1.0 : 0.0).ToArray());
        }

        var x = Matrix<double>.Build.DenseOfColumnArrays(cols);
        var y = Vector<double>.Build.DenseOfArray(data.Y);
        var b = x.QR().Solve(y);
        var e = y - (x * b);
        var bread = x.TransposeThisAndMultiply(x).Inverse();
        var meat = x.Transpose() * Matrix<double>.Build.DiagonalOfDiagonalVector(e.PointwiseMultiply(e)) * x;
        var n = data.Rows;
        var v = bread * meat * bread * ((double)n / (n - cols.Count));
        var fit = Feols.Fit(data, new FeolsOptions { Vcov = VcovKind.Hetero, DropSingletons = false, Tolerance = 1e-12 });
        for (var j = 0; j < 2; j++)
            Assert.That(fit.Coefficients[j].StdError, Is.EqualTo(Math.Sqrt(v[j, j])).Within(1e-8 * Math.Sqrt(v[j, j])), $"HC1 se{j}");
    }

    [Test]
    public void Every_solver_gives_the_same_answer_on_the_difficult_design()
    {
        var data = BenchDesigns.Difficult(20_000, seed: 3);
        var tight = Feols.Fit(data, new FeolsOptions { Tolerance = 1e-13, Algorithm = DemeanAlgorithm.Schur });
        foreach (var algorithm in new[] { DemeanAlgorithm.IronsTuck, DemeanAlgorithm.ConjugateGradient, DemeanAlgorithm.Schur })
        {
            var fit = Feols.Fit(data, new FeolsOptions { Algorithm = algorithm });
            Assert.That(fit.Converged, Is.True, algorithm.ToString());
            for (var j = 0; j < 2; j++)
            {
                var exact = tight.Coefficients[j];
                Assert.That(fit.Coefficients[j].Estimate, Is.EqualTo(exact.Estimate).Within(1e-6 * Math.Abs(exact.Estimate)), $"{algorithm} b{j}");
                Assert.That(fit.Coefficients[j].StdError, Is.EqualTo(exact.StdError).Within(1e-5 * exact.StdError), $"{algorithm} se{j}");
            }
        }
    }

    [Test]
    public void Block_preconditioned_path_is_taken_on_hard_designs_and_matches_plain_cg()
    {
        // Jacobi CG needs more than SchurDemeaner.SwitchToBlocksAfter iterations here, so the block path runs.
        var data = BenchDesigns.Difficult(60_000, seed: 8);
        var plain = Feols.Fit(data, new FeolsOptions { Algorithm = DemeanAlgorithm.ConjugateGradient, Tolerance = 1e-11 });
        var schur = Feols.Fit(data, new FeolsOptions { Algorithm = DemeanAlgorithm.Schur });
        Assert.That(plain.Iterations, Is.GreaterThan(SchurDemeaner.SwitchToBlocksAfter));
        Assert.That(schur.Iterations, Is.GreaterThan(SchurDemeaner.SwitchToBlocksAfter), "the switch happened");
        Assert.That(schur.Converged, Is.True);
        for (var j = 0; j < 2; j++)
        {
            Assert.That(schur.Coefficients[j].Estimate, Is.EqualTo(plain.Coefficients[j].Estimate).Within(1e-7 * Math.Abs(plain.Coefficients[j].Estimate)));
            Assert.That(schur.Coefficients[j].StdError, Is.EqualTo(plain.Coefficients[j].StdError).Within(1e-6 * plain.Coefficients[j].StdError));
        }
    }

    [Test]
    public void Accelerated_solver_equals_exact_one_way_demeaning_when_the_second_fe_is_trivial()
    {
        // With a second FE of one level the model is one-way; the iterative path must reproduce the exact one.
        var data = SimPanels.Panel(new Random(5), units: 40, periods: 6, keepShare: 0.9);
        var oneWay = new EstimationData("y", data.Y, data.XNames, data.X, [data.FixedEffects[0]], data.Clusters);
        var constant = new Factor("const", new int[data.Rows], 1);
        var twoWay = new EstimationData("y", data.Y, data.XNames, data.X, [data.FixedEffects[0], constant], data.Clusters);
        var exact = Feols.Fit(oneWay);
        foreach (var algorithm in new[] { DemeanAlgorithm.IronsTuck, DemeanAlgorithm.ConjugateGradient, DemeanAlgorithm.Schur })
        {
            var fit = Feols.Fit(twoWay, new FeolsOptions { Algorithm = algorithm });
            Assert.That(fit.Coefficients[0].Estimate, Is.EqualTo(exact.Coefficients[0].Estimate).Within(1e-10), algorithm.ToString());
            Assert.That(fit.Coefficients[0].StdError, Is.EqualTo(exact.Coefficients[0].StdError).Within(1e-10), algorithm.ToString());
        }
    }

    [Test]
    public void Singletons_are_dropped_iteratively_and_counted()
    {
        // Unit 9 has one row (singleton); dropping it leaves time 5 with one row (unit 8 at t=5), which goes next.
        var unit = new List<int>();
        var time = new List<int>();
        for (var i = 0; i < 8; i++)
            for (var t = 0; t < 5; t++) { unit.Add(i); time.Add(t); }
        unit.Add(8); time.Add(5);
        unit.Add(8); time.Add(6);
        unit.Add(9); time.Add(6);
        var rng = new Random(1);
        var n = unit.Count;
        var x = Enumerable.Range(0, n).Select(_ => BenchDesigns.Normal(rng)).ToArray();
        var y = x.Select(v => (2 * v) + BenchDesigns.Normal(rng)).ToArray();
        var data = new EstimationData("y", y, ["x"], [x], [Factor.FromIntegers("unit", unit.ToArray()), Factor.FromIntegers("time", time.ToArray())], []);
        var fit = Feols.Fit(data);
        Assert.That(fit.SingletonsDropped, Is.EqualTo(3), "unit 9, then time 6's survivor, then unit 8's last row");
        Assert.That(fit.N, Is.EqualTo(40));
        var kept = Feols.Fit(data, new FeolsOptions { DropSingletons = false });
        Assert.That(kept.SingletonsDropped, Is.Zero);
        Assert.That(kept.N, Is.EqualTo(43));
    }

    [Test]
    public void Collinear_and_absorbed_regressors_are_dropped_with_a_note()
    {
        var data = SimPanels.Panel(new Random(9), units: 20, periods: 6);
        var sum = data.X[0].Zip(data.X[1], (a, b) => a + b).ToArray();
        var unitLevel = data.FixedEffects[0].Codes.Select(c => c * 0.1).ToArray(); // constant within unit
        var bad = new EstimationData("y", data.Y, ["x1", "x2", "x1_plus_x2", "unit_level"], [data.X[0], data.X[1], sum, unitLevel], data.FixedEffects, data.Clusters);
        var fit = Feols.Fit(bad);
        Assert.That(fit.Coefficients.Select(c => c.Name), Is.EqualTo(new[] { "x1", "x2" }));
        Assert.That(fit.Notes, Has.Some.Contains("x1_plus_x2 dropped"));
        Assert.That(fit.Notes, Has.Some.Contains("unit_level dropped"));
    }

    [Test]
    public void Non_convergence_is_reported_not_silent()
    {
        var data = BenchDesigns.Difficult(20_000, seed: 4);
        var fit = Feols.Fit(data, new FeolsOptions { MaxIterations = 3, Algorithm = DemeanAlgorithm.IronsTuck });
        Assert.That(fit.Converged, Is.False);
        Assert.That(fit.Iterations, Is.EqualTo(3));
        Assert.That(fit.Notes, Has.Some.Contains("did NOT converge"));
    }

    [Test]
    public void Connected_components_count_redundant_levels()
    {
        // Two disconnected blocks: units {0,1} with times {0,1}; units {2,3} with times {2,3}.
        var a = new Factor("a", [0, 0, 1, 1, 2, 2, 3, 3], 4);
        var b = new Factor("b", [0, 1, 0, 1, 2, 3, 2, 3], 4);
        Assert.That(FixedEffectDegrees.ConnectedComponents(a, b), Is.EqualTo(2));
        Assert.That(FixedEffectDegrees.PerEffect([a, b]), Is.EqualTo(new[] { 4, 2 }));
    }

    [Test]
    public void String_identifiers_work_as_fixed_effects_and_clusters()
    {
        var scratch = TestPaths.Scratch("strings");
        var db = SimulatedWarehouse.Create(Path.Combine(scratch, "w.duckdb"), isDemo: false);
        var byCode = Warehouse.Analysis.Data.PanelLoader.FromDuckDbFile(db, "panel", new PanelRequest("ln_etc", ["co", "rd"], ["province_code", "year"], ["province_code"]));
        var byName = Warehouse.Analysis.Data.PanelLoader.FromDuckDbFile(db, "panel", new PanelRequest("ln_etc", ["co", "rd"], ["province", "year"], ["province"]));
        var a = Feols.Fit(byCode);
        var b = Feols.Fit(byName);
        Assert.That(b.FixedEffectLevels[0], Is.EqualTo(30));
        Assert.That(b.Coefficients[0].Estimate, Is.EqualTo(a.Coefficients[0].Estimate).Within(1e-12));
        Assert.That(b.Coefficients[0].StdError, Is.EqualTo(a.Coefficients[0].StdError).Within(1e-12));
        var east = Warehouse.Analysis.Data.PanelLoader.FromDuckDbFile(db, "panel", new PanelRequest("ln_etc", ["co"], ["province"], ["region"], "region = 'east'"));
        Assert.That(east.Rows, Is.EqualTo(168));
    }

    [Test]
    public void Missing_values_drop_rows_and_are_counted()
    {
        var path = Path.Combine(TestPaths.Scratch("missing"), "m.csv");
        File.WriteAllText(path, "id,t,y,x\n1,1,1.0,2.0\n1,2,2.0,\n2,1,3.0,1.0\n2,2,,4.0\n3,1,2.5,1.5\n3,2,1.0,0.5\n");
        var data = Warehouse.Analysis.Data.PanelLoader.FromCsv(path, new PanelRequest("y", ["x"], ["id"], []));
        Assert.That(data.Rows, Is.EqualTo(4));
        Assert.That(data.RowsDroppedMissing, Is.EqualTo(2));
    }
}
