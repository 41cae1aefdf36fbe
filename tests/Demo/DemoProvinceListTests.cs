using Warehouse.Demo.Economy;
using Warehouse.Etl.Vocabulary;

namespace Warehouse.Tests.Demo;

/// <summary>The demo economy prints its provinces with the product's own vocabulary: the two lists (one with the
/// economy's parameters, one with the name variants the normaliser accepts) name the same provinces the same way.</summary>
[TestFixture]
public sealed class DemoProvinceListTests
{
    [Test]
    public void The_demo_provinces_are_the_catalogs_codes_and_names_in_order()
    {
        Assert.That(DemoProvinces.All.Select(p => p.Code), Is.EqualTo(ProvinceCatalog.AllCodes));
        Assert.Multiple(() =>
        {
            foreach (var province in DemoProvinces.All)
            {
                Assert.That(province.Short, Is.EqualTo(ProvinceCatalog.ChineseName(province.Code)), $"province {province.Code}");
                Assert.That(province.English, Is.EqualTo(ProvinceCatalog.EnglishName(province.Code)), $"province {province.Code}");
                Assert.That(ProvinceCatalog.Resolve(province.Full), Is.EqualTo(new Place(PlaceKind.Province, province.Code)), province.Full);
            }
        });
    }
}
