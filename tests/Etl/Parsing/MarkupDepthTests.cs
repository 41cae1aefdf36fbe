using Warehouse.Etl.Parsing;

namespace Warehouse.Tests.Etl.Parsing;

[TestFixture]
public sealed class MarkupDepthTests
{
    [TestCase("<div><div><div>", 3)]
    [TestCase("<div></div><div>", 1)]
    [TestCase("<table><tr><td><td><TD><p><br>", 1)]
    [TestCase("<div/><span />", 0)]
    [TestCase("<div><", 1)]
    [TestCase("<div>< div><1><!-- <b> -->", 2)]
    [TestCase("", 0)]
    [TestCase("<a <b/>", 0)]
    [TestCase("<a><b/><c>", 2)]
    public void Counts_elements_left_open(string page, int depth) =>
        Assert.That(MarkupDepth.OpenTags(page, 100), Is.EqualTo(depth));

    [Test]
    public void Tags_are_found_wherever_they_fall_against_the_sixteen_character_steps()
    {
        for (var offset = 0; offset < 40; offset++)
        {
            var page = new string('x', offset) + "<b><i></i><u><s/><td><em";
            Assert.That(MarkupDepth.OpenTags(page, 100), Is.EqualTo(3), $"offset {offset}");
        }
    }

    [Test]
    public void Stops_counting_past_the_limit() =>
        Assert.That(MarkupDepth.OpenTags(string.Concat(Enumerable.Repeat("<div>", 2000)), 10), Is.EqualTo(11));

    [Test]
    public void A_page_of_open_tags_without_any_closing_bracket_is_scanned_once_not_once_per_tag()
    {
        // 10 MB of "<a</a": every "<a" asks where its tag ends. Searching the rest of the page each time took 69 s on
        // a 5 MB page; remembering the next '>' makes it one pass. The bound is far above either way's noise.
        var page = string.Concat(Enumerable.Repeat("<a</a", 2_000_000));
        var scan = Task.Run(() => MarkupDepth.OpenTags(page, 100));
        Assert.That(scan.Wait(TimeSpan.FromSeconds(20)), Is.True, "the scan did not end within 20 s");
        Assert.That(scan.Result, Is.EqualTo(1));
    }
}
