using Warehouse.Analysis.Data;

namespace Warehouse.Tests.Analysis;

/// <summary>Factorising in place (the estimator's path: the id column's memory becomes the codes) gives the same factor
/// as factorising into a new array, and a raw panel is indexed once.</summary>
[TestFixture]
public sealed class IdFactorizerTests
{
    /// <summary>Ids in a narrow range (remapped through an array) and spread over 32 bits (through a hash map).</summary>
    [TestCase(0, 40)]
    [TestCase(7919, 400_000)]
    public void In_place_codes_equal_codes_in_a_new_array_and_the_column_then_holds_them(int step, int distinct)
    {
        var random = new Random(distinct);
        var values = Enumerable.Range(0, 50_000).Select(_ => (random.Next(distinct) * Math.Max(step, 1)) - 1000).ToArray();
        var copy = IdFactorizer.Factorize("id", IdColumn.OfNarrow((int[])values.Clone()), null);
        var column = IdColumn.OfNarrow((int[])values.Clone());
        var inPlace = IdFactorizer.Factorize("id", column, null, inPlace: true);

        Assert.That(inPlace.Codes, Is.EqualTo(copy.Codes));
        Assert.That(inPlace.Levels, Is.EqualTo(copy.Levels));
        Assert.That(inPlace.Labels, Is.EqualTo(copy.Labels), "labels are the values, read before they were overwritten");
        Assert.That(column.Narrow, Is.SameAs(inPlace.Codes), "no new array");
        Assert.That(copy.Labels![copy.Codes[123]], Is.EqualTo(values[123].ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public void A_raw_panel_is_indexed_once()
    {
        var folder = TestPaths.Scratch("id-factorizer");
        try
        {
            var path = Path.Combine(folder, "panel.csv");
            File.WriteAllText(path, "y,x,firm,year\n1,2,10,2000\n2,3,10,2001\n3,5,11,2000\n4,4,11,2001\n5,9,12,2000\n6,1,12,2001\n");
            var raw = PanelLoader.ReadCsv(path, new PanelRequest("y", ["x"], ["firm", "year"], ["firm"]));
            var data = raw.Index();
            Assert.That(data.FixedEffects[0].Codes, Is.EqualTo(new[] { 0, 0, 1, 1, 2, 2 }));
            Assert.That(data.FixedEffects[0].Labels, Is.EqualTo(new[] { "10", "11", "12" }));
            Assert.That(() => raw.Index(), Throws.InvalidOperationException.With.Message.Contains("indexed once"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
