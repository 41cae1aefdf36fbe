using System.Text;
using Warehouse.Etl.Config.Profiles;
using Warehouse.Etl.Normalizing;
using Warehouse.Etl.Parsing;

namespace Warehouse.Tests.Etl.Normalizing;

/// <summary>A cell printed as a percentage is percent points with unit %, even where the table prints no unit line.</summary>
[TestFixture]
public sealed class PercentCellTests
{
    [Test]
    public void Percent_cells_are_percent_points_in_the_canonical_percent_unit()
    {
        const string html = "<p>1-8 各地区研究与试验发展(R&amp;D)经费投入强度</p><table><tr><td>地区</td><td>2022</td><td>2023</td></tr>" +
                            "<tr><td>全国</td><td>2.56%</td><td>2.65%</td></tr><tr><td>北京</td><td>6.83%</td><td>6.73%</td></tr></table>";
        var doc = TableReader.Read(Encoding.UTF8.GetBytes(html), "1-8.html");
        var profile = ProfileLoader.Bundled.Detect(doc);
        Assert.That(profile.Name, Is.EqualTo("rd_intensity_by_region"));
        var obs = ProfileApplier.Apply(doc, profile, new ProfileContext("sti", null, "1-8", "sha")).Observations;
        Assert.That(obs.Single(o => o.ProvinceCode == 11 && o.Year == 2023).Value, Is.EqualTo(6.73).Within(1e-12));
        Assert.That(obs.Select(o => (o.Indicator, o.Unit, o.RawUnit)).Distinct(), Is.EqualTo(new[] { ("rd_intensity", "%", "%") }));
    }
}
