using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Warehouse.Demo.Serving;

namespace Warehouse.Tests.Demo;

/// <summary><c>demo serve</c>: the mirror over real HTTP on 127.0.0.1.</summary>
[TestFixture]
public sealed class DemoHttpServerTests
{
    private DemoHttpServer server = null!;
    private HttpClient http = null!;

    [SetUp]
    public void Start()
    {
        server = DemoHttpServer.Start(DemoMirrorFixture.Root);
        http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
    }

    [TearDown]
    public async Task Stop()
    {
        http.Dispose();
        await server.DisposeAsync();
    }

    [TestCase("labour/2012/urban_employment_by_sector.htm", "text/html")]
    [TestCase("labour/2020/urban_employment_by_sector.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [TestCase("hightech/2013/hightech_employment.htm", "text/html")]
    [TestCase("nbs/fsnd_gdp.csv", "text/csv")]
    [TestCase("MANIFEST.json", "application/json")]
    public async Task Serves_the_files_byte_for_byte(string relative, string contentType)
    {
        using var response = await http.GetAsync(relative);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(contentType));
        Assert.That(response.Content.Headers.ContentType?.CharSet, Is.Null, "no charset: the page's meta must decide");
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.EqualTo(File.ReadAllBytes(DemoMirrorFixture.PathOf(relative))));
    }

    [Test]
    public async Task A_folder_url_serves_its_index_page_whose_links_resolve()
    {
        var index = await http.GetStringAsync("hightech/2016/");
        Assert.That(index, Does.Contain("href='hightech_export_delivery.xlsx'"));
        using var table = await http.GetAsync(new Uri(new Uri(server.BaseAddress, "hightech/2016/"), "hightech_export_delivery.xlsx"));
        Assert.That(table.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("labour/2099/index.html")]
    [TestCase("labour/../../etc/passwd")]
    [TestCase("labour/%2e%2e/%2e%2e/etc/passwd")]
    public async Task Missing_files_and_paths_outside_the_root_are_404(string target)
    {
        // Raw socket so the client library cannot normalise the dot segments away before sending.
        var status = await RawStatusLine($"GET /{target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        Assert.That(status, Is.EqualTo("HTTP/1.1 404 Not Found"));
    }

    [Test]
    public async Task Etag_makes_a_repeated_request_a_304()
    {
        using var first = await http.GetAsync("nbs/fsnd_population.csv");
        var etag = first.Headers.ETag;
        Assert.That(etag, Is.Not.Null);

        using var request = new HttpRequestMessage(HttpMethod.Get, "nbs/fsnd_population.csv");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag!.Tag));
        using var second = await http.SendAsync(request);
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
    }

    [Test]
    public async Task Head_answers_headers_only_and_other_methods_are_refused()
    {
        using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "nbs/fsnd_gdp.csv"));
        Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(head.Content.Headers.ContentLength, Is.EqualTo(new FileInfo(DemoMirrorFixture.PathOf("nbs/fsnd_gdp.csv")).Length));

        using var post = await http.PostAsync("nbs/fsnd_gdp.csv", new StringContent("x"));
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
    }

    [Test]
    public void Listens_on_loopback_only()
    {
        Assert.That(server.BaseAddress.Host, Is.EqualTo("127.0.0.1"));
        Assert.That(server.Port, Is.GreaterThan(0));
    }

    private async Task<string> RawStatusLine(string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, server.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadLineAsync() ?? string.Empty;
    }
}
