namespace Warehouse.Demo.Economy;

/// <summary>The paper's three belts (docs/architecture.md#vocabulary).</summary>
internal enum Belt { East, Middle, West }

/// <summary>The NBS four-region scheme used for the high-tech yearbook's aggregate rows.</summary>
internal enum NbsRegion { East, Middle, West, Northeast }

/// <summary>
/// One province of the demo economy with its 2010 starting point and structural parameters. The starting
/// magnitudes are rounded public orders of magnitude (population, GDP per capita, land area of 2010); the
/// structural multipliers are invented to give a plausible spread (coastal manufacturing and export hubs,
/// service-heavy capitals, resource provinces) — not estimates of anything.
/// </summary>
/// <param name="Code">GB/T 2260 two-digit code.</param>
/// <param name="Short">Short Chinese name as printed in yearbook stubs (北京, 内蒙古).</param>
/// <param name="Full">Full official name as on the NBS portal (北京市, 内蒙古自治区).</param>
/// <param name="English">English name as printed in bilingual yearbooks.</param>
/// <param name="Belt">The paper's belt (East, Middle, West).</param>
/// <param name="Region">NBS four-region membership (for the high-tech aggregate rows).</param>
/// <param name="Population2010">Year-end resident population, 10k persons.</param>
/// <param name="GdpPerCapita2010">GDP per capita, yuan.</param>
/// <param name="AreaKm2">Land area, km².</param>
/// <param name="ManufacturingBias">Multiplier on the national manufacturing employment share.</param>
/// <param name="ServicesBias">Multiplier on the national producer-services (G, I, J, L, M) employment share.</param>
/// <param name="ExportRatio">Share of high-tech output delivered for export in 2010.</param>
/// <param name="RoadDensity">Road km per km² of land in 2010.</param>
/// <param name="RailDensity">Rail km per km² of land in 2010.</param>
/// <param name="RdIntensity">R&amp;D expenditure / GDP in 2010.</param>
/// <param name="LoanRatio">Loans balance / GDP in 2010.</param>
/// <param name="FdiRatio">Actually utilised FDI / GDP in 2010.</param>
/// <param name="TradeRatio">Imports + exports / GDP in 2010.</param>
/// <param name="HightechShare">High-tech employment as a share of urban manufacturing employment.</param>
internal sealed record DemoProvince(
    short Code, string Short, string Full, string English, Belt Belt, NbsRegion Region,
    double Population2010, double GdpPerCapita2010, double AreaKm2,
    double ManufacturingBias, double ServicesBias, double ExportRatio,
    double RoadDensity, double RailDensity, double RdIntensity, double LoanRatio, double FdiRatio,
    double TradeRatio, double HightechShare)
{
    /// <summary>Tibet is generated like every province but sits outside the default sample (docs/architecture.md#vocabulary).</summary>
    public bool InDefaultSample => Code != 54;

    /// <summary>The stub name padded to the width of three characters, as yearbooks print it (北　　京).</summary>
    public string Padded(string pad) => Short.Length == 2 ? $"{Short[0]}{pad}{Short[1]}" : Short;
}

/// <summary>The 31 provinces in GB/T 2260 order, the order every yearbook table uses.</summary>
internal static class DemoProvinces
{
    private const Belt E = Belt.East, M = Belt.Middle, W = Belt.West;
    private const NbsRegion RE = NbsRegion.East, RM = NbsRegion.Middle, RW = NbsRegion.West, RN = NbsRegion.Northeast;

