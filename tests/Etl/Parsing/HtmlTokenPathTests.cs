using System.Text;
using Warehouse.Demo;
using Warehouse.Demo.Economy;
using Warehouse.Etl.Parsing;

namespace Warehouse.Tests.Etl.Parsing;

/// <summary>
/// The token path (<see cref="PageTreeBuilder"/>: grids straight from AngleSharp's tokens) against the DOM path
/// (AngleSharp's tree builder, then the same walker): every HTML page we have — the demo corpus, the fixtures, the real
/// samples saved as .xls — and hand-written malformed pages must give exactly the same grids or the same refusal,
/// whether the token path read the page or handed it to the DOM.
/// </summary>
[TestFixture]
public sealed class HtmlTokenPathTests
{
    [Test]
    public void Every_demo_corpus_page_gives_the_same_grids_on_both_paths()
    {
        var pages = DemoMirror.Files(DemoEconomy.Create(DemoCorpus.DefaultSeed))
            .Where(f => TableReader.DetectFormat(f.Content, f.Path) == TableFormat.Html)
            .Select(f => (f.Path, f.Content)).ToList();
        var framesets = pages.Count(p => p.Path.EndsWith("indexch.htm", StringComparison.Ordinal));
        Assert.That(CompareAll(pages), Is.EqualTo(pages.Count - framesets), "the token path reads every demo page but the frameset index pages itself");
    }

    [Test]
    public void Every_html_fixture_gives_the_same_grids_on_both_paths()
    {
        var folder = TestPaths.Fixture(string.Empty);
        var pages = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(p => (Path: p, Content: File.ReadAllBytes(p)))
            .Where(f => f.Content.Length > 0 && TableReader.DetectFormat(f.Content, f.Path) == TableFormat.Html)
            .ToList();
        Assert.That(pages, Has.Count.GreaterThanOrEqualTo(9));
        CompareAll(pages);
    }

    [Test]
    public void Every_real_sample_saved_as_html_gives_the_same_grids_on_both_paths()
    {
        var root = RepositoryPaths.RealSamples;
        if (!Directory.Exists(root))
            Assert.Ignore($"real samples folder {root} is absent");
        var pages = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(p => Path.GetExtension(p).ToLowerInvariant() is ".xls" or ".htm" or ".html")
            .Select(p => (Path: p, Content: File.ReadAllBytes(p)))
            .Where(f => TableReader.DetectFormat(f.Content, f.Path) == TableFormat.Html)
            .ToList();
        Assert.That(pages, Is.Not.Empty, "the real samples hold pages saved as .xls");
        var throughTokens = CompareAll(pages);
        Assert.That(throughTokens, Is.EqualTo(pages.Count), "the real pages are read by the token path itself");
    }

