namespace Warehouse.Etl.Vocabulary;

/// <summary>
/// Sectors by name across GB/T 4754-2002, 2011 and 2017, mapped to 2017 section letters. Matching is by name,
/// never by letter: 2002 printed transport as F and information services as G, 2017 prints them as G and I.
/// </summary>
public static class SectorCatalog
{
    /// <summary>Keywords unique to each section in all three editions (Chinese and English wordings).</summary>
    public static KeywordCatalog Catalog { get; } = new("sector",
    [
        ("A", ["农", "林业", "牧业", "渔业"], ["farming", "agricultur", "forestry", "fishery"]),
        ("B", ["采矿", "采掘"], ["mining"]),
        ("C", ["制造"], ["manufactur"]),
        ("D", ["电力", "燃气"], ["electricity", "electric power"]),
        ("E", ["建筑"], ["construction"]),
        ("F", ["批发", "零售"], ["wholesale", "retail"]),
        ("G", ["交通运输", "仓储", "邮政"], ["transport", "storage", "post"]),
        ("H", ["住宿", "餐饮"], ["hotel", "accommodation", "catering"]),
        ("I", ["信息传输", "软件", "计算机服务"], ["information transmission", "software", "computer service"]),
        ("J", ["金融"], ["financ"]),
        ("K", ["房地产"], ["real estate"]),
        ("L", ["租赁", "商务服务"], ["leasing", "business service", "commercial service"]),
        ("M", ["科学研究", "地质勘查", "科研", "科技服务"], ["scientific research", "technical service", "geologic"]),
        ("N", ["水利", "公共设施"], ["water conservancy", "public facilit"]),
        ("O", ["居民服务", "修理和其他"], ["services to households", "resident service", "residential service", "repair"]),
        ("P", ["教育"], ["education"]),
        ("Q", ["卫生"], ["health"]),
        ("R", ["文化", "体育", "娱乐"], ["culture", "sports", "entertainment"]),
        ("S", ["公共管理", "社会组织"], ["public management", "public administration", "social organization"]),
    ]);

    /// <summary>Measure names printed alone over the all-sector column of portal exports (<c>城镇单位就业人员 (万人)</c>).</summary>
    private static readonly string[] TotalMeasures = ["城镇单位就业人员", "城镇非私营单位就业人员", "就业人员", "从业人员", "万人", "人"];

    /// <summary>The 2017 section letter (or <c>total</c>) a label names, or null.</summary>
    public static string? Resolve(string label)
    {
        if (Catalog.Resolve(label) is { } code)
            return code;
        var chinese = LabelText.ChinesePart(label);
        foreach (var measure in TotalMeasures)
            chinese = chinese.Replace(measure, string.Empty, StringComparison.Ordinal);
        return chinese.Length == 0 && LabelText.ChinesePart(label).Length > 0 ? "total" : null;
    }
}