    public static readonly IReadOnlyList<DemoProvince> All =
    [
        //  code short    full              English           belt reg  pop    gdppc   area     manu  serv  expo  road  rail    rd      loan  fdi    trade htech
        new(11, "北京", "北京市", "Beijing", E, RE, 1962, 73856, 16410, 0.55, 2.20, 0.35, 1.28, 0.071, 0.058, 1.90, 0.030, 1.30, 0.30),
        new(12, "天津", "天津市", "Tianjin", E, RE, 1299, 72994, 11966, 1.35, 1.00, 0.50, 1.23, 0.070, 0.025, 1.20, 0.040, 0.70, 0.28),
        new(13, "河北", "河北省", "Hebei", E, RE, 7194, 28668, 188800, 1.05, 0.80, 0.15, 0.81, 0.030, 0.008, 0.90, 0.008, 0.16, 0.08),
        new(14, "山西", "山西省", "Shanxi", M, RM, 3574, 26283, 156700, 0.80, 0.80, 0.10, 0.88, 0.024, 0.010, 1.10, 0.006, 0.10, 0.07),
        new(15, "内蒙古", "内蒙古自治区", "Inner Mongolia", M, RW, 2472, 47347, 1183000, 0.75, 0.80, 0.03, 0.13, 0.008, 0.006, 0.80, 0.008, 0.06, 0.04),
        new(21, "辽宁", "辽宁省", "Liaoning", E, RN, 4375, 42355, 148000, 1.10, 0.90, 0.25, 0.68, 0.028, 0.016, 1.05, 0.045, 0.35, 0.12),
        new(22, "吉林", "吉林省", "Jilin", M, RN, 2747, 31599, 187400, 1.05, 0.80, 0.08, 0.48, 0.022, 0.009, 0.95, 0.008, 0.12, 0.08),
        new(23, "黑龙江", "黑龙江省", "Heilongjiang", M, RN, 3833, 27076, 473000, 0.75, 0.80, 0.05, 0.32, 0.013, 0.010, 0.80, 0.007, 0.14, 0.06),
        new(31, "上海", "上海市", "Shanghai", E, RE, 2303, 76074, 6340, 1.15, 1.70, 0.55, 1.90, 0.073, 0.028, 1.60, 0.035, 1.40, 0.30),
        new(32, "江苏", "江苏省", "Jiangsu", E, RE, 7869, 52840, 107200, 1.50, 0.90, 0.55, 1.41, 0.019, 0.020, 1.00, 0.035, 0.80, 0.30),
        new(33, "浙江", "浙江省", "Zhejiang", E, RE, 5447, 51711, 105500, 1.45, 1.00, 0.35, 1.04, 0.017, 0.018, 1.35, 0.014, 0.60, 0.18),
        new(34, "安徽", "安徽省", "Anhui", M, RM, 5957, 20888, 140100, 1.15, 0.80, 0.10, 1.06, 0.023, 0.012, 1.00, 0.010, 0.10, 0.10),
        new(35, "福建", "福建省", "Fujian", E, RE, 3693, 40025, 124000, 1.40, 0.90, 0.40, 0.74, 0.017, 0.011, 1.05, 0.018, 0.50, 0.20),
        new(36, "江西", "江西省", "Jiangxi", M, RM, 4462, 21253, 166900, 1.20, 0.80, 0.12, 0.88, 0.017, 0.009, 0.95, 0.014, 0.10, 0.12),
        new(37, "山东", "山东省", "Shandong", E, RE, 9588, 41106, 157100, 1.30, 0.80, 0.20, 1.46, 0.025, 0.017, 0.85, 0.014, 0.35, 0.12),
        new(41, "河南", "河南省", "Henan", M, RM, 9405, 24446, 167000, 1.20, 0.80, 0.10, 1.47, 0.025, 0.009, 0.75, 0.011, 0.08, 0.08),
        new(42, "湖北", "湖北省", "Hubei", M, RM, 5728, 27906, 185900, 1.10, 0.90, 0.10, 1.11, 0.019, 0.016, 1.00, 0.012, 0.09, 0.10),
        new(43, "湖南", "湖南省", "Hunan", M, RM, 6570, 24719, 211800, 1.00, 0.80, 0.08, 1.09, 0.014, 0.012, 0.85, 0.011, 0.07, 0.09),
        new(44, "广东", "广东省", "Guangdong", E, RE, 10441, 44736, 179800, 1.65, 1.10, 0.60, 1.06, 0.015, 0.018, 1.10, 0.025, 1.10, 0.35),
        new(45, "广西", "广西壮族自治区", "Guangxi", E, RW, 4610, 20219, 237600, 1.00, 0.80, 0.12, 0.43, 0.013, 0.007, 1.05, 0.008, 0.12, 0.06),
        new(46, "海南", "海南省", "Hainan", E, RE, 869, 23831, 35400, 0.40, 1.00, 0.10, 0.61, 0.022, 0.003, 1.30, 0.025, 0.25, 0.05),
        new(50, "重庆", "重庆市", "Chongqing", W, RW, 2885, 27596, 82400, 1.20, 0.90, 0.08, 1.40, 0.017, 0.013, 1.10, 0.008, 0.10, 0.14),
        new(51, "四川", "四川省", "Sichuan", W, RW, 8045, 21182, 486000, 1.05, 0.80, 0.10, 0.30, 0.007, 0.015, 1.05, 0.008, 0.10, 0.14),
        new(52, "贵州", "贵州省", "Guizhou", W, RW, 3479, 13119, 176200, 0.80, 0.80, 0.05, 0.86, 0.012, 0.006, 1.25, 0.003, 0.06, 0.08),
        new(53, "云南", "云南省", "Yunnan", W, RW, 4602, 15752, 394100, 0.75, 0.80, 0.06, 0.53, 0.007, 0.006, 1.30, 0.005, 0.12, 0.05),
        new(54, "西藏", "西藏自治区", "Tibet", W, RW, 301, 17319, 1228400, 0.30, 0.90, 0.02, 0.05, 0.0004, 0.002, 0.60, 0.001, 0.12, 0.02),
        new(61, "陕西", "陕西省", "Shaanxi", W, RW, 3735, 27133, 205600, 0.90, 0.90, 0.06, 0.71, 0.020, 0.022, 1.10, 0.009, 0.08, 0.14),
        new(62, "甘肃", "甘肃省", "Gansu", W, RW, 2560, 16113, 425800, 0.80, 0.80, 0.04, 0.28, 0.006, 0.010, 1.20, 0.002, 0.10, 0.04),
        new(63, "青海", "青海省", "Qinghai", W, RW, 563, 24115, 722300, 0.80, 0.80, 0.03, 0.09, 0.002, 0.007, 1.50, 0.004, 0.04, 0.03),
        new(64, "宁夏", "宁夏回族自治区", "Ningxia", W, RW, 633, 26860, 66400, 0.85, 0.80, 0.05, 0.33, 0.020, 0.007, 1.45, 0.003, 0.10, 0.04),
        new(65, "新疆", "新疆维吾尔自治区", "Xinjiang", W, RW, 2185, 25034, 1664900, 0.70, 0.80, 0.05, 0.09, 0.003, 0.005, 1.00, 0.003, 0.20, 0.03),
    ];
}