    /// <summary>Malformed and unusual pages: the expected path says whether the token path reads them itself.</summary>
    [TestCase("<table><tr><td>a<td>b<tr><td>c<td>d</table>", true, TestName = "Implied end tags of td and tr")]
    [TestCase("<table><thead><tr><th>h1<th>h2<tbody><tr><td>1<td>2<tfoot><tr><td>f<td>g</table>", true, TestName = "Sections closed by the next section")]
    [TestCase("<table><tfoot><tr><td>f</tfoot><tbody><tr><td>1</tbody><thead><tr><td>h</thead></table>", true, TestName = "Rows in thead, body, tfoot order")]
    [TestCase("<table><tr><td rowspan=2>a<td colspan=3>b<tr><td>c<td rowspan=0 colspan=5000>d</table>", true, TestName = "Spans clamped")]
    [TestCase("<table><tr><td rowspan='2x' colspan=' 2'>a<td colspan=2 colspan=3>b<td x:num=0.5 x:num=7>50%<td x:num>3</table>", true, TestName = "Odd and repeated span attributes")]
    [TestCase("<table><tr><td>a\n<td rowspan=2 x:num=5>5.0</td></tr><tr>\n <TD COLSPAN=2 class=x>b<td x:num=1.5 rowspan=1>1<td>c</td>\n<td x:num>2</table>", true, TestName = "Text right before cells whose spans and stored numbers the tokenizer hints")]
    [TestCase("<table><tr><td>a</td></td></tr></tr><td>b</table></td>after", true, TestName = "Stray end tags")]
    [TestCase("<p>unit</p><table><tr><td>a<table><tr><td>inner<td>x</table>tail<td>b</table><p>注：note", true, TestName = "Table inside a cell makes a layout table")]
    [TestCase("<div>title<table><tr><td>a<td>1</table></div>more text<br>line two", true, TestName = "Table inside a div")]
    [TestCase("<table><tr><td>a<td>1<tr><td>b<td>2", true, TestName = "Missing table end at EOF")]
    [TestCase("<table><tr><td>a<br>b<br/>c</td><td>x&amp;y&nbsp;&#20013;&lt;</td></tr></table>", true, TestName = "Line breaks and entities in cells")]
    [TestCase("<table><tr><td><p>one<p>two</td><td><div>d1</div><div>d2</div></td><td><ul><li>x<li>y</ul></td></table>", true, TestName = "Blocks inside cells")]
    [TestCase("<!-- c --><table><tr><td>a<!-- inside --><script>var x='<td>';</script><style>td{}</style>b</td></table><script>document.write('<table>')</script>", true, TestName = "Comments script and style")]
    [TestCase("<html><head><title>t &amp; t</title><meta charset=utf-8><style>p{}</style></head><body>text<table><tr><td>1</table></body></html>trailing", true, TestName = "Head content and text after html end")]
    [TestCase("leading text<table><tr><td>1</table>", true, TestName = "Text before any tag")]
    [TestCase("<table><tr><td>a</table><table><tr><td>b</table>注：only for the first<p>second's preamble</p><table><tr><td>c</table>", true, TestName = "Several tables with notes")]
    [TestCase("<table><tr><td>a<table><tr><td>b</td></tr></table></td></tr><table><tr><td>c</table>", true, TestName = "Table start inside a table closes it")]
    [TestCase("<table><col width=3><colgroup><col></colgroup><tr><td>a</table>", true, TestName = "Column groups")]
    [TestCase("<table><tr><td><b>bold</b> <font color=red>red</font> <span>s</span></td></tr></table>", true, TestName = "Inline elements in cells")]
    [TestCase("<table><tr><td><b>left open</td><td>b</table>", true, TestName = "Formatting element left open in a cell")]
    [TestCase("<table>stray text<tr><td>a</table>", false, TestName = "Text foster-parented out of a table")]
    [TestCase("<table><tr><div>x</div><td>a</table>", false, TestName = "Element foster-parented out of a table")]
    [TestCase("<b>x<p>y</b>z</p>", false, TestName = "Misnested formatting elements")]
    [TestCase("<table><tr><td><template><td>x</template></td></table>", false, TestName = "Template")]
    [TestCase("<table><caption>cap</caption><tr><td>a</table>", false, TestName = "Caption")]
    [TestCase("<p>para<table><tr><td>a</table>", false, TestName = "Table inside an open paragraph")]
    [TestCase("<table><tr><td><svg><td>x</svg>y</table>", false, TestName = "Foreign content")]
    [TestCase("a</p>b<table><tr><td>1</table>", false, TestName = "End p without p")]
    [TestCase("", true, TestName = "Empty page")]
    [TestCase("<p>a<!-- c -->b</p>x<!-- c -->y<table><tr><td>1<!--c-->2</table>", true, TestName = "Comments between texts")]
    [TestCase("a</<tr>b</ x>c<!x>d<?pi?>e<table><tr><td>1</\n<tr>2</table>", true, TestName = "Bogus comments between texts")]
    [TestCase("<table><tr><td>9</th>75.5</td><td>x</table>", false, TestName = "End th in a td")]
    [TestCase("<frameset><frame src=a.htm></frameset>", false, TestName = "Frameset")]
    public void Hand_written_page_gives_the_same_grids_on_both_paths(string html, bool throughTokens)
    {
        var page = Encoding.UTF8.GetBytes(html);
        Assert.That(Compare("snippet.htm", page), Is.EqualTo(throughTokens), "read by the token path itself");
    }

    /// <summary>
    /// Fixture pages cut and spliced at random tag boundaries (fixed seed): tags dropped, duplicated, moved and cut
    /// short, the kinds of damage a truncated download or a hand-edited page has.
    /// </summary>
    [Test]
    public void Mutated_fixture_pages_give_the_same_grids_on_both_paths()
    {
        var pages = Directory.EnumerateFiles(TestPaths.Fixture("html"))
            .Select(p => HtmlGridReader.Decode(File.ReadAllBytes(p), CharsetDetector.Decide(File.ReadAllBytes(p), null, null, sniffMeta: true).Encoding))
            .ToList();
        var random = new Random(20261201);
        var throughTokens = 0;
        const int mutants = 400;
        Assert.Multiple(() =>
        {
            for (var i = 0; i < mutants; i++)
            {
                var mutant = Mutate(pages[random.Next(pages.Count)], random);
                if (Compare($"mutant {i}", Encoding.UTF8.GetBytes(mutant)))
                    throughTokens++;
            }
        });
        TestContext.Out.WriteLine($"{throughTokens} of {mutants} mutants read by the token path itself");
        Assert.That(throughTokens, Is.GreaterThan(mutants / 4), "the token path reads a good share of damaged pages itself");
    }

    private static string Mutate(string page, Random random)
    {
        var tags = new List<int>();
        for (var at = page.IndexOf('<', StringComparison.Ordinal); at >= 0; at = page.IndexOf('<', at + 1))
            tags.Add(at);
        if (tags.Count < 2)
            return page;
        var sb = new StringBuilder(page);
        for (var edits = random.Next(1, 6); edits > 0; edits--)
        {
            var text = sb.ToString();
            var a = tags[random.Next(tags.Count)];
            if (a >= text.Length)
                continue;
            var end = text.IndexOf('>', a);
            var length = end < 0 ? text.Length - a : end - a + 1;
            var tag = text.Substring(a, length);
            switch (random.Next(4))
            {
                case 0:
                    sb.Remove(a, length);
                    break;
                case 1:
                    sb.Insert(a, tag);
                    break;
                case 2:
                    sb.Remove(a, length).Insert(Math.Min(tags[random.Next(tags.Count)], sb.Length), tag);
                    break;
                default:
                    sb.Length = Math.Min(sb.Length, a + random.Next(length));
                    break;
            }
        }

        return sb.ToString();
    }

