using Warehouse.Demo;
using Warehouse.Demo.Tables;

namespace Warehouse.Tests.Demo;

/// <summary>
/// The corpus has the signal its data-generating process documents: computing CO and ln EXPY from the published
/// values with the formulas of docs/architecture.md#formulas, a two-way within regression of ln EXPY on CO over the default
/// sample finds a clearly positive slope.
/// </summary>
[TestFixture]
public sealed class DemoSignalTests
{
    private static readonly string[] Products = ["pharma", "aerospace", "electronics_comm", "computers_office", "medical_instruments"];
    private static readonly string[] ProducerServices = ["G", "I", "J", "L", "M"];

    [Test]
    public void Ln_expy_rises_with_co_agglomeration_within_provinces_and_years()
    {
        var panel = Panel(DemoCorpus.Values());
        Assert.That(panel, Has.Count.EqualTo(420));

        var (slope, t) = TwoWayWithin(panel);
        TestContext.Out.WriteLine($"two-way FE slope of ln EXPY on CO: {slope:0.0000} (naive t {t:0.0})");
        Assert.That(slope, Is.GreaterThan(0));
        Assert.That(t, Is.GreaterThan(3), "a signal the pipeline can find, not noise");
    }

    /// <summary>(province, year) → (CO, ln EXPY) from the newest edition of each data year.</summary>
    internal static Dictionary<(short Province, short Year), (double Co, double LnExpy)> Panel(IReadOnlyList<DemoValue> values)
    {
        var sample = values.Where(v => v.ProvinceCode is not 0 and not 54).ToList();
        var employment = sample.Where(v => v.Indicator == "urban_employment")
            .ToDictionary(v => (v.ProvinceCode, v.Year, v.Item!), v => v.Value ?? 0);
        var exports = sample.Where(v => v.Indicator == "hightech_export_delivery" && Products.Contains(v.Item))
            .ToDictionary(v => (v.ProvinceCode, v.Year, v.Item!), v => v.Value ?? 0);
        var income = sample.Where(v => v.Indicator == "gdp_per_capita").ToDictionary(v => (v.ProvinceCode, v.Year), v => v.Value!.Value);
        var provinces = sample.Select(v => v.ProvinceCode).Distinct().ToArray();
        var result = new Dictionary<(short, short), (double, double)>();
        for (short year = 2010; year <= 2023; year++)
        {
            double Emp(short p, string item) => employment[(p, year, item)];
            double Ps(short p) => ProducerServices.Sum(s => Emp(p, s));
            var all = provinces.Sum(p => Emp(p, "total"));
            var manu = provinces.Sum(p => Emp(p, "C"));
            var serv = provinces.Sum(Ps);
            double Share(short p, string k) => exports[(p, year, k)] / Products.Sum(j => exports[(p, year, j)]);
            var prody = Products.ToDictionary(k => k, k =>
            {
                var rca = provinces.Sum(p => Share(p, k));
                return provinces.Sum(p => Share(p, k) / rca * income[(p, year)]);
            });
            foreach (var p in provinces)
            {
                var lqm = Emp(p, "C") / Emp(p, "total") / (manu / all);
                var lqs = Ps(p) / Emp(p, "total") / (serv / all);
                var co = 1 - Math.Abs(lqm - lqs) / (lqm + lqs) + (lqm + lqs);
                var expy = Products.Sum(k => Share(p, k) * prody[k]);
                result[(p, year)] = (co, Math.Log(expy));
            }
        }

        return result;
    }

    /// <summary>Balanced two-way demeaning (x − x̄_i − x̄_t + x̄) and OLS on the residuals; naive iid t.</summary>
    private static (double Slope, double T) TwoWayWithin(Dictionary<(short Province, short Year), (double Co, double LnExpy)> panel)
    {
        double[] Demean(Func<(double Co, double LnExpy), double> f)
        {
            var keys = panel.Keys.ToArray();
            var mean = panel.Values.Average(f);
            var byProvince = keys.GroupBy(k => k.Province).ToDictionary(g => g.Key, g => g.Average(k => f(panel[k])));
            var byYear = keys.GroupBy(k => k.Year).ToDictionary(g => g.Key, g => g.Average(k => f(panel[k])));
            return keys.Select(k => f(panel[k]) - byProvince[k.Province] - byYear[k.Year] + mean).ToArray();
        }

        var x = Demean(v => v.Co);
        var y = Demean(v => v.LnExpy);
        var sxx = x.Sum(v => v * v);
        var slope = x.Zip(y).Sum(p => p.First * p.Second) / sxx;
        var rss = x.Zip(y).Sum(p => Math.Pow(p.Second - slope * p.First, 2));
        var dof = x.Length - 30 - 14 + 1 - 1;
        return (slope, slope / Math.Sqrt(rss / dof / sxx));
    }
}
