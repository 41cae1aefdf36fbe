using Warehouse.Analysis.Data;
using Warehouse.Analysis.Mediation;

namespace Warehouse.Tests.Analysis.Mediation;

/// <summary>The cluster bootstrap's fixed effects are coded as the general factorisations code them: per drawn copy of a
/// cluster (<see cref="Factor.FromKeys{T}"/> of (copy, level)) for a factor nested in the cluster, as they are
/// (<see cref="Factor.FromIntegers"/>) otherwise — the same codes, so the same fits to the last bit.</summary>
[TestFixture]
public sealed class ResampledFactorTests
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Codes_equal_the_general_factorisations_over_many_draws(int seed)
    {
        var rng = new Random(seed);
        // 12 clusters of 1–6 rows; a unit FE with 2 levels inside each cluster (nested), a year FE of 5 levels (not).
        var clusterOf = new List<int>();
        var unitOf = new List<int>();
        var yearOf = new List<int>();
        for (var c = 0; c < 12; c++)
        {
            for (var k = rng.Next(1, 7); k > 0; k--)
            {
                clusterOf.Add(c);
                unitOf.Add((2 * c) + rng.Next(2));
                yearOf.Add(rng.Next(5));
            }
        }
        var unit = Factor.FromIntegers("unit", [.. unitOf]);
        var year = Factor.FromIntegers("year", [.. yearOf]);
        var members = Enumerable.Range(0, 12).Select(c => Enumerable.Range(0, clusterOf.Count).Where(i => clusterOf[i] == c).ToList()).ToArray();
        var perCopy = new ResampledFactor(unit);
        var asIs = new ResampledFactor(year);
        for (var draw = 0; draw < 200; draw++)
        {
            var idx = new List<int>();
            var copies = new List<int>();
            for (var j = 0; j < 12; j++)
            {
                foreach (var i in members[rng.Next(12)])
                {
                    idx.Add(i);
                    copies.Add(j);
                }
            }
            int[] rows = [.. idx];
            var expectedUnit = Factor.FromKeys("unit", rows.Select((i, p) => ((long)copies[p] * unit.Levels) + unit.Codes[i]).ToArray());
            var expectedYear = Factor.FromIntegers("year", rows.Select(i => year.Codes[i]).ToArray());
            var gotUnit = perCopy.PerCopy(rows, copies);
            var gotYear = asIs.Rows(rows);
            Assert.That(gotUnit.Codes, Is.EqualTo(expectedUnit.Codes), $"draw {draw}: unit codes");
            Assert.That(gotUnit.Levels, Is.EqualTo(expectedUnit.Levels), $"draw {draw}: unit levels");
            Assert.That(gotYear.Codes, Is.EqualTo(expectedYear.Codes), $"draw {draw}: year codes");
            Assert.That(gotYear.Levels, Is.EqualTo(expectedYear.Levels), $"draw {draw}: year levels");
        }
    }
}
