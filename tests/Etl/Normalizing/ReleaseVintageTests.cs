using Warehouse.Etl.Normalizing;
using Warehouse.Etl.Parsing;
using Warehouse.Etl.Staging;

namespace Warehouse.Tests.Etl.Normalizing;

/// <summary>The release of a portal export's values: its footnote, else the spec, else its archive date.</summary>
[TestFixture]
public sealed class ReleaseVintageTests
{
    private static readonly DateTimeOffset Archived = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    [Test]
    public void A_footnote_naming_a_year_revised_after_a_census_splits_the_years()
    {
        var byYear = ReleaseVintage.FromFootnotes(["注：1.本表按当年价格计算。", "2.2018年数据为根据第四次全国经济普查资料修订后数据。"])!;
        Assert.Multiple(() =>
        {
            Assert.That(byYear(2019), Is.EqualTo(("econ_census_4", (DateOnly?)new DateOnly(2019, 11, 1))));
            Assert.That(byYear(2018).Label, Is.EqualTo("econ_census_4"));
            Assert.That(byYear(2017), Is.EqualTo(("before_econ_census_4", (DateOnly?)new DateOnly(2019, 10, 31))));
        });
    }

    [TestCase("注：按照我国国民经济核算数据修订制度和国际通行做法，在第五次全国经济普查后，对1992年-2023年地区生产总值历史数据进行了系统修订。", "econ_census_5")]
    [TestCase("Note: data were revised systematically after the Fourth National Economic Census.", "econ_census_4")]
    public void A_footnote_saying_the_series_was_revised_after_a_census_dates_every_year(string note, string release) =>
        Assert.That(ReleaseVintage.FromFootnotes([note])!(1995).Label, Is.EqualTo(release));

    [Test]
    public void A_census_mentioned_without_a_revision_says_nothing() =>
        Assert.That(ReleaseVintage.FromFootnotes(["数据来源：第四次全国经济普查公报"]), Is.Null);

    [Test]
    public void Without_a_footnote_the_spec_dates_the_release_and_without_a_spec_the_archive_date_labels_it()
    {
        Observation[] rows = [Row(null, 2018), Row(2019, 2018)];
        var pinned = ReleaseVintage.Stamp(rows, ["数据来源：国家统计局"], "2024-03", Archived);
        var archived = ReleaseVintage.Stamp(rows, [], null, Archived);
        Assert.Multiple(() =>
        {
            Assert.That((pinned[0].Release, pinned[0].ReleaseDate), Is.EqualTo(("spec 2024-03", (DateOnly?)new DateOnly(2024, 3, 1))));
            Assert.That((archived[0].Release, archived[0].ReleaseDate), Is.EqualTo(("archived 2026-11-30", (DateOnly?)null)));
            Assert.That((pinned[1].Release, archived[1].Release), Is.EqualTo(((string?)null, (string?)null)), "a yearbook edition is its own release");
        });
    }

    /// <summary>The three real GDP exports of ../shared: their footnotes say which release each year is from.</summary>
    [TestCase("nbs-portal/fsnd_gdp_2015_2019.xls", 2018, "econ_census_4")]
    [TestCase("nbs-portal/fsnd_gdp_2015_2019.xls", 2017, "before_econ_census_4")]
    [TestCase("nbs-portal/fsnd_gdp_2006_2024_gb18030.csv", 2018, "econ_census_5")]
    [TestCase("nbs-portal/AnnualbyProvince_gdp_2004_2023_english.xls", 2018, null)]
    public void Real_exports_carry_their_release_in_the_footnote(string sample, int year, string? release)
    {
        var path = TestPaths.RealSample(sample);
        var parsed = TableReader.Read(File.ReadAllBytes(path), path);
        var byYear = ReleaseVintage.FromFootnotes(parsed.Tables.SelectMany(t => t.Footnotes.Concat(t.TitleLines)));
        Assert.That(byYear?.Invoke(year).Label, Is.EqualTo(release));
    }

    private static Observation Row(int? edition, short year) =>
        new("nbs_provincial", edition, "gdp", 11, year, "gdp", null, 1.0, "100M yuan", "亿元", "ab", "B3");
}
