using Warehouse.Etl.Vocabulary;

namespace Warehouse.Tests.Etl.Vocabulary;

[TestFixture]
public sealed class LabelTextTests
{
    [TestCase("北    京", "北京")]
    [TestCase("全\u3000\u3000国", "全国")]
    [TestCase("内 蒙 古", "内蒙古")]
    [TestCase("  National   Total ", "National Total")]
    [TestCase("北    京  Beijing", "北京 Beijing")]
    [TestCase("研发\n机构数\n(个)\nR&D\nInstitutions(unit)", "研发机构数 (个) R&D Institutions(unit)")]
    public void Whitespace_inside_Chinese_names_goes_and_English_is_trimmed(string raw, string expected)
    {
        Assert.That(LabelText.Normalize(raw), Is.EqualTo(expected));
    }

    [TestCase("北京①", "北京", "①")]
    [TestCase("Beijing*", "Beijing", "*")]
    [TestCase("Beijing a)", "Beijing", "a)")]
    [TestCase("天津(b)", "天津", "(b)")]
    [TestCase("Total", "Total", null)]
    public void Footnote_markers_are_stripped_and_kept(string raw, string label, string? marker)
    {
        Assert.That(LabelText.StripMarker(raw, out var note), Is.EqualTo(label));
        Assert.That(note, Is.EqualTo(marker));
    }
}
