using System.Diagnostics;
using System.Text;
using Warehouse.Bench.Transform;
using Warehouse.Etl.Cli;
using Warehouse.Etl.Transform;
using Warehouse.Tests.Sql.Support;
using Warehouse.Tests.Support;

namespace Warehouse.Tests.Docs;

/// <summary>The docs site as a dbt user browses it (issue 13 item 4), in headless Chromium on a real warehouse whose data
/// tests ran: the index loads with every link resolving, a relation page lists its columns with types and its tests
/// with their last results, the search box filters, the lineage SVG has one linked node per relation; and
/// <c>docs serve</c> serves it on loopback only. A screenshot of the index is attached.</summary>
[TestFixture]
[NonParallelizable]
public sealed class DocsSiteTests
{
    private const string RunId = "20260101T000000Z-docs";
    private string folder = null!;
    private string config = null!;
    private string db = null!;
    private string site = null!;
    private string log = null!;

    [OneTimeSetUp]
    public void BuildWarehouseAndSite()
    {
        folder = Path.Combine(Path.GetTempPath(), "wh-docs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        config = Path.Combine(folder, "pipelines.yml");
        File.Copy(RepositoryPaths.PipelinesYml, config);
        db = Path.Combine(folder, "warehouse.duckdb");
        using (var warehouse = new TestWarehouse(db))
        {
            warehouse.Load(SyntheticStaging.Generate());
            warehouse.Transform();
            DataTestRunner.Run(warehouse.Connection, RunId, TimeProvider.System);
        }
        site = Path.Combine(folder, "site");
        using var output = new StringWriter();
        Assert.That(DocsCommand.Run(config, db, site, output), Is.EqualTo(ExitCodes.Ok), output.ToString());
        log = output.ToString();
    }

    [OneTimeTearDown]
    public void Remove() => Directory.Delete(folder, recursive: true);

    private static int RelationCount => ModelCatalog.Load().Relations.Count + SchemaTables.Read().Count;

    [Test]
    public async Task The_index_loads_with_every_link_resolving_and_fits_the_viewport()
    {
        var layout = await HeadlessChromium.MeasureAsync(site, "index.html", 1280);
        Assert.Multiple(() =>
        {
            Assert.That(layout.Title, Does.Contain("Warehouse docs"));
            Assert.That(layout.Links, Is.GreaterThan(2 * RelationCount), "list and lineage link every relation");
            Assert.That(layout.BrokenLinks, Is.Empty, "every link of the index (list and lineage boxes) resolves");
            Assert.That(layout.ScrollWidth, Is.LessThanOrEqualTo(layout.ClientWidth), "nothing wider than the viewport: " + string.Join(", ", layout.Wide));
            Assert.That(log, Does.Contain($"({RelationCount} relations)"));
        });
        var html = File.ReadAllText(Path.Combine(site, "index.html"));
        Assert.That(html, Does.Not.Match("(src|href)=\"(https?:)?//"), "offline: nothing is loaded from another site");
    }

    [Test]
    public async Task A_relation_page_has_its_columns_types_tests_and_their_last_results()
    {
        var page = await HeadlessChromium.EvaluateAsync(site, "relations/main.panel.html", """
            const rows = t => [...d.querySelectorAll('table.' + t + ' tbody tr')].map(r => [...r.cells].map(c => c.textContent.trim()));
            const links = h => [...d.querySelectorAll('h2')].find(x => x.textContent === h).nextElementSibling;
            return { columns: rows('columns'), tests: rows('tests'),
                     upstream: [...links('Upstream').querySelectorAll('a')].map(a => a.getAttribute('href')),
                     broken: (await Promise.all([...d.querySelectorAll('a[href]')].map(a => fetch(a.href).then(r => r.ok ? null : a.href)))).filter(x => x) };
            """);
        var columns = page.GetProperty("columns").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetString()!).ToArray()).ToList();
        var tests = page.GetProperty("tests").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetString()!).ToArray()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(columns.Select(c => c[0]), Is.EqualTo(new[] { "province_code", "province", "region", "year", "ln_etc", "co", "co_sq", "rd", "fin", "fdi", "ti", "open", "ln_gdp_pc" }));
            Assert.That(columns.Single(c => c[0] == "co")[1], Is.EqualTo("DOUBLE"), "types come from the warehouse");
            Assert.That(columns.Single(c => c[0] == "co")[2], Is.Not.Empty, "descriptions come from the docs");
            Assert.That(tests, Is.Not.Empty);
            Assert.That(tests.Select(t => t[2]), Is.All.AnyOf("pass", "warn", "fail"), "every test shows its last result");
            Assert.That(tests.Select(t => t[4]), Is.All.EqualTo(RunId), "from the run that recorded it");
            Assert.That(tests.Select(t => t[0]), Has.Member("assert_no_unexplained_gaps"), "singular tests sit on their relation's page");
            Assert.That(page.GetProperty("upstream").EnumerateArray().Select(e => e.GetString()), Has.Member("main.ind_coagglomeration.html"));
            Assert.That(page.GetProperty("broken").GetArrayLength(), Is.Zero, "upstream and downstream links resolve");
        });
    }

    [Test]
    public async Task The_search_box_filters_relations_by_name_column_and_description()
    {
        var result = await HeadlessChromium.EvaluateAsync(site, "index.html", """
            const box = d.getElementById('search');
            const visible = () => [...d.querySelectorAll('#relations li')].filter(li => li.offsetParent !== null).map(li => li.dataset.name);
            const search = q => { box.value = q; box.dispatchEvent(new w.Event('input')); return { shown: visible(), count: d.getElementById('count').textContent }; };
            return { all: visible().length, co_sq: search('co_sq'), fingerprint: search('fingerprint'), both: search('province belts'), none: search('zzzz-no-such') };
            """);
        var all = result.GetProperty("all").GetInt32();
        string[] Shown(string key) => result.GetProperty(key).GetProperty("shown").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(all, Is.EqualTo(RelationCount));
            Assert.That(Shown("co_sq"), Has.Member("main.panel").And.Not.Member("main.dim_year"), "a column name finds its relation");
            Assert.That(Shown("co_sq").Length, Is.LessThan(all));
            Assert.That(Shown("fingerprint"), Has.Member("meta.schema_fingerprint"), "meta tables are searchable");
            Assert.That(Shown("both"), Has.Member("main.dim_province"), "words of a description");
            Assert.That(Shown("none"), Is.Empty);
            Assert.That(result.GetProperty("none").GetProperty("count").GetString(), Is.EqualTo($"0 of {all} relations"));
        });
    }

    [Test]
    public async Task The_lineage_svg_has_a_linked_node_per_relation_and_an_edge_per_dependency()
    {
        var result = await HeadlessChromium.EvaluateAsync(site, "index.html", """
            const svg = d.querySelector('svg.lineage');
            const nodes = [...svg.querySelectorAll('g.node')].map(g => ({ name: g.dataset.relation, href: g.parentNode.getAttribute('href'),
                                                                           box: g.querySelector('rect').getBBox() }));
            const edges = [...svg.querySelectorAll('path.edge')].map(p => p.dataset.from + ' -> ' + p.dataset.to);
            const overlaps = nodes.filter((a, i) => nodes.some((b, j) => j > i && a.box.x < b.box.x + b.box.width && b.box.x < a.box.x + a.box.width
                                                              && a.box.y < b.box.y + b.box.height && b.box.y < a.box.y + a.box.height)).length;
            const listed = [...d.querySelectorAll('#relations li')].map(li => li.dataset.name);
            return { nodes: nodes.map(n => n.name), hrefs: nodes.map(n => n.href), edges, overlaps, listed };
            """);
        var nodes = result.GetProperty("nodes").EnumerateArray().Select(e => e.GetString()!).ToList();
        var edges = result.GetProperty("edges").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(nodes, Is.EquivalentTo(result.GetProperty("listed").EnumerateArray().Select(e => e.GetString())), "one node per relation");
            Assert.That(nodes, Is.Unique);
            Assert.That(result.GetProperty("overlaps").GetInt32(), Is.Zero, "no two boxes overlap");
            Assert.That(result.GetProperty("hrefs").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(nodes.Select(n => $"relations/{n}.html")));
            Assert.That(edges, Has.Member("main.ind_coagglomeration -> main.panel").And.Member("staging.observation -> staging.stg_observation")
                .And.Member("main.fct_hightech -> main.ind_export_basket"));
        });
        await HeadlessChromium.ScreenshotAsync(site, "index.html", 1280, 2400, Path.Combine(folder, "docs-index.png"));
    }

    [Test]
    public async Task Docs_serve_on_a_port_in_use_is_a_one_line_error_with_exit_2()
    {
        var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var (code, _, stderr) = await Warehouse.Tests.Analysis.CliRunner.RunAsync("docs", "serve", "--port", port, "--config", config,
                "--db", db, "--out", Path.Combine(folder, "served-busy"));

            Assert.That(code, Is.EqualTo(ExitCodes.Usage), stderr);
            Assert.That(stderr, Does.Contain($"warehouse docs serve: cannot listen on 127.0.0.1:{port}: "));
        }
        finally
        {
            taken.Stop();
        }
    }

    [Test]
    public async Task Docs_serve_serves_the_site_on_loopback_until_stopped()
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "warehouse.dll"), "docs", "serve", "--port", "0", "--db", db, "--out", "served" })
            info.ArgumentList.Add(a);
        using var child = Process.Start(info)!;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var line = await child.StandardOutput.ReadLineAsync(timeout.Token);
            Assert.That(line, Does.Match(@"^serving the docs site .* at http://127\.0\.0\.1:\d+/ \(Ctrl\+C to stop\)$"), await Stderr(child));
            var url = new Uri(System.Text.RegularExpressions.Regex.Match(line!, @"http://127\.0\.0\.1:\d+/").Value);
            using var http = new HttpClient();
            var index = await http.GetStringAsync(new Uri(url, "index.html"));
            var page = await http.GetAsync(new Uri(url, "relations/meta.run.html"));
            var svg = await http.GetAsync(new Uri(url, "lineage.svg"));
            Assert.Multiple(() =>
            {
                Assert.That(index, Does.Contain("<svg").And.Contain("id=\"search\""));
                Assert.That(page.IsSuccessStatusCode, Is.True);
                Assert.That(svg.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/svg+xml"));
                Assert.That(child.HasExited, Is.False, "it keeps serving");
            });
        }
        finally
        {
            if (!child.HasExited) child.Kill(entireProcessTree: true);
        }
    }

    private static async Task<string> Stderr(Process child) => child.HasExited ? await child.StandardError.ReadToEndAsync() : "";
}
