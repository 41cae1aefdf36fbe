namespace Warehouse.Etl.Vocabulary;

/// <summary>What a row label names: a province, the national total, a regional aggregate, or nothing known.</summary>
public enum PlaceKind
{
    Unknown,
    Province,
    National,
    Region,
}

/// <summary>A resolved row label.</summary>
/// <param name="Kind">Province, national total or regional aggregate.</param>
/// <param name="Code">GB/T 2260 two-digit code; 0 for the national total; -1 for regions and unknown labels.</param>
public readonly record struct Place(PlaceKind Kind, short Code);

/// <summary>
/// Maps province names (Chinese with or without suffix, padded, or English variants) to GB/T 2260 codes,
/// recognises national-total rows (code 0) and regional aggregate rows (kept out of provinces).
/// </summary>
public static class ProvinceCatalog
{
    /// <summary>Code, Chinese short name, English names (lower case; first is canonical).</summary>
    private static readonly (short Code, string Chinese, string[] English)[] Provinces =
    [
        (11, "北京", ["beijing"]), (12, "天津", ["tianjin"]), (13, "河北", ["hebei"]),
        (14, "山西", ["shanxi"]), (15, "内蒙古", ["inner mongolia", "nei mongol", "neimenggu", "nei menggu"]),
        (21, "辽宁", ["liaoning"]), (22, "吉林", ["jilin"]), (23, "黑龙江", ["heilongjiang"]),
        (31, "上海", ["shanghai"]), (32, "江苏", ["jiangsu"]), (33, "浙江", ["zhejiang"]),
        (34, "安徽", ["anhui"]), (35, "福建", ["fujian"]), (36, "江西", ["jiangxi"]),
        (37, "山东", ["shandong"]), (41, "河南", ["henan"]), (42, "湖北", ["hubei"]),
        (43, "湖南", ["hunan"]), (44, "广东", ["guangdong"]), (45, "广西", ["guangxi"]),
        (46, "海南", ["hainan"]), (50, "重庆", ["chongqing"]), (51, "四川", ["sichuan"]),
        (52, "贵州", ["guizhou"]), (53, "云南", ["yunnan"]), (54, "西藏", ["tibet", "xizang"]),
        (61, "陕西", ["shaanxi"]), (62, "甘肃", ["gansu"]), (63, "青海", ["qinghai"]),
        (64, "宁夏", ["ningxia"]), (65, "新疆", ["xinjiang"]),
    ];

    /// <summary>Suffixes of official names (longest first so 维吾尔自治区 wins over 自治区).</summary>
    private static readonly string[] Suffixes = ["维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"];

    private static readonly HashSet<string> NationalChinese = ["全国", "全国总计", "总计", "合计", "全国合计", "中国"];

    private static readonly HashSet<string> NationalEnglish = ["national total", "national", "total", "china", "nationwide"];

    private static readonly string[] RegionChinese = ["东部地区", "中部地区", "西部地区", "东北地区", "东部", "中部", "西部", "东北", "沿海地区", "内陆地区"];

    private static readonly string[] RegionEnglish =
        ["eastern region", "middle region", "central region", "western region", "northeast region", "northeastern region", "east", "middle", "west", "northeast", "central"];

    private static readonly Dictionary<string, short> ByChinese = Provinces.ToDictionary(p => p.Chinese, p => p.Code);

    private static readonly Dictionary<string, short> ByEnglish =
        Provinces.SelectMany(p => p.English.Select(e => (e, p.Code))).ToDictionary(x => x.e, x => x.Code);

    /// <summary>All 31 province codes (Tibet included).</summary>
    public static IReadOnlyList<short> AllCodes { get; } = Provinces.Select(p => p.Code).ToArray();

    /// <summary>The Chinese short name of a province code.</summary>
    public static string ChineseName(short code) => Provinces.First(p => p.Code == code).Chinese;

    /// <summary>The canonical English name of a province code.</summary>
    public static string EnglishName(short code)
    {
        var e = Provinces.First(p => p.Code == code).English[0];
        return string.Join(' ', e.Split(' ').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
    }

    /// <summary>Resolves a row label; a bilingual label whose two halves disagree is reported as an error.</summary>
    /// <exception cref="FormatException">The Chinese and English halves name different provinces (e.g. 山西 / Shaanxi).</exception>
    public static Place Resolve(string label)
    {
        var clean = LabelText.StripMarker(LabelText.Normalize(label), out _);
        var chinese = LabelText.ChinesePart(clean);
        var latin = LabelText.LatinPart(clean);
        var fromChinese = chinese.Length > 0 ? ResolveChinese(chinese) : (Place?)null;
        var fromLatin = latin.Length > 0 ? ResolveEnglish(latin) : (Place?)null;

        if (fromChinese is { } c && fromLatin is { } l && c.Kind != PlaceKind.Unknown && l.Kind != PlaceKind.Unknown &&
            (c.Kind != l.Kind || c.Code != l.Code))
        {
            throw new FormatException($"row label '{label}' names two different places ({Describe(c)} vs {Describe(l)})");
        }

        if (fromChinese is { Kind: not PlaceKind.Unknown } known)
            return known;
        if (fromLatin is { Kind: not PlaceKind.Unknown } knownLatin)
            return knownLatin;
        return new Place(PlaceKind.Unknown, -1);
    }

    private static string Describe(Place p) => p.Kind == PlaceKind.Province ? $"province {p.Code}" : p.Kind.ToString().ToLowerInvariant();

    private static Place ResolveChinese(string chinese)
    {
        if (NationalChinese.Contains(chinese))
            return new Place(PlaceKind.National, 0);
        if (Array.IndexOf(RegionChinese, chinese) >= 0)
            return new Place(PlaceKind.Region, -1);
        var name = chinese;
        foreach (var suffix in Suffixes)
        {
            if (name.Length > suffix.Length + 1 && name.EndsWith(suffix, StringComparison.Ordinal))
            {
                name = name[..^suffix.Length];
                break;
            }
        }

        return ByChinese.TryGetValue(name, out var code)
            ? new Place(PlaceKind.Province, code)
            : new Place(PlaceKind.Unknown, -1);
    }

    private static Place ResolveEnglish(string latin)
    {
        if (NationalEnglish.Contains(latin))
            return new Place(PlaceKind.National, 0);
        if (Array.IndexOf(RegionEnglish, latin) >= 0)
            return new Place(PlaceKind.Region, -1);
        var name = latin;
        foreach (var suffix in new[] { " province", " municipality", " autonomous region", " zhuang autonomous region", " hui autonomous region", " uygur autonomous region", " uyghur autonomous region" })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
                name = name[..^suffix.Length];
        }

        return ByEnglish.TryGetValue(name, out var code)
            ? new Place(PlaceKind.Province, code)
            : new Place(PlaceKind.Unknown, -1);
    }
}
