using Warehouse.Etl.Parsing;
using Warehouse.Etl.Vocabulary;

namespace Warehouse.Etl.Normalizing;

/// <summary>The table profiles pipelines.yml may name, and detection of a profile from a table's title.</summary>
public static class ProfileCatalog
{
    public static TableProfile UrbanEmploymentBySector { get; } = new()
    {
        Name = "urban_employment_by_sector",
        Shape = ProfileShape.ItemsAsColumns,
        Indicator = "urban_employment",
        ItemResolver = SectorCatalog.Resolve,
        TitleKeywords = ["城镇单位就业人员", "城镇非私营单位就业人员", "城镇单位就业", "employed persons in urban"],
        DefaultTableId = "4-2",
        DefaultSource = "labour_yearbook",
    };

    public static TableProfile HighTechExportDelivery { get; } = new()
    {
        Name = "hightech_export_delivery",
        Shape = ProfileShape.ItemsAsColumns,
        Indicator = "hightech_export_delivery",
        ItemResolver = HighTechGroupCatalog.Resolve,
        TitleKeywords = ["出口交货值", "export delivery"],
        MeasureKeywords = ["出口交货值", "出口", "export"],
        OtherMeasureKeywords = ["主营业务收入", "营业收入", "利润", "企业数", "新产品", "从业人员", "产值", "revenue", "profit", "enterprises", "output", "sales"],
        DefaultTableId = "2-5",
        DefaultSource = "hightech_yearbook",
        StagesTotal = false,
    };

    public static TableProfile HighTechEmployment { get; } = new()
    {
        Name = "hightech_employment",
        Shape = ProfileShape.ItemsAsColumns,
        Indicator = "hightech_employment",
        ItemResolver = HighTechGroupCatalog.Resolve,
        TitleKeywords = ["从业人员", "平均人数", "用工人数", "average employ", "employed persons", "employment"],
        MeasureKeywords = ["从业人员", "平均人数", "平均用工人数", "用工人数", "employ"],
        OtherMeasureKeywords = ["主营业务收入", "营业收入", "利润", "企业数", "新产品", "出口", "产值", "revenue", "profit", "enterprises", "export", "output"],
        DefaultTableId = "2-3",
        DefaultSource = "hightech_yearbook",
        StagesTotal = false,
    };

    public static TableProfile NbsProvincialIndicator { get; } = new()
    {
        Name = "nbs_provincial_indicator",
        Shape = ProfileShape.PortalIndicator,
        TitleKeywords = ["分省年度数据", "指标"],
        DefaultSource = "nbs_provincial",
    };

    /// <summary>
    /// Provincial indicators in statistical-yearbook form (HTML or Excel: provinces in rows, indicators such as
    /// 地区生产总值 / 人均地区生产总值 / 年末常住人口 as columns, or years as columns), read by the same rules as the portal form.
    /// </summary>
    public static TableProfile YearbookProvincialIndicator { get; } = new()
    {
        Name = "yearbook_provincial_indicator",
        Shape = ProfileShape.PortalIndicator,
        TitleKeywords = ["地区生产总值", "常住人口", "行政区划", "公路里程", "铁路营业里程", "贷款余额", "外商直接投资", "进出口总额", "R&D经费"],
        DefaultSource = "statistical_yearbook",
    };

    private static readonly TableProfile[] All = [UrbanEmploymentBySector, HighTechExportDelivery, HighTechEmployment, NbsProvincialIndicator, YearbookProvincialIndicator];

    /// <summary>Every profile name, for the config validator and help texts.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(p => p.Name).ToArray();

    /// <summary>True when pipelines.yml may name this profile.</summary>
    public static bool IsKnown(string name) => All.Any(p => p.Name == name);

    /// <summary>The profile of that name.</summary>
    /// <exception cref="KeyNotFoundException">No such profile; the message lists the known ones.</exception>
    public static TableProfile Get(string name) =>
        All.FirstOrDefault(p => p.Name == name) ??
        throw new KeyNotFoundException($"unknown profile '{name}' (known: {string.Join(", ", Names)})");

    /// <summary>Identifies the profile of a document from its format, title and header; null when nothing fits.</summary>
    public static TableProfile? Detect(ParsedDocument document)
    {
        var table = document.Tables[0];
        var title = string.Join(" ", table.TitleLines).ToLowerInvariant();
        if (document.Format == TableFormat.NbsCsv)
        {
            var sectors = table.Columns.Count(c => SafeResolve(SectorCatalog.Resolve, c.Label) is { } s && s != "total");
            return sectors >= 3 ? UrbanEmploymentBySector : NbsProvincialIndicator;
        }

        foreach (var profile in new[] { HighTechExportDelivery, HighTechEmployment })
        {
            var isHighTech = title.Contains("高技术", StringComparison.Ordinal) || title.Contains("high-tech", StringComparison.Ordinal) ||
                             title.Contains("high technology", StringComparison.Ordinal);
            if (isHighTech && profile.TitleKeywords.Any(k => title.Contains(k, StringComparison.Ordinal)))
                return profile;
        }

        if (UrbanEmploymentBySector.TitleKeywords.Any(k => title.Contains(k, StringComparison.Ordinal)))
            return UrbanEmploymentBySector;
        return YearbookProvincialIndicator.TitleKeywords.Any(k => title.Contains(k.ToLowerInvariant(), StringComparison.Ordinal)) ? YearbookProvincialIndicator : null;
    }

    private static string? SafeResolve(Func<string, string?> resolve, string label)
    {
        try
        {
            return resolve(label);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
