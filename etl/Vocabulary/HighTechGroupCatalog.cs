namespace Warehouse.Etl.Vocabulary;

/// <summary>High-tech manufacturing groups (NBS classification); information chemicals exist from the 2013 classification on.</summary>
public static class HighTechGroupCatalog
{
    public static KeywordCatalog Catalog { get; } = new("high-tech group",
    [
        ("pharma", ["医药"], ["pharmaceutic", "medicine"]),
        ("aerospace", ["航空", "航天"], ["aircraft", "spacecraft", "aerospace", "aviation"]),
        ("electronics_comm", ["电子及通信", "电子和通信", "电子通信", "通信设备"], ["electronic and communication", "electronic and telecommunication", "communication equipment"]),
        ("computers_office", ["计算机及办公", "计算机和办公", "办公设备"], ["computer", "office equipment"]),
        ("medical_instruments", ["医疗仪器", "医疗设备", "仪器仪表"], ["medical equipment", "medical instrument", "measuring instrument", "meters"]),
        ("info_chemicals", ["信息化学品"], ["information chemical"]),
    ]);

    /// <summary>The group code (or <c>total</c>) a label names, or null.</summary>
    public static string? Resolve(string label) => Catalog.Resolve(label);
}
