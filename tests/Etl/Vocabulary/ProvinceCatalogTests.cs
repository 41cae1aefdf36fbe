using Warehouse.Etl.Vocabulary;

namespace Warehouse.Tests.Etl.Vocabulary;

[TestFixture]
public sealed class ProvinceCatalogTests
{
    [TestCase("北京", 11)]
    [TestCase("北京市", 11)]
    [TestCase("北    京", 11)]
    [TestCase("北\u3000\u3000京①", 11)]
    [TestCase("山西", 14)]
    [TestCase("山西省", 14)]
    [TestCase("Shanxi", 14)]
    [TestCase("陕西", 61)]
    [TestCase("Shaanxi", 61)]
    [TestCase("陕西省 Shaanxi", 61)]
    [TestCase("内蒙古自治区", 15)]
    [TestCase("内 蒙 古", 15)]
    [TestCase("Inner Mongolia", 15)]
    [TestCase("Nei Mongol", 15)]
    [TestCase("广西壮族自治区", 45)]
    [TestCase("宁夏回族自治区", 64)]
    [TestCase("新疆维吾尔自治区", 65)]
    [TestCase("  Xinjiang", 65)]
    [TestCase("西藏", 54)]
    [TestCase("Xizang", 54)]
    [TestCase("Tibet", 54)]
    [TestCase("黑 龙 江", 23)]
    public void Provinces_resolve_to_gbt2260_codes(string label, int code)
    {
        var place = ProvinceCatalog.Resolve(label);
        Assert.That(place.Kind, Is.EqualTo(PlaceKind.Province));
        Assert.That(place.Code, Is.EqualTo(code));
    }

    [TestCase("全国")]
    [TestCase("全    国")]
    [TestCase("National Total")]
    [TestCase("全国 National Total")]
    public void National_total_rows_are_code_zero(string label)
    {
        Assert.That(ProvinceCatalog.Resolve(label), Is.EqualTo(new Place(PlaceKind.National, 0)));
    }

    [TestCase("东部地区")]
    [TestCase("东部地区 Eastern Region")]
    [TestCase("中部地区")]
    [TestCase("Western Region")]
    [TestCase("东北地区 Northeast Region")]
    public void Regional_aggregates_are_recognised_and_are_not_provinces(string label)
    {
        Assert.That(ProvinceCatalog.Resolve(label).Kind, Is.EqualTo(PlaceKind.Region));
    }

    [Test]
    public void A_bilingual_label_whose_halves_disagree_is_an_error_not_a_guess()
    {
        Assert.That(() => ProvinceCatalog.Resolve("山西 Shaanxi"), Throws.TypeOf<FormatException>().With.Message.Contains("山西 Shaanxi"));
    }

    [Test]
    public void All_31_provinces_round_trip_through_their_chinese_and_english_names()
    {
        Assert.That(ProvinceCatalog.AllCodes, Has.Count.EqualTo(31));
        foreach (var code in ProvinceCatalog.AllCodes)
        {
            Assert.That(ProvinceCatalog.Resolve(ProvinceCatalog.ChineseName(code)).Code, Is.EqualTo(code));
            Assert.That(ProvinceCatalog.Resolve(ProvinceCatalog.EnglishName(code)).Code, Is.EqualTo(code));
        }
    }

    [TestCase("合计 Total")]
    [TestCase("某某县")]
    public void Unknown_labels_stay_unknown(string label)
    {
        Assert.That(ProvinceCatalog.Resolve(label).Kind, Is.Not.EqualTo(PlaceKind.Province));
    }
}
