using System.Globalization;
using System.Text.RegularExpressions;
using Warehouse.Etl.Staging;

namespace Warehouse.Etl.Normalizing;

/// <summary>
/// The release (publication vintage) of a portal export's values, so two releases of the same indicator and year
/// (GDP before and after an economic-census revision) are both kept and precedence picks the newest. In order of
/// authority: the export's own footnote (<c>注：…在第五次全国经济普查后，对…历史数据进行了系统修订</c> → every year
/// <c>econ_census_5</c>; <c>2018年数据为根据第四次全国经济普查资料修订后数据</c> → 2018 on <c>econ_census_4</c>, earlier
/// years <c>before_econ_census_4</c>), then the table's <c>release:</c> in pipelines.yml, then the date the bytes
/// were archived (a label only: it bounds the release from above but does not date it).
/// </summary>
/// <remarks>Yearbook tables are left alone: their edition is their release. Census revision dates are the month
/// the NBS published the national GDP revision after each economic census (1st 2005-12 … 5th 2024-12); the day before
/// it dates the unrevised years of a mixed export. Sources: the 3rd (NBS announcement of 19 Dec 2014) and 5th (26 Dec
/// 2024, Xinhua 26–27 Dec 2024) from press reports of the announcements; the 1st, 2nd and 4th months are unverified
/// here, and no real export prints a date. Provincial series follow the national revision (the 5th's in 2025), so
/// the dates are lower bounds (README "Vintages").</remarks>
public static partial class ReleaseVintage
{
    private static readonly DateOnly[] CensusRevision =
    [
        new(2005, 12, 1), new(2009, 12, 1), new(2014, 12, 1), new(2019, 11, 1), new(2024, 12, 1),
    ];

    /// <summary>Parses <c>YYYY</c>, <c>YYYY-MM</c> or <c>YYYY-MM-DD</c> to the first day it names.</summary>
    public static bool TryParseDate(string text, out DateOnly date)
    {
        string[] formats = ["yyyy", "yyyy-MM", "yyyy-MM-dd"];
        return DateOnly.TryParseExact(text.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    /// <summary>Stamps each undated (portal) observation with its release; observations with an edition pass unchanged.</summary>
    /// <param name="observations">A table's observations.</param>
    /// <param name="footnotes">The table's notes and preamble lines as printed.</param>
    /// <param name="spec">The table's <c>release:</c> (<c>YYYY[-MM[-DD]]</c>), or null.</param>
    /// <param name="archivedAt">When the bytes were archived.</param>
    public static IReadOnlyList<Observation> Stamp(IReadOnlyList<Observation> observations, IEnumerable<string> footnotes, string? spec, DateTimeOffset archivedAt)
    {
        if (observations.All(o => o.Edition is not null))
            return observations;
        var byYear = FromFootnotes(footnotes);
        (string Label, DateOnly? Date) fallback = spec is not null && TryParseDate(spec, out var pinned)
            ? ($"spec {spec.Trim()}", pinned)
            : ($"archived {archivedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}", null);
        return observations.Select(o =>
        {
            if (o.Edition is not null)
                return o;
            var (label, date) = byYear?.Invoke(o.Year) ?? fallback;
            return o with { Release = label, ReleaseDate = date };
        }).ToList();
    }

    /// <summary>The release per data year a footnote states, or null when no footnote speaks of a census revision.</summary>
    public static Func<int, (string Label, DateOnly? Date)>? FromFootnotes(IEnumerable<string> footnotes)
    {
        foreach (var note in footnotes)
        {
            var fromYear = RevisedFromYear().Match(note);
            if (fromYear.Success && Census(fromYear.Groups["n"].Value) is { } n)
            {
                var first = int.Parse(fromYear.Groups["year"].Value, CultureInfo.InvariantCulture);
                return year => year >= first
                    ? ($"econ_census_{n}", CensusRevision[n - 1])
                    : ($"before_econ_census_{n}", CensusRevision[n - 1].AddDays(-1));
            }

            var all = ChineseCensus().Match(note) is { Success: true } zh && note.Contains("修订", StringComparison.Ordinal) ? zh
                : EnglishCensus().Match(note) is { Success: true } en && note.Contains("revis", StringComparison.OrdinalIgnoreCase) ? en
                : null;
            if (all is not null && Census(all.Groups["n"].Value) is { } census)
                return _ => ($"econ_census_{census}", CensusRevision[census - 1]);
        }

        return null;
    }

    private static int? Census(string ordinal)
    {
        var n = ordinal.ToLowerInvariant() switch
        {
            "一" or "1" or "first" => 1,
            "二" or "2" or "second" => 2,
            "三" or "3" or "third" => 3,
            "四" or "4" or "fourth" => 4,
            "五" or "5" or "fifth" => 5,
            _ => 0,
        };
        return n is >= 1 and <= 5 ? n : null;
    }

    /// <summary><c>2018年数据为根据第四次全国经济普查资料修订后数据</c>: that year on is revised, earlier years are not.</summary>
    [GeneratedRegex(@"(?<year>(19|20)\d\d)年(及以后|以来)?(的)?数据(为|是|均为)?(根据|按照|依据)?第(?<n>[一二三四五\d])次全国经济普查(资料|结果)?修订")]
    private static partial Regex RevisedFromYear();

    [GeneratedRegex(@"第(?<n>[一二三四五\d])次全国经济普查")]
    private static partial Regex ChineseCensus();

    [GeneratedRegex(@"(?<n>first|second|third|fourth|fifth)\s+(national\s+)?economic\s+census", RegexOptions.IgnoreCase)]
    private static partial Regex EnglishCensus();
}
