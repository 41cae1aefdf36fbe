using Warehouse.Etl.Vocabulary;

namespace Warehouse.Tests.Etl.Vocabulary;

[TestFixture]
public sealed class SectorAndGroupCatalogTests
{
    // GB/T 4754-2002 names carry other letters than 2017: map by name, never by letter.
    [TestCase("交通运输、仓储和邮政业", "G")]
    [TestCase("信息传输、计算机服务和软件业", "I")]
    [TestCase("批发和零售业", "F")]
    [TestCase("住宿和餐饮业", "H")]
    [TestCase("科学研究、技术服务和地质勘查业", "M")]
    [TestCase("居民服务和其他服务业", "O")]
    [TestCase("卫生、社会保障和社会福利业", "Q")]
    [TestCase("公共管理和社会组织", "S")]
    [TestCase("电力、燃气及水的生产和供应业", "D")]
    // 2011 / 2017 names.
    [TestCase("信息传输、软件和信息技术服务业", "I")]
    [TestCase("科学研究和技术服务业", "M")]
    [TestCase("居民服务、修理和其他服务业", "O")]
    [TestCase("卫生和社会工作", "Q")]
    [TestCase("公共管理、社会保障和社会组织", "S")]
    [TestCase("电力、热力、燃气及水生产和供应业", "D")]
    [TestCase("农林牧渔业城镇单位就业人员 (万人)", "A")]
    [TestCase("制造业 Manufacturing", "C")]
    [TestCase("Transport, Storage and Post", "G")]
    [TestCase("Culture, Sports and Entertainment", "R")]
    [TestCase("合计 Total", "total")]
    public void Sectors_map_by_name_across_classifications(string label, string letter)
    {
        Assert.That(SectorCatalog.Resolve(label), Is.EqualTo(letter));
    }

    [Test]
    public void All_19_sections_of_2017_are_distinct()
    {
        string[] names2017 =
        [
            "农、林、牧、渔业", "采矿业", "制造业", "电力、热力、燃气及水生产和供应业", "建筑业", "批发和零售业", "交通运输、仓储和邮政业",
            "住宿和餐饮业", "信息传输、软件和信息技术服务业", "金融业", "房地产业", "租赁和商务服务业", "科学研究和技术服务业",
            "水利、环境和公共设施管理业", "居民服务、修理和其他服务业", "教育", "卫生和社会工作", "文化、体育和娱乐业", "公共管理、社会保障和社会组织",
        ];
        Assert.That(names2017.Select(SectorCatalog.Resolve), Is.EqualTo("ABCDEFGHIJKLMNOPQRS".Select(c => c.ToString())));
    }

    [TestCase("医药制造业", "pharma")]
    [TestCase("航空、航天器及设备制造业", "aerospace")]
    [TestCase("航空航天器制造业", "aerospace")]
    [TestCase("电子及通信设备制造业", "electronics_comm")]
    [TestCase("计算机及办公设备制造业", "computers_office")]
    [TestCase("医疗仪器设备及仪器仪表制造业", "medical_instruments")]
    [TestCase("信息化学品制造业", "info_chemicals")]
    [TestCase("Manufacture of Medicines", "pharma")]
    [TestCase("合计 Total", "total")]
    public void High_tech_groups_map_by_name(string label, string code)
    {
        Assert.That(HighTechGroupCatalog.Resolve(label), Is.EqualTo(code));
    }

    [Test]
    public void A_label_naming_two_groups_is_an_error()
    {
        Assert.That(() => HighTechGroupCatalog.Resolve("医药及计算机及办公设备"), Throws.TypeOf<FormatException>().With.Message.Contains("ambiguous"));
    }
}
