namespace Warehouse.Demo.Economy;

/// <summary>A GB/T 4754 section as one classification edition prints it.</summary>
/// <param name="Letter">Canonical GB/T 4754-2017 letter (the staging <c>item</c>).</param>
/// <param name="Chinese">Name as printed.</param>
/// <param name="English">English name as printed in the bilingual yearbooks.</param>
internal sealed record PrintedSection(string Letter, string Chinese, string English);

/// <summary>
/// The 19 sections of the labour yearbook's table (international organisations are never printed), in the
/// column order of the classification in force. GB/T 4754-2002 (data years before 2012) orders and letters them
/// differently — its F is transport, its G information services, its H wholesale — which is exactly why the
/// pipeline maps by name; the canonical letters here are the 2017 ones.
/// </summary>
internal static class DemoSectors
{
    public static readonly IReadOnlyList<PrintedSection> Gbt2002 =
    [
        new("A", "农、林、牧、渔业", "Farming, Forestry, Animal Husbandry and Fishery"),
        new("B", "采矿业", "Mining"),
        new("C", "制造业", "Manufacturing"),
        new("D", "电力、燃气及水的生产和供应业", "Production and Supply of Electricity, Gas and Water"),
        new("E", "建筑业", "Construction"),
        new("G", "交通运输、仓储和邮政业", "Transport, Storage and Post"),
        new("I", "信息传输、计算机服务和软件业", "Information Transmission, Computer Services and Software"),
        new("F", "批发和零售业", "Wholesale and Retail Trades"),
        new("H", "住宿和餐饮业", "Hotels and Catering Services"),
        new("J", "金融业", "Financial Intermediation"),
        new("K", "房地产业", "Real Estate"),
        new("L", "租赁和商务服务业", "Leasing and Business Services"),
        new("M", "科学研究、技术服务和地质勘查业", "Scientific Research, Technical Service and Geologic Prospecting"),
        new("N", "水利、环境和公共设施管理业", "Management of Water Conservancy, Environment and Public Facilities"),
        new("O", "居民服务和其他服务业", "Services to Households and Other Services"),
        new("P", "教育", "Education"),
        new("Q", "卫生、社会保障和社会福利业", "Health, Social Securities and Social Welfare"),
        new("R", "文化、体育和娱乐业", "Culture, Sports and Entertainment"),
        new("S", "公共管理和社会组织", "Public Management and Social Organization"),
    ];

    /// <summary>GB/T 4754-2011 names; the 2017 revision kept the section names.</summary>
    public static readonly IReadOnlyList<PrintedSection> Gbt2011 =
    [
        new("A", "农、林、牧、渔业", "Agriculture, Forestry, Animal Husbandry and Fishery"),
        new("B", "采矿业", "Mining"),
        new("C", "制造业", "Manufacturing"),
        new("D", "电力、热力、燃气及水生产和供应业", "Production and Supply of Electricity, Heat, Gas and Water"),
        new("E", "建筑业", "Construction"),
        new("F", "批发和零售业", "Wholesale and Retail Trades"),
        new("G", "交通运输、仓储和邮政业", "Transport, Storage and Post"),
        new("H", "住宿和餐饮业", "Hotels and Catering Services"),
        new("I", "信息传输、软件和信息技术服务业", "Information Transmission, Software and Information Technology"),
        new("J", "金融业", "Financial Intermediation"),
        new("K", "房地产业", "Real Estate"),
        new("L", "租赁和商务服务业", "Leasing and Business Services"),
        new("M", "科学研究和技术服务业", "Scientific Research and Technical Services"),
        new("N", "水利、环境和公共设施管理业", "Management of Water Conservancy, Environment and Public Facilities"),
        new("O", "居民服务、修理和其他服务业", "Services to Households, Repair and Other Services"),
        new("P", "教育", "Education"),
        new("Q", "卫生和社会工作", "Health and Social Work"),
        new("R", "文化、体育和娱乐业", "Culture, Sports and Entertainment"),
        new("S", "公共管理、社会保障和社会组织", "Public Management, Social Security and Social Organization"),
    ];

    /// <summary>Canonical letters in 2017 order (the order the economy stores them in).</summary>
    public static readonly IReadOnlyList<string> Letters = Gbt2011.Select(s => s.Letter).ToArray();

    /// <summary>Producer services of docs/architecture.md#vocabulary (G transport, I information, J finance, L leasing, M research),
    /// as an ordered list: sums over it must add in the same order in every process.</summary>
    public static readonly IReadOnlyList<string> ProducerServices = ["G", "I", "J", "L", "M"];

    /// <summary>The classification printed for a data year: the 2011 standard took effect with data year 2012.</summary>
    public static IReadOnlyList<PrintedSection> ForDataYear(int year) => year < 2012 ? Gbt2002 : Gbt2011;

    /// <summary>
    /// National employment shares of urban non-private units around 2010 (rounded orders of magnitude:
    /// manufacturing ~28 %, education and public administration ~11 % each, construction ~10 %), by 2017 letter.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, double> BaseShare = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["A"] = 2.5, ["B"] = 4.5, ["C"] = 28.0, ["D"] = 2.5, ["E"] = 10.0, ["F"] = 6.0, ["G"] = 5.0, ["H"] = 2.0,
        ["I"] = 2.0, ["J"] = 4.0, ["K"] = 2.5, ["L"] = 2.5, ["M"] = 2.3, ["N"] = 1.6, ["O"] = 0.5, ["P"] = 11.0,
        ["Q"] = 5.0, ["R"] = 1.0, ["S"] = 11.0,
    };
}