    [Test]
    public void Deep_nesting_is_refused_alike_on_both_paths()
    {
        var limits = ReaderLimits.Default with { MaxHtmlDepth = 5 };
        var page = "<table><tr><td>" + string.Concat(Enumerable.Repeat("<span>", 8)) + "x</table>";
        var tokens = Outcome(() => HtmlGridReader.ToGrids(PageTreeBuilder.TryBuild(page, out _), "deep.htm", limits));
        var dom = Outcome(() => HtmlGridReader.ToGrids(HtmlGridReader.ParseDocument(page), "deep.htm", limits));
        Assert.That(tokens, Is.EqualTo(dom));
        Assert.That(tokens, Does.Contain("MaxHtmlDepth = 5"));
    }

    [Test]
    public void A_page_larger_than_the_pool_keeps_gets_new_nodes_past_it_and_reads_the_same()
    {
        var big = "<table>" + string.Concat(Enumerable.Range(0, PageNodePool.MaxKept / 4).Select(r => $"<tr><td rowspan=2>r{r}<td x:num=0.{r}>{r}%<td colspan=3>c</tr>")) + "</table>";
        var small = "<table><tr><td>a<td>1<tr><td>b<td>2</table>";
        var ownPool = new PageNodePool();
        foreach (var page in new[] { small, big, small, big })
        {
            var fresh = Outcome(() => HtmlGridReader.ToGrids(PageTreeBuilder.TryBuild(page, out _), "pool.htm"));
            var pooled = Outcome(() => HtmlGridReader.ToGrids(PageTreeBuilder.TryBuild(page.AsMemory(), out _, ownPool), "pool.htm"));
            Assert.That(pooled, Is.EqualTo(fresh));
            Assert.That(ownPool.Used, Is.LessThanOrEqualTo(PageNodePool.MaxKept));
        }

        Assert.That(ownPool.Used, Is.EqualTo(PageNodePool.MaxKept), "the big page used every node the pool keeps");
    }

    [ThreadStatic]
    private static PageNodePool? pool;

    /// <summary>Compares every page; returns how many the token path read itself (the rest went to the DOM, listed in the output).</summary>
    private static int CompareAll(IEnumerable<(string Path, byte[] Content)> pages)
    {
        var throughTokens = 0;
        Assert.Multiple(() =>
        {
            foreach (var (path, content) in pages)
            {
                if (Compare(path, content))
                    throughTokens++;
            }
        });
        return throughTokens;
    }

    /// <summary>Asserts both paths give the same grids (or the same error); true when the token path read the page itself.</summary>
    private static bool Compare(string path, byte[] content)
    {
        var charset = CharsetDetector.Decide(content, null, null, sniffMeta: true);
        var text = HtmlGridReader.Decode(content, charset.Encoding);
        var tree = PageTreeBuilder.TryBuild(text, out var gaveUp);
        if (gaveUp is not null)
            TestContext.Out.WriteLine($"{path}: DOM path ({gaveUp})");
        var dom = Outcome(() => HtmlGridReader.ToGrids(HtmlGridReader.ParseDocument(text), path));
        var tokens = gaveUp is null ? Outcome(() => HtmlGridReader.ToGrids(tree, path)) : dom;
        Assert.That(tokens, Is.EqualTo(dom), path);

        // The reader builds from nodes the pages before this one used (the pool carries them from test case to test case).
        var renewed = PageTreeBuilder.TryBuild(text.AsMemory(), out _, pool ??= new PageNodePool());
        var pooled = gaveUp is null ? Outcome(() => HtmlGridReader.ToGrids(renewed, path)) : dom;
        Assert.That(pooled, Is.EqualTo(dom), $"{path}: built from nodes of the pages read before it");
        if (tree is not null)
            Assert.That(tree.CountedDepth, Is.EqualTo(PageGridWalker.Depth(tree)), $"{path}: the depth counted while building");
        return gaveUp is null;
    }

    private static string Outcome(Func<IReadOnlyList<Grid>> read)
    {
        try
        {
            return Outcome(read());
        }
        catch (ParseException ex)
        {
            return "refused: " + ex.Message;
        }
    }

    /// <summary>Every cell of every grid, one line per row, so a difference shows where it is.</summary>
    private static string Outcome(IReadOnlyList<Grid> grids)
    {
        var sb = new StringBuilder();
        foreach (var grid in grids)
        {
            sb.Append("grid ").Append(grid.Source).Append('\n');
            foreach (var row in grid.Rows)
                sb.AppendJoin(" | ", row.Select(c => $"{c.Text}@{c.Location}[{c.SpanStart}+{c.SpanWidth}]{c.Stored}{(c.IsPercent ? "%" : string.Empty)}")).Append('\n');
        }

        return sb.ToString();
    }
}
