namespace Warehouse.Demo.Economy;

/// <summary>A high-tech manufacturing group (docs/architecture.md#vocabulary) with the names the classification in force prints.</summary>
/// <param name="Code">Canonical group code (the staging <c>item</c>).</param>
/// <param name="Chinese2013">Name in the 2013 classification (data year 2013 on).</param>
/// <param name="English2013">English name in the 2013 classification.</param>
/// <param name="ChineseOld">Name in the 2002 classification (data years before 2013).</param>
/// <param name="EnglishOld">English name in the 2002 classification.</param>
/// <param name="Sophistication">
/// Position on the demo's technology ladder (−1 … +1). Richer provinces export relatively more of the
/// high-score groups, which therefore end up with a high PRODY; rising co-agglomeration tilts a province's
/// export basket toward them (see <see cref="DemoEconomy"/>).
/// </param>
/// <param name="EmploymentShare">Share of high-tech employment around 2010.</param>
/// <param name="ExportShare">Share of high-tech export delivery around 2010 (electronics and computers dominate).</param>
internal sealed record DemoHightechGroup(
    string Code, string Chinese2013, string English2013, string ChineseOld, string EnglishOld,
    double Sophistication, double EmploymentShare, double ExportShare)
{
    /// <summary>Information chemicals exist only from the 2013 classification (data year 2013) on.</summary>
    public bool ExistsIn(int year) => Code != "info_chemicals" || year >= 2013;

    public string Chinese(int year) => year >= 2013 ? Chinese2013 : ChineseOld;

    public string English(int year) => year >= 2013 ? English2013 : EnglishOld;
}

internal static class DemoHightechGroups
{
    public static readonly IReadOnlyList<DemoHightechGroup> All =
    [
        new("pharma", "医药制造业", "Manufacture of Medicines", "医药制造业", "Manufacture of Medicines", -1.0, 0.20, 0.06),
        new("aerospace", "航空、航天器及设备制造业", "Manufacture of Aircrafts, Spacecrafts and Related Equipment",
            "航空航天器制造业", "Manufacture of Aircrafts and Spacecrafts", 0.3, 0.04, 0.03),
        new("electronics_comm", "电子及通信设备制造业", "Manufacture of Electronic and Telecommunication Equipment",
            "电子及通信设备制造业", "Manufacture of Electronic and Telecommunication Equipment", 0.7, 0.45, 0.55),
        new("computers_office", "计算机及办公设备制造业", "Manufacture of Computers and Office Equipment",
            "电子计算机及办公设备制造业", "Manufacture of Electronic Computers and Office Equipment", 1.0, 0.12, 0.28),
        new("medical_instruments", "医疗仪器设备及仪器仪表制造业", "Manufacture of Medical Equipment and Measuring Instruments",
            "医疗设备及仪器仪表制造业", "Manufacture of Medical Equipment and Meters", 0.5, 0.14, 0.06),
        new("info_chemicals", "信息化学品制造业", "Manufacture of Information Chemicals",
            "信息化学品制造业", "Manufacture of Information Chemicals", -0.5, 0.05, 0.02),
    ];

    public static IEnumerable<DemoHightechGroup> For(int year) => All.Where(g => g.ExistsIn(year));

    /// <summary>
    /// Genuine gaps: groups a small province has no enterprises in, published as blank cells in both high-tech
    /// tables for every year (Tibet's thin industry; aerospace in Hainan, Qinghai and Ningxia).
    /// </summary>
    public static bool IsPublishedMissing(short province, string group) => (province, group) switch
    {
        (54, "aerospace" or "computers_office" or "medical_instruments" or "info_chemicals") => true,
        (46, "aerospace") => true,
        (63, "aerospace" or "computers_office") => true,
        (64, "aerospace") => true,
        _ => false,
    };
}
